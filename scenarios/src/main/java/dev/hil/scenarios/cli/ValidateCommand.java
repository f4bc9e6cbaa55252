package dev.hil.scenarios.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hil validate PATH...}: loads and checks scenario files (and a rig file) without touching a device. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check scenario files (and optionally a rig file); exit 2 on any problem.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rig", description = "Also check this rig file.")
    Path rig;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files or folders.")
    List<Path> paths;

    @Override
    public Integer call() {
        SuiteInput in = SuiteInput.load(rig, paths);
        if (!in.ok()) {
            in.report(spec.commandLine().getErr());
            return 2;
        }
        spec.commandLine().getOut().println("OK: " + in.scenarios.size() + " scenario case(s) in " + in.files.size()
                + " file(s)" + (rig != null ? ", rig " + in.rig.name() : "")
                + (in.phaseSweeps.isEmpty() ? "" : ", plus " + in.phaseSweeps.size()
                        + " sweep(s) whose points a reference run counts on the rig"));
        return 0;
    }
}
