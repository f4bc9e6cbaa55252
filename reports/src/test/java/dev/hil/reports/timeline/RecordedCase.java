package dev.hil.reports.timeline;

import dev.hil.core.run.Status;
import dev.hil.core.timeline.Timeline;
import dev.hil.core.timeline.TimelineEvent;
import dev.hil.core.timeline.TimelineEvent.FaultArmed;
import dev.hil.core.timeline.TimelineEvent.FaultFired;
import dev.hil.core.timeline.TimelineEvent.Note;
import dev.hil.core.timeline.TimelineEvent.PowerChanged;
import dev.hil.core.timeline.TimelineEvent.StepStarted;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A case recorded by a real {@code hil run} (UPD-PWR-DOUBLE on the virtual rig): its events at
 * their recorded times, with the device log and the upload acknowledgements taken from that run's
 * stamped device-log and SMP-transcript attachments (test resources).
 */
final class RecordedCase {
    private static final Pattern STAMPED = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?) ms  (.*)$");
    private static final Pattern UPLOAD_START = Pattern.compile("^tx write image/upload .*?\\blen=(\\d+)\\b.*?\\boff=0\\b");
    private static final Pattern UPLOAD_ACK = Pattern.compile("^rx write-rsp image/upload .*\\{rc=0, off=(\\d+)\\}");
    private static final String GIVEN = "slot 0 v1.0.0 hash 2b8cf9b4f0aa1a9366c3dfee0c3d91a8a8c1b7d82b59a176b77744890dd6a325"
            + " active confirmed";
    private static final String BOOT_LINE = "boot: slot 0 version 1.0.0 hash "
            + "2b8cf9b4f0aa1a9366c3dfee0c3d91a8a8c1b7d82b59a176b77744890dd6a325";

    private RecordedCase() {
    }

    /** The steps, power, faults and verdict of the run, without log lines or acks. */
    static List<Timeline.Event> doubleCutMilestones() {
        String cut1 = "image byte 9903 of 24759 written (286 wire bytes of this frame)";
        return List.of(
                event(11.326, new StepStarted("provision images/app-1.0.0.signed")),
                event(41.048, new PowerChanged(true, "flash erased")),
                event(419.369, new Note("provision", "no active image (recovery mode): uploading images/app-1.0.0.signed")),
                event(4548.538, new Note("provision", "reset")),
                event(4626.606, new Note("provision", "running and confirmed: " + GIVEN)),
                event(4626.859, new StepStarted("update to images/app-1.1.0.signed")),
                event(4626.933, new FaultArmed("power-cut", "transferred 40%")),
                event(4627.990, new FaultArmed("power-cut", "phase boot")),
                event(6237.366, new FaultFired("power-cut", "transferred 40%", cut1, OptionalLong.of(9903),
                        OptionalLong.of(24759))),
                event(6248.624, new PowerChanged(false, "power-cut (trigger: transferred 40%; " + cut1
                        + "); actuated in 11.184 ms")),
                event(6249.105, new Note("update", "interrupted by the injected fault: link down while sending image"
                        + " upload at offset 9728")),
                event(6250.172, new StepStarted("recovery")),
                event(7260.702, new PowerChanged(true, "power-cut over after 1000 ms off")),
                event(7550.491, new FaultFired("power-cut", "phase boot", "device log: " + BOOT_LINE
                        + " (9903 image bytes written)", OptionalLong.of(9903), OptionalLong.empty())),
                event(7658.146, new Note("recovery", "another fault landed during recovery; budget restarts after it")),
                event(12559.351, new PowerChanged(false, "power-cut (trigger: phase boot; device log: " + BOOT_LINE
                        + "); actuated in 5008.662 ms")),
                event(13568.183, new PowerChanged(true, "power-cut over after 1000 ms off")),
                event(13814.293, new TimelineEvent.Recovered(Duration.ofMillis(239), Duration.ofSeconds(30), GIVEN)),
                event(13814.509, new StepStarted("verify")),
                event(13836.396, new Note("verify", "image list: [" + GIVEN + "]")),
                event(13836.579, new Note("verify", "active image is the given image images/app-1.0.0.signed")),
                event(13838.780, new Note("verify", "harness re-checked images/app-1.0.0.signed: hash and EC signature"
                        + " verified with key 3b25ce4741ad59c8")),
                event(13844.463, new PowerChanged(false, "end of scenario")),
                event(13844.478, new TimelineEvent.Verdict(Status.PASSED, null, null)));
    }

    /** Everything the runner would have recorded: milestones, device-log lines and upload acks, in time order. */
    static List<Timeline.Event> doubleCutEvents() {
        List<Timeline.Event> all = new ArrayList<>(doubleCutMilestones());
        all.addAll(doubleCutDeviceLog());
        all.addAll(doubleCutUploads());
        all.sort(Comparator.comparingLong(Timeline.Event::nanos));
        return all;
    }

    static List<Timeline.Event> doubleCutDeviceLog() {
        List<Timeline.Event> lines = new ArrayList<>();
        stamped("double-cut.device-log.txt", (ms, text) -> lines.add(event(ms, new TimelineEvent.DeviceLogged(text))));
        return lines;
    }

    /** The uploads as the runner sees them: start, then every acknowledged offset (from the SMP answers). */
    static List<Timeline.Event> doubleCutUploads() {
        List<Timeline.Event> events = new ArrayList<>();
        long[] total = {0};
        stamped("double-cut.transcript.txt", (ms, text) -> {
            Matcher start = UPLOAD_START.matcher(text);
            Matcher ack = UPLOAD_ACK.matcher(text);
            if (start.find()) {
                total[0] = Long.parseLong(start.group(1));
                events.add(event(ms, new TimelineEvent.UploadStarted(total[0])));
            } else if (ack.find()) {
                events.add(event(ms, new TimelineEvent.UploadAcked(Long.parseLong(ack.group(1)), total[0])));
            }
        });
        return events;
    }

    private interface Line {
        void at(double millis, String text);
    }

    private static void stamped(String resource, Line sink) {
        for (String line : resource(resource).split("\n")) {
            Matcher m = STAMPED.matcher(line);
            if (m.matches()) {
                sink.at(Double.parseDouble(m.group(1)), m.group(2));
            }
        }
    }

    static Timeline.Event event(double millis, TimelineEvent what) {
        long nanos = Math.round(millis * 1e6);
        return new Timeline.Event(nanos, Instant.EPOCH.plusNanos(nanos), what);
    }

    private static String resource(String name) {
        try (InputStream in = RecordedCase.class.getResourceAsStream("/timeline/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource timeline/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
