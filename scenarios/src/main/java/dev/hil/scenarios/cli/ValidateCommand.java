package dev.hil.scenarios.cli;

import dev.hil.scenarios.engine.SuitePreflight;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hil validate PATH...}: the engine's own preflight without a run: loads and checks scenario
 * files (and a rig file, and what each scenario needs of it) without touching a device.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check scenario files (and optionally a rig file); exit 2 on any problem.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rig", description = "Also check this rig file, and that it can carry the scenarios.")
    Path rig;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files or folders.")
    List<Path> paths;

    @Override
    public Integer call() {
        SuitePreflight in = SuitePreflight.check(Optional.ofNullable(rig), paths);
        PrintWriter out = spec.commandLine().getOut();
        in.warnings().forEach(w -> out.println("warning: " + w));
        out.flush();
        if (!in.ok()) {
            return BadInputReport.print(spec.commandLine().getErr(), in.messages());
        }
        in.skipped().forEach(s -> out.println("skipped: " + s.id() + " (" + s.file() + "): " + s.reason()));
        out.println("OK: " + in.caseCount() + " scenario case(s) in " + in.units().size()
                + " file(s)" + in.rig().map(r -> ", rig " + r.name()).orElse("")
                + (in.phaseSweepCount() == 0 ? "" : ", plus " + in.phaseSweepCount()
                        + " sweep(s) whose points a reference run counts on the rig")
                + (in.skipped().isEmpty() ? "" : "; " + in.skipped().size() + " file(s) skipped: the rig cannot run them"));
        out.flush();
        return 0;
    }
}
