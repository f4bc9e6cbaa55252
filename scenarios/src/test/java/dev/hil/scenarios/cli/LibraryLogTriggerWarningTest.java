package dev.hil.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * hil validate warns about every log: trigger in a suite marked library: true (a library scenario
 * must hold on any correct board), without turning it into an error; other suites are left alone.
 */
class LibraryLogTriggerWarningTest {
    private static final String SCENARIO = """
            id: LIB-LOG-1
            title: a cut on a device log line
            traceability: {requirements: [R-1], risks: [H-1]}
            given:
              running: images/app-1.0.0.signed
            when:
              update: {image: images/app-1.1.0.signed}
            faults:
              - power-cut: {at: {phase: swap}, off-for: 1s}
              - power-cut: {at: {all-of: [{transferred: 10%}, {nth: 2, of: {log: "swap: start"}}]}, off-for: 1s}
            then:
              recovers: {to: any-of: [given, update], within: 30s}
            """.replace("to: any-of: [given, update]", "to: {any-of: [given, update]}");

    @TempDir
    Path suite;

    private record Run(int exit, String out, String err) {
    }

    private Run validate(Path... paths) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Hil.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] args = new String[paths.length + 1];
        args[0] = "validate";
        for (int i = 0; i < paths.length; i++) {
            args[i + 1] = paths[i].toString();
        }
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    private Path suiteWith(String marker) throws Exception {
        Files.writeString(suite.resolve("hil-suite.yaml"), "name: s\ntest-images: images\n" + marker);
        return Files.writeString(suite.resolve("log-cut.yaml"), SCENARIO);
    }

    @Test
    void aLogTriggerInALibraryIsWarnedAboutAtItsLineAndTheExitStaysZero() throws Exception {
        Path file = suiteWith("library: true\n");

        Run r = validate(file);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("warning: " + file + ":10:5: power-cut triggers on the device log /swap: start/")
                .contains("use a rig-mapped phase").contains("OK: 1 scenario case(s)");
        assertThat(r.out().lines().filter(l -> l.startsWith("warning:"))).as("the phase trigger is fine").hasSize(1);
    }

    @Test
    void aSuiteNotMarkedAsLibraryGetsNoWarning() throws Exception {
        Path file = suiteWith("");
        Run r = validate(file);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).doesNotContain("warning:");
    }

    @Test
    void theStandardLibraryIsMarkedAndHasNoLogTrigger() {
        Path library = Path.of("library").toAbsolutePath();
        assertThat(library.resolve("hil-suite.yaml")).content().contains("library: true");
        Run r = validate(library);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("warning:");
    }
}
