package dev.hil.scenarios.bench;

import static org.awaitility.Awaitility.await;

import dev.hil.core.fault.FaultCatalog;
import dev.hil.core.image.FirmwareImage;
import dev.hil.core.link.LinkTap;
import dev.hil.core.rig.Rig;
import dev.hil.core.rig.RigSpec;
import dev.hil.core.run.Outcome;
import dev.hil.core.run.ScenarioRunner;
import dev.hil.core.run.Status;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.ImageRole;
import dev.hil.core.scenario.Scenario;
import dev.hil.core.scenario.SourceMark;
import dev.hil.scenarios.engine.RigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The power-cut benchmark of the end-to-end slice, each figure next to a baseline measured in the
 * same invocation: cut cases per minute vs clean-update cases, the tap overhead, and the cut
 * position error over random cut points ({@link CutLatency} has the trigger→SIGKILL latency).
 */
final class CutBench {
    private final BenchSetup setup;

    CutBench(BenchSetup setup) {
        this.setup = setup;
    }

    Scenario scenario(String id, List<FaultSpec> faults, ImageRole to) {
        return new Scenario(id, id, new Scenario.Traceability(List.of("BENCH"), List.of()),
                setup.library().resolve("bench.yaml"), setup.library(),
                new Scenario.Given(setup.library().resolve("images/app-1.0.0.signed"), Map.of()),
                new Scenario.When(setup.library().resolve("images/app-1.1.0.signed")), faults,
                new Scenario.Then(Set.of(to), Duration.ofSeconds(30), true, false), Map.of());
    }

    /**
     * Cases per minute: random power cuts during the upload against clean updates, each kind run
     * on {@code rigs} rigs at once (one device process each), as a lab would use its cores.
     */
    void throughput(int cutCases, int cleanCases, int rigs) throws Exception {
        double cleanPerMin = parallel(rigs, cleanCases, "clean-update cases (baseline)",
                (i, random) -> scenario("BENCH-CLEAN-" + i, List.of(), ImageRole.UPDATE));
        double cutPerMin = parallel(rigs, cutCases, "power-cut cases", (i, random) -> scenario("BENCH-CUT-" + i,
                List.of(new FaultSpec("power-cut", Map.of("at", Map.of("transferred", random.nextInt(101) + "%"),
                        "off-for", "100ms"), new SourceMark(setup.library().resolve("bench.yaml"), 1, 1))), ImageRole.GIVEN));
        setup.out().printf("  ratio power-cut/clean cases per minute: %.2f%n", cutPerMin / cleanPerMin);
    }

    interface CaseMaker {
        Scenario make(int index, Random random);
    }

    private double parallel(int rigs, int cases, String what, CaseMaker make) throws Exception {
        return parallel(setup.spec(), rigs, cases, what, make);
    }

