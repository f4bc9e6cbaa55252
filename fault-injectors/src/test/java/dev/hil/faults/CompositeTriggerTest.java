package dev.hil.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hil.core.fault.Trigger;
import dev.hil.faults.trigger.RandomImageByte;
import dev.hil.faults.trigger.TriggerClause;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompositeTriggerTest {
    private static final LineUpload UPLOAD = new LineUpload(1000, 64, 10);

    /** Arms the clause on a fresh rig; firings land in {@code fired} with the image byte count then. */
    private static Trigger armed(BenchRig rig, Object clause, List<String> fired) {
        Trigger t = TriggerClause.parse(clause);
        t.arm(rig, observed -> fired.add(rig.link.imageBytesWritten() + " | " + observed));
        return t;
    }

    @Test
    void anyOfFiresOnceOnTheFirstAndDisarmsTheRest() {
        BenchRig rig = new BenchRig(UPLOAD.size, Map.of());
        List<String> fired = new ArrayList<>();
        armed(rig, Map.of("any-of", List.of(Map.of("bytes", 700), Map.of("log", "swap: start"), Map.of("bytes", 300))),
                fired);
        UPLOAD.send(rig.link);
        rig.logLine("swap: start");
        assertThat(fired).singleElement().asString().startsWith("300 | any-of: bytes 300 first");
        rig.close();
    }

    @Test
    void allOfFiresWhenTheLastOneFiresWhateverTheOrder() {
        BenchRig rig = new BenchRig(UPLOAD.size, Map.of("swap", "swap: start"));
        List<String> fired = new ArrayList<>();
        armed(rig, Map.of("all-of", List.of(Map.of("phase", "swap"), Map.of("bytes", 400))), fired);
        rig.logLine("swap: start");
        assertThat(fired).isEmpty();
        UPLOAD.send(rig.link);
        assertThat(fired).singleElement().asString().startsWith("400 | all-of, last bytes 400")
                .contains("phase swap at device log: swap: start");
        rig.logLine("swap: start");
        assertThat(fired).hasSize(1);
        rig.close();
    }

    @Test
    void nthCountsLogOccurrences() {
        BenchRig rig = new BenchRig(UPLOAD.size, Map.of());
        List<String> fired = new ArrayList<>();
        armed(rig, Map.of("nth", 3, "of", Map.of("log", "smp: dropped")), fired);
        rig.logLine("smp: dropped frame: a");
        rig.logLine("boot: slot 0");
        rig.logLine("smp: dropped frame: b");
        assertThat(fired).isEmpty();
        rig.logLine("smp: dropped frame: c");
        rig.logLine("smp: dropped frame: d");
        assertThat(fired).singleElement().asString().contains("occurrence 3 of log /smp: dropped/")
                .contains("frame: c");
        assertThat(rig.timeline.render()).contains("occurrence 1").contains("occurrence 2");
        rig.close();
    }

    @Test
    void nthOfAnImageByteMeansTheKthUploadAttemptReachingIt() {
        BenchRig rig = new BenchRig(UPLOAD.size, Map.of());
        List<String> fired = new ArrayList<>();
        armed(rig, Map.of("nth", 2, "of", Map.of("bytes", 250)), fired);
        UPLOAD.send(rig.link);
        UPLOAD.sendChunk(rig.link, 192); // a retransmitted chunk holding byte 250 is not a new occurrence
        assertThat(fired).isEmpty();
        rig.link.startImage(UPLOAD.size); // the client's next attempt
        UPLOAD.sendChunk(rig.link, 0);
        UPLOAD.sendChunk(rig.link, 64);
        UPLOAD.sendChunk(rig.link, 128);
        assertThat(fired).isEmpty();
        UPLOAD.sendChunk(rig.link, 192);
        assertThat(fired).singleElement().asString().startsWith("250 | occurrence 2 of bytes 250");
        rig.close();
    }

    @Test
    void randomPicksTheSameByteForTheSameSeedWithinItsRange() {
        List<Long> picks = new ArrayList<>();
        for (long seed : new long[] {1, 1, 2, 3}) {
            BenchRig rig = new BenchRig(UPLOAD.size, Map.of());
            rig.seed = seed;
            List<String> fired = new ArrayList<>();
            Trigger t = armed(rig, Map.of("random", Map.of("from", "10%", "to", "90%")), fired);
            UPLOAD.send(rig.link);
            long at = Long.parseLong(fired.get(0).split(" ")[0]);
            assertThat(at).isBetween(100L, 900L);
            assertThat(t.describe()).contains("seed " + seed + " picked byte " + at);
            assertThat(at).isEqualTo(RandomImageByte.pick(seed, 100, 900));
            picks.add(at);
            rig.close();
        }
        assertThat(picks.get(0)).isEqualTo(picks.get(1));
        assertThat(picks.subList(1, 4)).doesNotHaveDuplicates();
    }

    @Test
    void randomAcceptsByteCountsAndRejectsBadRanges() {
        BenchRig rig = new BenchRig(UPLOAD.size, Map.of());
        List<String> fired = new ArrayList<>();
        armed(rig, Map.of("random", Map.of("from", 10, "to", 10)), fired);
        UPLOAD.send(rig.link);
        assertThat(fired).singleElement().asString().startsWith("10 |");
        rig.close();
        assertThatThrownBy(() -> TriggerClause.parse(Map.of("random", Map.of("from", "90%", "to", "10%"))))
                .hasMessageContaining("'from' (90%) is above 'to' (10%)");
        assertThatThrownBy(() -> TriggerClause.parse(Map.of("random", Map.of("from", "10%", "to", 500))))
                .hasMessageContaining("must both be percentages or both byte counts");
        assertThatThrownBy(() -> TriggerClause.parse(Map.of("random", Map.of("from", "10%"))))
                .hasMessageContaining("'random' takes {from: P%, to: P%}");
        BenchRig small = new BenchRig(50, Map.of());
        Trigger past = TriggerClause.parse(Map.of("random", Map.of("from", 10, "to", 60)));
        assertThatThrownBy(() -> past.arm(small, o -> { })).hasMessageContaining("past the end of the 50-byte");
        small.close();
    }

    @Test
    void compositeSyntaxErrorsNameTheProblem() {
        assertThatThrownBy(() -> TriggerClause.parse(Map.of("all-of", List.of())))
                .hasMessageContaining("'all-of' takes a non-empty list");
        assertThatThrownBy(() -> TriggerClause.parse(Map.of("any-of", Map.of("bytes", 3))))
                .hasMessageContaining("'any-of' takes a non-empty list");
        assertThatThrownBy(() -> TriggerClause.parse(Map.of("nth", 2)))
                .hasMessageContaining("'nth' needs 'of'");
        assertThatThrownBy(() -> TriggerClause.parse(Map.of("nth", 0, "of", Map.of("log", "x"))))
                .hasMessageContaining("'nth' must be 1 or more");
        assertThatThrownBy(() -> TriggerClause.parse(Map.of("nth", 2, "of", Map.of("after", "1s"))))
                .hasMessageContaining("happens only once");
        assertThatThrownBy(() -> TriggerClause.parse(Map.of("any-of", List.of(Map.of("bytez", 1)))))
                .hasMessageContaining("unknown trigger 'at: {bytez");
    }
}
