package dev.hil.reports.allure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Allure 2 matches messageRegex with String.matches over the whole message; so do these tests. */
class DefectCategoriesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "did not recover within the 30 s budget",
        "verify took 2.4 s, over the 2 s Budget",
        "recovery timed out after 30 s",
        "boot: slot 1\nstill booting\nexceeded boot budget (10 s)"})
    void budgetMessagesAreBudgetOverrunsOnly(String message) {
        assertThat(message.matches(DefectCategories.BUDGET_REGEX)).isTrue();
        assertThat(message.matches(DefectCategories.PRODUCT_DEFECT_REGEX)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "device accepted an unsigned image",
        "running image hash does not match any signed image\nexpected ab12 got cd34",
        "budgetary is not a word the runner uses", // whole words only
        ""})
    void otherFailuresAreProductDefectsOnly(String message) {
        assertThat(message.matches(DefectCategories.PRODUCT_DEFECT_REGEX)).isTrue();
        assertThat(message.matches(DefectCategories.BUDGET_REGEX)).isFalse();
    }
}
