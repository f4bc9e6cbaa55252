package dev.hil.drivers.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pacing is checked against a fake clock: sleeping advances it, nothing depends on wall time. */
class PacedPumpTest {
    /** A clock that jumps to whatever instant is slept until; it records every sleep. */
    static final class FakeClock implements PaceClock {
        long now;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepUntil(long deadline) {
            sleeps.add(deadline);
            now = Math.max(now, deadline);
        }
    }

    /** Records the fake instant at which each byte was handed on. */
    static final class TimedSink extends OutputStream {
        final FakeClock clock;
        final List<Long> byteTimes = new ArrayList<>();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        TimedSink(FakeClock clock) {
            this.clock = clock;
        }

        @Override
        public void write(int b) {
            byteTimes.add(clock.now);
            bytes.write(b);
        }
    }

    private static byte[] data(int n) {
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) {
            d[i] = (byte) (i * 31);
        }
        return d;
    }

    @Test
    void eachByteLeavesNoEarlierThanTenBitTimesAfterTheOneBefore() {
        FakeClock clock = new FakeClock();
        TimedSink sink = new TimedSink(clock);
        byte[] in = data(1000);
        // 1000 baud: a byte is 10 ms on the wire; chunks are 1 byte (10 ms of line time).
        new PacedPump("t", new ByteArrayInputStream(in), sink, 1000, clock).run();

        assertThat(sink.bytes.toByteArray()).isEqualTo(in);
        for (int i = 0; i < in.length; i++) {
            // byte i has fully arrived (i + 1) * 10 ms after the line started
            assertThat(sink.byteTimes.get(i)).isEqualTo((i + 1) * 10_000_000L);
        }
        assertThat(clock.now).isEqualTo(10_000_000_000L);
    }

    @Test
    void at115200ThroughputIsElevenThousandFiveHundredTwentyBytesPerSecond() {
        FakeClock clock = new FakeClock();
        TimedSink sink = new TimedSink(clock);
        new PacedPump("t", new ByteArrayInputStream(data(11_520)), sink, 115_200, clock).run();
        assertThat(sink.bytes.size()).isEqualTo(11_520);
        assertThat(clock.now).isEqualTo(1_000_000_000L);
        // Never ahead of the line: byte i arrives no earlier than its stop bit.
        for (int i = 0; i < sink.byteTimes.size(); i++) {
            assertThat(sink.byteTimes.get(i)).isGreaterThanOrEqualTo((long) i * 10 * 1_000_000_000L / 115_200);
        }
    }

    @Test
    void anIdleLineEarnsNoCreditForALaterBurst() {
        FakeClock clock = new FakeClock();
        TimedSink sink = new TimedSink(clock);
        // Input that goes quiet for 5 s (fake) after the first 3 bytes, then sends 3 more.
        InputStream bursty = new InputStream() {
            int i;

            @Override
            public int read() {
                if (i == 3) {
                    clock.now += 5_000_000_000L;
                }
                return i < 6 ? i++ : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int c = read();
                if (c < 0) {
                    return -1;
                }
                b[off] = (byte) c;
                return 1;
            }
        };
        new PacedPump("t", bursty, sink, 1000, clock).run();
        long restart = 30_000_000L + 5_000_000_000L;
        assertThat(sink.byteTimes).containsExactly(10_000_000L, 20_000_000L, 30_000_000L,
                restart + 10_000_000L, restart + 20_000_000L, restart + 30_000_000L);
    }

    @Test
    void baudZeroNeverSleeps() {
        FakeClock clock = new FakeClock();
        TimedSink sink = new TimedSink(clock);
        byte[] in = data(100_000);
        PacedPump pump = new PacedPump("t", new ByteArrayInputStream(in), sink, 0, clock);
        pump.run();
        assertThat(sink.bytes.toByteArray()).isEqualTo(in);
        assertThat(clock.sleeps).isEmpty();
        assertThat(pump.bytesCopied()).isEqualTo(in.length);
        assertThat(pump.failure()).isNull();
    }
}
