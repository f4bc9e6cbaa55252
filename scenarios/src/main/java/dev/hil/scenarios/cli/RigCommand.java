package dev.hil.scenarios.cli;

import dev.hil.core.rig.RigInUse;
import dev.hil.core.rig.Rig;
import dev.hil.core.rig.RigSpec;
import dev.hil.scenarios.engine.RigFactory;
import dev.hil.scenarios.file.InputError;
import dev.hil.scenarios.file.RigFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hil rig check --rig R}: the lab's health check before a job ({@link RigHealthCheck}), and,
 * where the device reports its slot size, the rig's profile against it ({@link ProfileCheck}).
 * Exit 0 healthy, 1 on a rig fault, 2 on a bad rig file or a board another harness holds.
 */
@Command(name = "rig", mixinStandardHelpOptions = true, description = "Rig commands.", subcommands = RigCommand.Check.class)
final class RigCommand {
    @Command(name = "check", mixinStandardHelpOptions = true, description = "Health check: lock, power-cycle, port return, echo round trips, image list, reset and boot-mode pulses; exit 1 on a rig fault.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rig", required = true, description = "Rig description file (YAML).")
        Path rigFile;

        @Option(names = "--state", defaultValue = "target/hil-state", description = "Rig state folder (default: ${DEFAULT-VALUE}).")
        Path state;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            RigSpec rigSpec;
            try {
                rigSpec = RigFiles.load(rigFile);
            } catch (InputError e) {
                e.all().forEach(p -> err.println(p.getMessage()));
                return 2;
            }
            try (Rig rig = RigFactory.open(rigSpec, state.resolve(rigSpec.name()))) {
                if (!new RigHealthCheck(rig, rigSpec.profile(), out, err).run()) {
                    return 1;
                }
                out.println("rig " + rig.name() + ": OK, powered off");
                return 0;
            } catch (RigInUse e) {
                err.println(rigFile + ": " + e.getMessage());
                return 2;
            } catch (dev.hil.core.rig.RigFault e) {
                err.println("rig " + rigSpec.name() + ": rig fault: " + e.getMessage());
                return 1;
            }
        }
    }
}
