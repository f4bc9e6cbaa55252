package dev.hil.reports.timeline;

import dev.hil.core.timeline.Timeline;
import dev.hil.core.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Image bytes the device acknowledged over time, one {@link Upload} per image upload: every
 * {@link TimelineEvent.UploadAcked} is a sample. A timeline without acks (a recorder that does
 * not report them) falls back to the few exact byte counts it has: fault points and the completion.
 */
public final class UploadProgress {
    public record Sample(double millis, long bytes) {
    }

    /** {@code measured}: every acknowledgement is a sample; otherwise only the known points are. */
    public record Upload(long totalBytes, List<Sample> samples, boolean measured) {
    }

    private UploadProgress() {
    }

    public static List<Upload> of(List<Timeline.Event> events) {
        List<Upload> uploads = new ArrayList<>();
        List<Sample> samples = null;
        long total = 0;
        boolean measured = false;
        for (Timeline.Event e : events) {
            if (e.what() instanceof TimelineEvent.UploadStarted s) {
                add(uploads, total, samples, measured);
                samples = new ArrayList<>(List.of(new Sample(e.millis(), 0)));
                total = s.totalBytes();
                measured = false;
            } else if (samples == null) {
                continue;
            } else if (e.what() instanceof TimelineEvent.UploadAcked a) {
                samples.add(new Sample(e.millis(), a.imageBytes()));
                measured = true;
            } else if (!measured && e.what() instanceof TimelineEvent.FaultFired f && f.imageByte().isPresent()) {
                known(samples, e.millis(), f.imageByte().getAsLong());
            } else if (!measured && e.what() instanceof TimelineEvent.UploadCompleted c) {
                known(samples, e.millis(), c.imageBytes());
            }
        }
        add(uploads, total, samples, measured);
        return uploads;
    }

    /** A known point of a sparse curve; a later fault at the same count (the upload had stopped) adds nothing. */
    private static void known(List<Sample> samples, double millis, long bytes) {
        if (bytes > samples.get(samples.size() - 1).bytes()) {
            samples.add(new Sample(millis, bytes));
        }
    }

    private static void add(List<Upload> uploads, long total, List<Sample> samples, boolean measured) {
        if (samples != null && samples.size() > 1 && total > 0) {
            uploads.add(new Upload(total, samples, measured));
        }
    }
}
