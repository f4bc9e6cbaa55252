package dev.hil.reports.allure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutorInfoTest {

    @Test
    void jenkinsBuildIsNamedAndLinked() {
        ExecutorInfo info = ExecutorInfo.fromEnvironment(Map.of("JENKINS_URL", "https://ci.lab/", "JOB_NAME", "hil-nightly",
                "BUILD_NUMBER", "311", "BUILD_URL", "https://ci.lab/job/hil-nightly/311/"));
        assertThat(info).isEqualTo(new ExecutorInfo("hil", "jenkins", "https://ci.lab/", 311L, "hil-nightly #311",
                "https://ci.lab/job/hil-nightly/311/"));
    }

    @Test
    void genericCiWithoutNumericBuildLeavesOrderUnset() {
        ExecutorInfo info = ExecutorInfo.fromEnvironment(Map.of("CI", "true", "BUILD_NUMBER", "r-12"));
        assertThat(info.type()).isEqualTo("ci");
        assertThat(info.buildOrder()).isNull();
        assertThat(info.buildName()).isEqualTo("#r-12");
    }

    @Test
    void plainCiAndLocalRuns() {
        assertThat(ExecutorInfo.fromEnvironment(Map.of("CI", "true")))
                .isEqualTo(new ExecutorInfo("hil", "ci", null, null, null, null));
        assertThat(ExecutorInfo.fromEnvironment(Map.of()))
                .isEqualTo(new ExecutorInfo("hil", "local", null, null, null, null));
    }
}
