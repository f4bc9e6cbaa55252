package dev.hil.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * CLI conventions: every command and subcommand answers {@code --help} with its usage and exit 0,
 * and output that is not a terminal carries no ANSI escapes. The commands are walked from the
 * real command tree, so a command added later is covered without editing this test.
 */
class HelpOnEveryCommandTest {
    static Stream<List<String>> everyCommand() {
        List<List<String>> paths = new ArrayList<>();
        walk(Hil.commandLine(), new ArrayList<>(), paths);
        return paths.stream();
    }

    private static void walk(CommandLine cl, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().aliases().equals(new String[0]) && !name.equals(sub.getCommandName())) {
                return; // an alias of a command already walked
            }
            List<String> next = new ArrayList<>(path);
            next.add(name);
            walk(sub, next, into);
        });
    }

    @ParameterizedTest(name = "hil {0} --help")
    @MethodSource("everyCommand")
    void answersHelpWithItsUsageAndNoEscapes(List<String> command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Hil.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(command);
        args.add("--help");

        // picocli warns about a malformed description (an unescaped %) on System.err, not on err.
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        java.io.PrintStream systemErr = System.err;
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        int exit;
        try {
            exit = cl.execute(args.toArray(String[]::new));
        } finally {
            System.setErr(systemErr);
        }

        String all = out + "\n" + err + "\n" + warnings;
        assertThat(warnings.toString()).as(all).isEmpty();
        assertThat(exit).as(all).isZero();
        assertThat(out.toString()).as(all).startsWith("Usage: " + String.join(" ", Stream.concat(
                Stream.of("hil"), command.stream()).toList()));
        assertThat(all).doesNotContain("\u001b").doesNotContain("Unknown option");
    }
}
