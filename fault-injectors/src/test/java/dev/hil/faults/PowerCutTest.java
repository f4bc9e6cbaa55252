package dev.hil.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hil.core.fault.Fault;
import dev.hil.core.link.ImageSpan;
import dev.hil.core.link.LinkDownException;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.SourceMark;
import dev.hil.faults.power.PowerFaults;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PowerCutTest {
    private static final SourceMark MARK = new SourceMark(Path.of("s.yaml"), 1, 1);

    /** Sends an image in frames of 3 header bytes + 2 wire bytes per image byte + 1 trailer byte. */
    private static void send(BenchRig rig, int imageBytes, int chunk) {
        rig.link.startImage(imageBytes);
        for (int off = 0; off < imageBytes; off += chunk) {
            int n = Math.min(chunk, imageBytes - off);
            byte[] wire = new byte[3 + 2 * n + 1];
            int[] prefix = new int[n + 1];
            for (int k = 0; k <= n; k++) {
                prefix[k] = 3 + 2 * k;
            }
            try {
                rig.link.write(wire, new ImageSpan(off, prefix));
            } catch (LinkDownException e) {
                return;
            }
        }
    }

    /** Wire bytes a correct cut after image byte n leaves on the wire for this framing. */
    private static long expectedWire(long n, int chunk) {
        if (n == 0) {
            return 3;
        }
        long fullChunks = (n - 1) / chunk; // frames before the one holding byte n
        long inFrame = n - fullChunks * chunk;
        return fullChunks * (3 + 2L * chunk + 1) + 3 + 2 * inFrame;
    }

    // Power stays off for the rest of each case: a short off-for would let the restore race the
    // next write after a GC pause, and what is checked here is only where the cut landed.
    private static Fault cut(Map<String, Object> at) {
        return new PowerFaults().create(new FaultSpec("power-cut", Map.of("at", at, "off-for", "10m"), MARK));
    }

    @Test
    void cutLandsAfterExactlyTheRequestedImageByteAtEveryOffset() {
        int size = 777;
        int chunk = 64;
        for (long n = 0; n <= size; n++) {
            BenchRig rig = new BenchRig(size, Map.of());
            Fault f = cut(Map.of("bytes", n));
            f.trigger().arm(rig, observed -> f.inject(rig, observed));
            send(rig, size, chunk);
            assertThat(rig.wireAtOff).as("wire bytes on the wire when cut after image byte %d", n)
                    .isEqualTo(expectedWire(n, chunk));
            assertThat(rig.link.imageBytesWritten()).isEqualTo(n);
            rig.close();
        }
    }

    @Test
    void percentageMeansFloorOfTheImageSize() {
        Random r = new Random(42);
        for (int i = 0; i < 200; i++) {
            int size = 1 + r.nextInt(50_000);
            int pct = r.nextInt(101);
            BenchRig rig = new BenchRig(size, Map.of());
            Fault f = cut(Map.of("transferred", pct + "%"));
            f.trigger().arm(rig, observed -> f.inject(rig, observed));
            send(rig, size, 256);
            assertThat(rig.link.imageBytesWritten()).isEqualTo((long) size * pct / 100);
            rig.close();
        }
    }

    @Test
    void phaseTriggerUsesTheRigsLogPatternAndFiresOnce() {
        BenchRig rig = new BenchRig(10, Map.of("swap", "swap: start"));
        Fault f = cut(Map.of("phase", "swap"));
        int[] fired = {0};
        f.trigger().arm(rig, observed -> {
            fired[0]++;
            f.inject(rig, observed);
        });
        rig.logLine("boot: start");
        assertThat(rig.on).isTrue();
        rig.logLine("swap: start type=test");
        rig.logLine("swap: start type=test");
        assertThat(fired[0]).isEqualTo(1);
        assertThat(rig.on).isFalse();
        assertThat(rig.timeline.render()).contains("phase swap").contains("swap: start type=test");
        rig.close();
    }

    @Test
    void phaseTheRigDoesNotMapIsAClearError() {
        BenchRig rig = new BenchRig(10, Map.of("boot", "boot: slot"));
        Fault f = cut(Map.of("phase", "swap"));
        assertThatThrownBy(() -> f.trigger().arm(rig, o -> { }))
                .hasMessageContaining("maps no phase 'swap'");
        rig.close();
    }

    @Test
    void badParametersNameTheProblem() {
        assertThatThrownBy(() -> cut(Map.of("transferred", "fifty")))
                .hasMessageContaining("not a percentage");
        assertThatThrownBy(() -> cut(Map.of("bytez", 3))).hasMessageContaining("unknown trigger");
        assertThatThrownBy(() -> new PowerFaults().create(new FaultSpec("power-cut", Map.of("at", Map.of("bytes", 1),
                "offfor", "1s"), MARK))).hasMessageContaining("no parameter 'offfor'");
    }
}
