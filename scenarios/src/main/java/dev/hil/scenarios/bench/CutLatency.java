package dev.hil.scenarios.bench;

import static org.awaitility.Awaitility.await;

import dev.hil.core.device.DeviceException;
import dev.hil.core.fault.Fault;
import dev.hil.core.fault.FaultCatalog;
import dev.hil.core.image.FirmwareImage;
import dev.hil.core.link.LinkDownException;
import dev.hil.core.link.LinkTap;
import dev.hil.core.link.SerialLink;
import dev.hil.core.rig.BoardRig;
import dev.hil.core.rig.Rig;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.SourceMark;
import dev.hil.drivers.process.CutPriority;
import dev.hil.drivers.process.ProcessBoard;
import dev.hil.scenarios.engine.RigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Trigger→SIGKILL latency of the product's power cut. Each sample is the {@code power-cut} fault
 * the catalog builds from {@code at: {bytes: N}}, armed by its own trigger on the link of a real
 * process rig, cutting a real upload to the device program over the PTY; the cut goes the rig's
 * whole power path (power switch, Pi4J mock pin, relay, device kill). Each step is stamped; the
 * bare kill of a process is measured in the same invocation as the baseline.
 */
final class CutLatency {
    private static final SourceMark MARK = new SourceMark(Path.of("bench-latency.yaml"), 1, 1);
    /** Cuts before the measured ones: first runs load classes and run interpreted; reported apart. */
    static final int WARM_UP = 3;
    private static final double GOAL_MS = 1.0;

    private final BenchSetup setup;

    CutLatency(BenchSetup setup) {
        this.setup = setup;
    }

    void run(int samples) throws Exception {
        FirmwareImage image = setup.updateImage();
        FaultCatalog catalog = FaultCatalog.load();
        Random random = new Random(setup.seed() + 1);
        List<CutSample> cuts = new ArrayList<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fault-scheduler");
            t.setDaemon(true);
            return t;
        });
        try (Rig r = RigFactory.open(setup.spec(), setup.state().resolve("latency"))) {
            @SuppressWarnings("unchecked")
            BoardRig<ProcessBoard> rig = (BoardRig<ProcessBoard>) r;
            rig.power().on();
            for (int i = 0; i < WARM_UP + samples; i++) {
                cuts.add(cut(rig, catalog, image, random.nextInt(image.size() + 1), scheduler));
            }
            rig.power().off();
        } finally {
            scheduler.shutdownNow();
        }
        report(cuts.subList(0, WARM_UP), cuts.subList(WARM_UP, cuts.size()), BareKill.SYSCALL.measure(samples),
                BareKill.JDK.measure(samples));
    }

    /** One real cut at image byte {@code n}; the device is powered and comes back on by itself. */
    private CutSample cut(BoardRig<ProcessBoard> rig, FaultCatalog catalog, FirmwareImage image, long n,
                          ScheduledExecutorService scheduler) {
        CutBench.awaitAnswer(rig);
        Fault fault = catalog.create(new FaultSpec("power-cut",
                Map.of("at", Map.of("bytes", n), "off-for", "100ms"), MARK));
        BenchFaultContext context = new BenchFaultContext(rig, scheduler, image.size(), setup.seed());
        BoundaryStamp stamp = new BoundaryStamp(rig.link(), n);
        rig.link().addTap(stamp); // ahead of the trigger's tap: called first at the same byte
        try {
            fault.trigger().arm(context, observed -> {
                context.fired();
                fault.inject(context, observed);
                context.injected();
            });
            rig.device().upload(image, acked -> { });
        } catch (DeviceException | LinkDownException expected) {
            // the cut ends the upload
        } finally {
            fault.trigger().disarm();
            rig.link().removeTap(stamp);
        }
        long cutError = rig.link().imageBytesWritten() - n;
        if (context.returnedNanos() == 0) {
            throw new IllegalStateException("power cut at image byte " + n + " never fired");
        }
        await("power back after off-for").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> !fault.active());
        fault.release(context);
        return new CutSample(stamp.nanos, context.firedNanos(), context.switchNanos(),
                rig.board().processDevice().lastKill().orElseThrow(), context.returnedNanos(), cutError, stamp.leaked);
    }

    private void report(List<CutSample> warmUp, List<CutSample> cuts, double[] baseline, double[] jdk) {
        Percentiles total = percentiles(cuts, CutSample.TRIGGER_TO_KILL);
        Percentiles base = Percentiles.of(baseline);
        setup.out().printf("  product power-cut path over %d real cuts (after %d warm-up cuts: %s):%n", cuts.size(),
                warmUp.size(), millisOf(warmUp));
        setup.out().printf("    %-80s %8s %8s %8s %8s%n", "step (ms)", "p50", "p90", "p99", "max");
        for (CutSample.Step step : CutSample.STEPS) {
            row(step.name(), percentiles(cuts, step));
        }
        row(BareKill.SYSCALL.what, base);
        row(BareKill.JDK.what, Percentiles.of(jdk));
        setup.out().printf("  kill(2) at real-time priority: %s%n", CutPriority.refusal().map(r -> "no, " + r).orElse("yes"));
        setup.out().printf("  ratio trigger->SIGKILL / baseline: p50 %.2f, p99 %.2f%n", total.at(50) / base.at(50),
                total.at(99) / base.at(99));
        setup.out().printf("  goal p99 < %.0f ms on the virtual relay: %s (p99 %.3f ms)%n", GOAL_MS,
                total.at(99) < GOAL_MS ? "MET" : "NOT MET", total.at(99));
        setup.out().printf("  cut position over those cuts: max error %d image bytes; wire bytes that left the host after"
                        + " a cut: %d%n", cuts.stream().mapToLong(c -> Math.abs(c.cutError())).max().orElse(0),
                cuts.stream().mapToLong(CutSample::leakedBytes).sum());
        setup.out().flush();
    }

    private void row(String name, Percentiles p) {
        setup.out().printf("    %-80s %8.3f %8.3f %8.3f %8.3f%n", name, p.at(50), p.at(90), p.at(99), p.at(100));
    }

    private static Percentiles percentiles(List<CutSample> cuts, CutSample.Step step) {
        return Percentiles.of(cuts.stream().mapToDouble(step::millis).toArray());
    }

    private static String millisOf(List<CutSample> cuts) {
        return String.join(", ", cuts.stream()
                .map(c -> String.format("%.3f ms", CutSample.TRIGGER_TO_KILL.millis(c))).toList());
    }

    /** Stamps the instant the link reaches the image byte and counts what is written after it. */
    private static final class BoundaryStamp implements LinkTap {
        private final SerialLink link;
        private volatile long boundary;
        volatile long nanos;
        volatile long leaked;

        BoundaryStamp(SerialLink link, long n) {
            this.link = link;
            this.boundary = n;
        }

        @Override
        public long imageBoundary() {
            return boundary;
        }

        @Override
        public void atImageBoundary(long imageBytes, long wireBytes) {
            nanos = System.nanoTime();
            boundary = -1;
        }

        @Override
        public void onWrite(byte[] data, int off, int len) {
            if (nanos != 0) {
                leaked += len;
            }
        }
    }
}
