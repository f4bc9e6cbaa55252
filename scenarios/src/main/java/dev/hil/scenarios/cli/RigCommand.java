package dev.hil.scenarios.cli;

import static org.awaitility.Awaitility.await;

import dev.hil.core.device.ImageSlot;
import dev.hil.core.rig.ResetLine;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hil rig check --rig R}: power-cycles the device once and reads what it runs; on a rig
 * with a reset line, also pulses it and checks that the device restarted (its boot log line
 * came, when the rig maps a {@code boot} phase) and answers again; where the device reports its
 * slot size, checks the rig's profile against it ({@link ProfileCheck}).
 */
@Command(name = "rig", mixinStandardHelpOptions = true, description = "Rig commands.", subcommands = RigCommand.Check.class)
final class RigCommand {
    @Command(name = "check", mixinStandardHelpOptions = true, description = "Power-cycle the device once and list its images; exit 1 if it does not answer.")
    static final class Check implements Callable<Integer> {
        private static final Duration RESET_HOLD = Duration.ofMillis(100);

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
                if (!ProfileCheck.matches(rig.name(), rigSpec.profile(), rig.device(), out, err)) {
                    rig.power().off();
                    return 1;
                }
                if (rig.resetLine().isPresent() && !resetRestartsTheDevice(rig, rig.resetLine().get(), out, err)) {
                    rig.power().off();
                    return 1;
                }
                rig.power().off();
                out.println("rig " + rig.name() + ": OK, powered off");
                return 0;
            }
        }
    
        /**
         * Holds reset for a moment with the supply on, releases it, and waits for the device to
         * restart: it must log something after the release (a bootloader banner; a reset pin that is
         * not wired leaves the device silent) and answer the protocol again.
         */
        private static boolean resetRestartsTheDevice(Rig rig, ResetLine reset, PrintWriter out, PrintWriter err) {
            AtomicBoolean released = new AtomicBoolean();
            List<String> linesAfter = new CopyOnWriteArrayList<>();
            try (AutoCloseable ignored = rig.log().onLine(line -> {
                if (released.get()) {
                    linesAfter.add(line);
                }
            })) {
                reset.hold();
                Thread.sleep(RESET_HOLD.toMillis());
                released.set(true);
                reset.release();
                await("device restarts after reset").atMost(rig.bootBudget()).pollInterval(Duration.ofMillis(100))
                        .ignoreExceptions().until(() -> !linesAfter.isEmpty() && rig.device().images() != null);
            } catch (ConditionTimeoutException e) {
                err.println("rig " + rig.name() + ": after a reset pulse of " + RESET_HOLD.toMillis() + " ms the device "
                        + (linesAfter.isEmpty() ? "logged nothing" : "did not answer") + " within the boot budget of "
                        + rig.bootBudget().toMillis() + " ms: is the reset line wired to the device's reset pin?");
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                err.println("rig " + rig.name() + ": reset line: " + e.getMessage());
                return false;
            }
            out.println("reset line: pulsed " + RESET_HOLD.toMillis() + " ms with power on; the device restarted ("
                    + linesAfter.get(0) + ") and answers");
            return true;
        }
    }
}
