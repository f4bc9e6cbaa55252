package dev.hil.scenarios.bench;

import dev.hil.core.fault.Fault;
import dev.hil.core.fault.FaultCatalog;
import dev.hil.core.image.FirmwareImage;
import dev.hil.core.link.LinkTap;
import dev.hil.core.rig.Rig;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.SourceMark;
import dev.hil.drivers.smp.SmpClient;
import dev.hil.drivers.smp.SmpRequest;
import dev.hil.scenarios.engine.RigFactory;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Where the real {@code corrupt} fault's damage lands, judged from the wire: many seeded
 * {@code corrupt: {at: {bytes: N}, bits: 1}} faults, built by the fault catalog as a scenario
 * would build them, ride along one pass of an image's upload frames over the rig's real PTY. A tap
 * records what actually went to the port; every wire byte that differs from the clean frames is a
 * landed fault, and the number of image bytes the clean frames had fully carried before it (from
 * the frames' own image spans) must equal the N asked for. The frames are written without waiting
 * for answers (the device drops them as damaged; its replies are discarded), so a pass costs one
 * image's worth of writes.
 */
final class CorruptPositions {
    private static final int POINTS_PER_PASS = 100;

    private final BenchSetup setup;

    CorruptPositions(BenchSetup setup) {
        this.setup = setup;
    }

    void run(int points) throws Exception {
        FirmwareImage image = setup.updateImage();
        List<SmpRequest> frames = frames(image.bytes());
        byte[] clean = concat(frames);
        FaultCatalog catalog = FaultCatalog.load();
        Random random = new Random(setup.seed() + 3);
        long maxError = 0;
        int measured = 0;
        int missing = 0;
        long t0 = System.nanoTime();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (Rig rig = RigFactory.open(setup.spec(), setup.state().resolve("corrupt-positions"))) {
            rig.power().on();
            CutBench.awaitAnswer(rig);
            BenchFaultContext context = new BenchFaultContext(rig, scheduler, image.size(), setup.seed());
            while (measured < points) {
                TreeSet<Long> marks = new TreeSet<>();
                while (marks.size() < Math.min(POINTS_PER_PASS, points - measured)) {
                    marks.add((long) random.nextInt(image.size() + 1));
                }
                List<Fault> faults = new ArrayList<>();
                for (long n : marks) {
                    Fault f = catalog.create(new FaultSpec("corrupt", Map.of("at", Map.of("bytes", n), "bits", 1,
                            "seed", setup.seed() + n), new SourceMark(setup.library().resolve("bench.yaml"), 1, 1)));
                    f.trigger().arm(context, observed -> f.inject(context, observed));
                    faults.add(f);
                }
                Wire wire = new Wire();
                rig.link().addTap(wire);
                try {
                    rig.link().startImage(image.size());
                    for (SmpRequest r : frames) {
                        rig.link().write(r.framed().wire(), r.framed().span());
                    }
                } finally {
                    rig.link().removeTap(wire);
                    for (Fault f : faults) {
                        f.trigger().disarm();
                        f.release(context);
                    }
                }
                List<Long> landed = landedAt(clean, wire.bytes(), frames);
                missing += Math.abs(marks.size() - landed.size());
                List<Long> asked = new ArrayList<>(marks);
                for (int i = 0; i < Math.min(asked.size(), landed.size()); i++) {
                    maxError = Math.max(maxError, Math.abs(landed.get(i) - asked.get(i)));
                }
                measured += marks.size();
                Thread.sleep(50); // let the device's answers arrive, then drop them
                rig.link().discardInput();
            }
            rig.power().off();
        } finally {
            scheduler.shutdownNow();
        }
        setup.out().printf("  corrupt position error over %d seeded corrupt faults (real fault class, real PTY, judged on"
                        + " the wire): max %d image bytes, %d damaged bytes missing or extra (%.1f s)%n",
                measured, maxError, missing, (System.nanoTime() - t0) / 1e9);
        setup.out().flush();
    }

    /** The upload frames of the whole image, as the SMP client sends them. */
    private static List<SmpRequest> frames(byte[] image) throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(image);
        List<SmpRequest> frames = new ArrayList<>();
        for (int off = 0, seq = 0; off < image.length; off += SmpClient.DEFAULT_CHUNK, seq++) {
            frames.add(SmpRequest.upload(image, sha, off, Math.min(SmpClient.DEFAULT_CHUNK, image.length - off),
                    seq & 0xFF));
        }
        return frames;
    }

    private static byte[] concat(List<SmpRequest> frames) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        frames.forEach(r -> b.writeBytes(r.framed().wire()));
        return b.toByteArray();
    }

    /**
     * For each wire byte that differs from the clean frames, how many image bytes the clean frames
     * had fully carried before it: the image position at which that damage landed.
     */
    static List<Long> landedAt(byte[] clean, byte[] sent, List<SmpRequest> frames) {
        if (sent.length != clean.length) {
            throw new IllegalStateException("bit flips changed the wire length: " + sent.length + " vs " + clean.length);
        }
        List<Long> landed = new ArrayList<>();
        int frame = 0;
        int frameStart = 0;
        long carried = 0;
        int k = 0; // image bytes of the current frame fully carried
        for (int w = 0; w < clean.length; w++) {
            while (w >= frameStart + frames.get(frame).framed().wire().length) {
                frameStart += frames.get(frame).framed().wire().length;
                frame++;
                k = 0;
            }
            var span = frames.get(frame).framed().span();
            while (k < span.count() && frameStart + span.wirePrefix()[k + 1] <= w) {
                k++;
                carried = span.firstImageByte() + k;
            }
            if (sent[w] != clean[w]) {
                landed.add(carried);
            }
        }
        return landed;
    }

    /** What went to the port, after the filters. */
    private static final class Wire implements LinkTap {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void onWrite(byte[] data, int off, int len) {
            bytes.write(data, off, len);
        }

        synchronized byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
