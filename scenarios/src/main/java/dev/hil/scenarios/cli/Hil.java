package dev.hil.scenarios.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hil} command line (design.md section 3). Exit 0 ok, 1 failures, 2 bad input. */
@Command(name = "hil", mixinStandardHelpOptions = true, versionProvider = Hil.Version.class,
        description = "Fault-injection test harness for device software updates.",
        subcommands = {RunCommand.class, ValidateCommand.class, RigCommand.class, KeysCommand.class,
                ImageCommand.class, EvidenceCommand.class, ReportCommand.class, QualifyCommand.class, BenchCommand.class})
public final class Hil implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run it in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Hil());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("hil: internal error: " + e);
            e.printStackTrace(line.getErr());
            return 3;
        });
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command (run, validate, report, qualify, rig, keys, image, evidence, bench)");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Hil.class.getPackage().getImplementationVersion();
            return new String[] {"hil " + (v != null ? v : "dev")};
        }
    }
}
