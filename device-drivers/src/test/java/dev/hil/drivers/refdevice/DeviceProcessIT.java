package dev.hil.drivers.refdevice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.drivers.smp.SmpPacket;
import dev.hil.drivers.smp.SmpPayload;
import dev.hil.drivers.smp.SmpSerialFraming;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as the rig runs it: a separate JVM on stdin/stdout, killed like a power cut.
 * The jar is rigs/reference-device's, packaged before this module's integration tests run (the
 * test-scoped dependency on reference-device orders the reactor).
 */
@Timeout(120) // hang guard only
class DeviceProcessIT {
    static final Path JAR = Path.of("..", "rigs", "reference-device", "target", "virtual-device.jar");

    @TempDir
    Path dir;

    private Process start(List<String> log, String... extra) throws IOException {
        Path pem = dir.resolve("trust.pem");
        if (!Files.exists(pem)) {
            Bench.KEY.writePublic(pem);
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "--state", dir.resolve("state").toString(), "--trust", pem.toString(),
                "--slot-sectors", "4"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).start();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    log.add(line);
                }
            } catch (IOException e) {
                log.add("log reader: " + e);
            }
        });
        t.setDaemon(true);
        t.start();
        return p;
    }

    @Test
    void provisionsThroughRecoveryAndSurvivesAKill() throws Exception {
        assertThat(JAR).as("virtual-device.jar (built at package, before this integration test)").exists();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        // Warm the host-side codec first, so the figure below is the device's start-up, not ours.
        SmpSerialFraming.encode(SmpPacket.of(SmpPacket.OP_WRITE, 0, 0, 0, Map.of("d", "warm")));
        SmpPayload.decode(SmpPayload.encode(Map.of("r", "warm")).cbor());
        long t0 = System.nanoTime();
        Process p = start(log);
        HostSide host = new HostSide(p.getInputStream(), p.getOutputStream());
        assertThat(host.echo("ping")).containsEntry("r", "ping");
        System.out.printf("virtual device: first SMP answer %d ms after launch%n", (System.nanoTime() - t0) / 1_000_000);
        host.upload(SmpEndToEndTest.V1, 512);
        host.resetAndWait();
        assertThat(host.list().get(0)).containsEntry("active", true).containsEntry("version", "1.0.0");
        p.destroyForcibly().waitFor(); // SIGKILL: the rig's power-off

        Process again = start(log);
        HostSide host2 = new HostSide(again.getInputStream(), again.getOutputStream());
        assertThat(host2.list().get(0)).containsEntry("active", true).containsEntry("version", "1.0.0");
        again.getOutputStream().close();
        assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
        log.stream().filter(l -> l.startsWith("device: ready")).forEach(System.out::println);
        assertThat(log).contains("boot: recovery (slot 0 is erased)", "app: running version 1.0.0")
                .anyMatch(l -> l.startsWith("device: ready in "));
    }

    @Test
    void unknownDefectExitsWithTwo() throws Exception {
        assertThat(JAR).as("virtual-device.jar (built at package, before this integration test)").exists();
        Bench.KEY.writePublic(dir.resolve("trust.pem"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "--state", dir.resolve("state").toString(), "--trust", dir.resolve("trust.pem").toString(),
                "--defect", "no-such-bug").start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(err).contains("unknown defect 'no-such-bug'");
    }
}
