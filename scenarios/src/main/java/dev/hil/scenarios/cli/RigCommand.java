package dev.hil.scenarios.cli;

import static org.awaitility.Awaitility.await;

import dev.hil.core.device.ImageSlot;
import dev.hil.core.rig.Rig;
import dev.hil.core.rig.RigSpec;
import dev.hil.scenarios.engine.RigFactory;
import dev.hil.scenarios.file.InputError;
import dev.hil.scenarios.file.RigFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hil rig check --rig R}: power-cycles the device once and reads what it runs. */
@Command(name = "rig", description = "Rig commands.", subcommands = RigCommand.Check.class)
final class RigCommand {
    @Command(name = "check", description = "Power-cycle the device once and list its images; exit 1 if it does not answer.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rig", required = true, description = "Rig description file (YAML).")
        Path rigFile;

        @Option(names = "--state", defaultValue = "target/hil-state", description = "Rig state folder (default: ${DEFAULT-VALUE}).")
        Path state;

        @Override
        public Integer call() {
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
                rig.power().off();
                rig.power().on();
                out.println("rig " + rig.name() + ": power cycled");
                AtomicReference<List<ImageSlot>> images = new AtomicReference<>();
                AtomicReference<String> lastError = new AtomicReference<>("none");
                try {
                    await("device answers").atMost(rig.bootBudget()).pollInterval(Duration.ofMillis(100))
                            .until(() -> {
                                try {
                                    images.set(rig.device().images());
                                    return true;
                                } catch (RuntimeException e) {
                                    lastError.set(e.getMessage());
                                    return false;
                                }
                            });
                } catch (ConditionTimeoutException e) {
                    err.println("rig " + rig.name() + ": device did not answer within the boot budget of "
                            + rig.bootBudget().toMillis() + " ms (last error: " + lastError.get() + ")");
                    return 1;
                }
                out.println("echo: " + rig.device().echo("hil rig check"));
                if (images.get().isEmpty()) {
                    out.println("images: none (the device is in recovery mode: erased or no valid image)");
                }
                images.get().forEach(i -> out.println("image: " + i));
                rig.power().off();
                out.println("rig " + rig.name() + ": OK, powered off");
                return 0;
            }
        }
    }
}
