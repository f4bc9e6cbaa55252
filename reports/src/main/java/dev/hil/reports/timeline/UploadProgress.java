package dev.hil.reports.timeline;

import dev.hil.core.timeline.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Image bytes the device acknowledged over time, one {@link Upload} per image upload. Read from the
 * SMP transcript when it has upload answers (every acknowledged chunk), else from the few byte
 * counts the timeline events carry (fault points, "upload complete"), which are exact but sparse.
 */
public final class UploadProgress {
    public record Sample(double millis, long bytes) {
    }

    /** {@code measured}: every acknowledgement is a sample; otherwise only the known points are. */
    public record Upload(long totalBytes, List<Sample> samples, boolean measured) {
    }

    private static final Pattern REQUEST = Pattern.compile("^tx write image/upload .*?\\blen=(\\d+)\\b.*?\\boff=0\\b");
    private static final Pattern ANSWER = Pattern.compile("^rx write-rsp image/upload .*\\{rc=0, off=(\\d+)\\}");
    private static final Pattern BYTE_OF = Pattern.compile("image byte (\\d+) of (\\d+)");
    private static final Pattern COMPLETE = Pattern.compile("^upload complete: (\\d+) image bytes");

    private UploadProgress() {
    }

    public static List<Upload> of(List<Timeline.Event> events, List<LogLine> transcript) {
        List<Upload> measured = fromTranscript(transcript);
        return measured.isEmpty() ? fromEvents(events) : measured;
    }

    static List<Upload> fromTranscript(List<LogLine> transcript) {
        List<Upload> uploads = new ArrayList<>();
        List<Sample> samples = null;
        long total = 0;
        for (LogLine line : transcript) {
            Matcher request = REQUEST.matcher(line.text());
            if (request.find()) {
                if (samples != null && samples.size() > 1) {
                    uploads.add(new Upload(total, samples, true));
                }
                total = Long.parseLong(request.group(1));
                samples = new ArrayList<>(List.of(new Sample(line.millis(), 0)));
                continue;
            }
            Matcher answer = ANSWER.matcher(line.text());
            if (answer.find() && samples != null) {
                samples.add(new Sample(line.millis(), Long.parseLong(answer.group(1))));
            }
        }
        if (samples != null && samples.size() > 1) {
            uploads.add(new Upload(total, samples, true));
        }
        return uploads;
    }

    static List<Upload> fromEvents(List<Timeline.Event> events) {
        List<Sample> samples = new ArrayList<>();
        long total = 0;
        for (Timeline.Event e : events) {
            if (e.kind().equals("step") && e.detail().startsWith("update")) {
                samples.add(new Sample(e.millis(), 0));
            } else if (e.kind().equals("fault") && !samples.isEmpty()) {
                Matcher m = BYTE_OF.matcher(e.detail());
                if (m.find()) {
                    samples.add(new Sample(e.millis(), Long.parseLong(m.group(1))));
                    total = Long.parseLong(m.group(2));
                }
            } else if (e.kind().equals("update") && !samples.isEmpty()) {
                Matcher m = COMPLETE.matcher(e.detail());
                if (m.find()) {
                    total = Long.parseLong(m.group(1));
                    samples.add(new Sample(e.millis(), total));
                }
            }
        }
        return samples.size() > 1 && total > 0 ? List.of(new Upload(total, samples, false)) : List.of();
    }
}
