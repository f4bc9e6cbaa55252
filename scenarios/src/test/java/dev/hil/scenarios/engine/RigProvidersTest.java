package dev.hil.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hil.core.rig.Board;
import dev.hil.core.rig.BoardProvider;
import dev.hil.core.rig.BoardRig;
import dev.hil.core.rig.ProtocolProvider;
import dev.hil.core.rig.Rig;
import dev.hil.core.rig.RigAssembly;
import dev.hil.core.rig.RigSpec;
import dev.hil.drivers.process.ProcessBoard;
import dev.hil.drivers.process.ProcessBoards;
import dev.hil.drivers.qemu.QemuMachine;
import dev.hil.drivers.smp.SmpClient;
import dev.hil.drivers.uboot.AbBootDevice;
import dev.hil.scenarios.file.RigFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rig is a board provider's board with a protocol provider's device on it, found by ServiceLoader. */
class RigProvidersTest {
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private static RigSpec withProtocol(RigSpec s, String protocol) {
        return new RigSpec(s.file(), s.root(), s.name(), s.device(), protocol, s.power(), s.trustKey(), s.bootBudget(),
                s.phases());
    }

    private static RigSpec qemuRig() throws Exception {
        RigSpec spec = RigFiles.load(PROJECT.resolve("rigs/qemu-uboot.yaml"));
        assumeTrue(Files.isRegularFile(spec.device().firmware()), "u-boot-qemu is not installed");
        return spec;
    }

    @Test
    void theProvidersOnTheClasspathAreTheHarnessBoardsAndProtocols() {
        RigAssembly assembly = RigAssembly.load();
        assertThat(assembly.boardKinds()).containsExactly("process", "qemu", "serial");
        assertThat(assembly.protocolNames()).containsExactly("smp", "uboot");
    }

    @Test
    void smpOnAProcessBoardAnswersThroughTheProviders() throws Exception {
        RigSpec spec = RigFiles.load(PROJECT.resolve("rigs/virtual.yaml"));
        // Built by rigs/reference-device before this module's tests; a stale path here used to skip silently.
        assertThat(PROJECT.resolve("rigs/reference-device/target/virtual-device.jar")).isRegularFile();
        try (Rig rig = RigAssembly.load().open(spec, tmp.resolve("state"))) {
            assertThat(((BoardRig<?>) rig).board()).isInstanceOf(ProcessBoard.class);
            assertThat(rig.device()).isInstanceOf(SmpClient.class);
            assertThat(rig.resetLine()).isPresent();
            rig.power().on();
            assertThat(echoWithinBoot(rig)).isEqualTo("hello");
        }
    }

    /** The device boots for a while: ask again until it answers, within the rig's boot budget. */
    private static String echoWithinBoot(Rig rig) throws InterruptedException {
        long deadline = System.nanoTime() + rig.bootBudget().toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return rig.device().echo("hello");
            } catch (RuntimeException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new AssertionError("no echo within the boot budget", last);
    }

    @Test
    void ubootOnQemuAndSmpOnTheSameBoardComposeWithNoWiringAndShareTheStateLock() throws Exception {
        RigSpec uboot = qemuRig();
        Path state = tmp.resolve("qemu-state");
        try (Rig rig = RigAssembly.load().open(uboot, state)) {
            assertThat(((BoardRig<?>) rig).board()).isInstanceOf(QemuMachine.class);
            assertThat(rig.device()).isInstanceOf(AbBootDevice.class);
            assertThatThrownBy(() -> RigAssembly.load().open(withProtocol(uboot, "smp"), state))
                    .hasMessageContaining("is in use by another harness");
        }
        try (Rig rig = RigAssembly.load().open(withProtocol(uboot, "smp"), state)) {
            assertThat(((BoardRig<?>) rig).board()).isInstanceOf(QemuMachine.class);
            assertThat(rig.device()).isInstanceOf(SmpClient.class);
        }
    }

    @Test
    void anUnknownKindOrProtocolIsNamedWithTheRigFileAndTheProvidersThereAre() throws Exception {
        RigSpec spec = RigFiles.load(PROJECT.resolve("rigs/virtual.yaml"));
        RigSpec container = spec.withDevice(new RigSpec.DeviceSpec("container", List.of(), "pty", 115_200));
        assertThatThrownBy(() -> RigAssembly.load().open(container, tmp.resolve("s")))
                .hasMessage(spec.file() + ": device kind 'container' has no board provider (available: process, qemu, serial)");
        assertThatThrownBy(() -> RigAssembly.load().open(withProtocol(spec, "swupdate"), tmp.resolve("s")))
                .hasMessage(spec.file() + ": protocol 'swupdate' has no protocol provider (available: smp, uboot)");
        assertThat(tmp.resolve("s")).doesNotExist();
        RigSpec portless = spec.withDevice(new RigSpec.DeviceSpec("serial", List.of(), "pty", 115_200));
        assertThatThrownBy(() -> RigAssembly.load().open(portless, tmp.resolve("p")))
                .hasMessage(spec.file() + ": a serial board needs device.port");
    }

    /** A board whose link is a CAN bus: no UART protocol suits it. */
    private static final class CanBoards implements BoardProvider {
        @Override
        public String kind() {
            return "can-node";
        }

        @Override
        public String link() {
            return "can";
        }

        @Override
        public Board open(RigSpec spec, Path stateDir) {
            throw new AssertionError("an unsuitable pair must be refused before the board opens");
        }
    }

    @Test
    void anUnsuitablePairIsRefusedBeforeTheBoardOpens() throws Exception {
        RigSpec spec = RigFiles.load(PROJECT.resolve("rigs/virtual.yaml"));
        RigAssembly assembly = new RigAssembly(List.of(new ProcessBoards(), new CanBoards()),
                ServiceLoader.load(ProtocolProvider.class));
        RigSpec can = spec.withDevice(new RigSpec.DeviceSpec("can-node", List.of(), "can0", 0));
        assertThatThrownBy(() -> assembly.open(can, tmp.resolve("c")))
                .hasMessage(spec.file() + ": protocol 'smp' talks over uart, but a 'can-node' board gives a can link"
                        + " (protocols for it: )");
        assertThat(assembly.problem("process", "uboot")).isEmpty();
    }
}