    /** Cases per minute of {@code cases} made by {@code make}, on {@code rigs} rigs of {@code spec} at once. */
    double parallel(RigSpec spec, int rigs, int cases, String what, CaseMaker make) throws Exception {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger passed = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(rigs);
        long t0 = System.nanoTime();
        try {
            for (int r = 0; r < rigs; r++) {
                int rigIndex = r;
                workers.add(pool.submit(() -> {
                    Random random = new Random(setup.seed() + rigIndex);
                    try (Rig rig = RigFactory.open(spec, setup.state().resolve(what.replaceAll("\\W+", "-") + rigIndex))) {
                        ScenarioRunner runner = new ScenarioRunner(rig, FaultCatalog.load(), setup.seed(), p -> { });
                        for (int i = next.getAndIncrement(); i < cases; i = next.getAndIncrement()) {
                            Outcome o = runner.run(make.make(i, random), new DiscardingRecorder());
                            if (o.status() == Status.PASSED) {
                                passed.incrementAndGet();
                            } else {
                                synchronized (setup.out()) {
                                    setup.out().println("  case " + i + " " + o.status() + ": " + o.message());
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double perMin = cases / seconds * 60;
        setup.out().printf("  %s on %d rig(s): %d in %.1f s = %.1f cases/min (%d passed)%n", what, rigs, cases, seconds,
                perMin, passed.get());
        setup.out().flush();
        return perMin;
    }

    /**
     * Cut-position error over many random points without cutting: a tap marks each point during
     * real uploads to the powered device over the PTY and records how many image bytes had left.
     */
    void positions(int points) throws Exception {
        // Alternate two images: a device resumes an upload of the image it already holds.
        List<FirmwareImage> images = List.of(setup.updateImage(), setup.givenImage());
        int round = 0;
        Random random = new Random(setup.seed() + 2);
        int perUpload = 100;
        long maxError = 0;
        int measured = 0;
        long t0 = System.nanoTime();
        try (Rig rig = RigFactory.open(setup.spec(), setup.state().resolve("positions"))) {
            rig.power().on();
            awaitAnswer(rig);
            while (measured < points) {
                FirmwareImage image = images.get(round++ % 2);
                TreeSet<Long> marks = new TreeSet<>();
                while (marks.size() < Math.min(perUpload, points - measured)) {
                    marks.add((long) random.nextInt(image.size() + 1));
                }
                MarkTap tap = new MarkTap(rig, marks);
                rig.link().addTap(tap);
                try {
                    rig.device().upload(image, acked -> { });
                } finally {
                    rig.link().removeTap(tap);
                }
                if (tap.seen != marks.size()) {
                    throw new IllegalStateException(tap.seen + " of " + marks.size() + " marks were reached");
                }
                maxError = Math.max(maxError, tap.maxError);
                measured += tap.seen;
            }
            rig.power().off();
        }
        setup.out().printf("  cut position error over %d random points (real PTY, real device): max %d bytes (%.1f s)%n",
                measured, maxError, (System.nanoTime() - t0) / 1e9);
        setup.out().flush();
    }

    /**
     * What the taps cost: the same upload over the real PTY with a pass-through tap and filter on
     * the link vs a bare link, alternated so drift hits both alike; ratio of the medians.
     */
    void tapOverhead(int uploads) throws Exception {
        List<FirmwareImage> images = List.of(setup.updateImage(), setup.givenImage());
        double[] bare = new double[uploads];
        double[] tapped = new double[uploads];
        LinkTap passiveTap = new LinkTap() {
            @Override
            public void onWrite(byte[] data, int off, int len) {
            }
        };
        dev.hil.core.link.LinkFilter passiveFilter = new dev.hil.core.link.LinkFilter() {
        };
        try (Rig rig = RigFactory.open(setup.spec(), setup.state().resolve("overhead"))) {
            rig.power().on();
            awaitAnswer(rig);
            int nBare = 0;
            int nTapped = 0;
            // Consecutive uploads alternate images (a device resumes an image it already holds);
            // bare and tapped alternate in pairs, so each sends both images equally often.
            for (int i = 0; i < 2 * uploads; i++) {
                boolean withTap = (i / 2) % 2 == 1;
                if (withTap) {
                    rig.link().addTap(passiveTap);
                    rig.link().addFilter(passiveFilter);
                }
                long t0 = System.nanoTime();
                try {
                    rig.device().upload(images.get(i % 2), acked -> { });
                } finally {
                    rig.link().removeTap(passiveTap);
                    rig.link().removeFilter(passiveFilter);
                }
                double ms = (System.nanoTime() - t0) / 1e6;
                if (withTap) {
                    tapped[nTapped++] = ms;
                } else {
                    bare[nBare++] = ms;
                }
            }
            rig.power().off();
        }
        double b = Percentiles.of(bare).at(50);
        double t = Percentiles.of(tapped).at(50);
        setup.out().printf("  upload of %d bytes over the PTY: median %.1f ms bare, %.1f ms with a tap and a filter; ratio %.3f%n",
                images.get(0).size(), b, t, t / b);
        setup.out().flush();
    }

    static void awaitAnswer(Rig rig) {
        await("device answers").atMost(rig.bootBudget()).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> rig.device().images() != null);
    }

    /** Records the image bytes written at each mark. */
    private static final class MarkTap implements LinkTap {
        private final Rig rig;
        private final TreeSet<Long> marks;
        int seen;
        long maxError;

        MarkTap(Rig rig, TreeSet<Long> marks) {
            this.rig = rig;
            this.marks = new TreeSet<>(marks);
        }

        @Override
        public long imageBoundary() {
            return marks.isEmpty() ? -1 : marks.first();
        }

        @Override
        public void atImageBoundary(long imageBytes, long wireBytes) {
            long n = marks.pollFirst();
            seen++;
            maxError = Math.max(maxError, Math.abs(rig.link().imageBytesWritten() - n));
        }
    }
}
