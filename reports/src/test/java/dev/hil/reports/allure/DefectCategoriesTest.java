package dev.hil.reports.allure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.core.run.FailureCode;
import dev.hil.core.run.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Allure 2 matches messageRegex with String.matches over the whole message; so do these tests. */
class DefectCategoriesTest {

    @ParameterizedTest
    @EnumSource(value = FailureCode.class, names = {"BUDGET_OVERRUN", "NO_ANSWER"})
    void budgetCodesAreBudgetOverrunsOnly(FailureCode code) {
        String message = DefectCategories.message(code, "image check took 1400 ms\nover the budget of 1s");
        assertThat(message.matches(DefectCategories.BUDGET_REGEX)).isTrue();
        assertThat(message.matches(DefectCategories.PRODUCT_DEFECT_REGEX)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = FailureCode.class, names = {"WRONG_IMAGE", "NOT_REJECTED", "NO_ACTIVE_IMAGE",
            "SIGNATURE_INVALID", "DEVICE_REFUSED", "FAULT_NEVER_FIRED", "PROVISIONING_FAILED"})
    void otherFailedCodesAreProductDefectsOnly(FailureCode code) {
        String message = DefectCategories.message(code, "no answer within the budget of 30s"); // the words do not count
        assertThat(message.matches(DefectCategories.PRODUCT_DEFECT_REGEX)).isTrue();
        assertThat(message.matches(DefectCategories.BUDGET_REGEX)).isFalse();
    }

    @Test
    void everyFailedCodeLandsInExactlyOneFailedCategory() {
        for (FailureCode code : FailureCode.values()) {
            if (code.status() != Status.FAILED) {
                continue;
            }
            String message = DefectCategories.message(code, "x");
            assertThat(message.matches(DefectCategories.BUDGET_REGEX) ^ message.matches(DefectCategories.PRODUCT_DEFECT_REGEX))
                    .as(code.name()).isTrue();
        }
    }

    @Test
    void aMessageWithoutACodeIsInNoFailedCategory() {
        assertThat("device did not recover within the 30 s budget".matches(DefectCategories.BUDGET_REGEX)).isFalse();
        assertThat("device did not recover".matches(DefectCategories.PRODUCT_DEFECT_REGEX)).isFalse();
    }
}
