package dev.hil.reports.timeline;

import dev.hil.core.timeline.Timeline;
import dev.hil.core.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Draws one case's timeline as a self-contained SVG for the report: steps as bands, the power
 * state, upload progress, every fault with its trigger and exact byte/time, device-log lines as
 * ticks (hover for the text), and the recovery time against its budget, over one time axis.
 */
public final class TimelineSvg {
    private static final int WIDTH = 1200;
    private static final int LEFT = 150;
    private static final int RIGHT = 40;
    private static final int PLOT = WIDTH - LEFT - RIGHT;
    private static final double CHAR_WIDTH = 6.4; // 11 px DejaVu Sans, for placing labels without a font engine
    private static final int LOG_LINES_PER_TICK = 12;
    private static final Pattern ALARMING = Pattern.compile("(?i)error|fail|panic|refus|invalid|revert|corrupt");
    private static final String[] STEP_FILLS = {"#dbe7f5", "#e8eef7"};

    private final String title;
    private final List<Timeline.Event> events;
    private final List<LogLine> deviceLog;
    private final double end;
    private final SvgDocument svg = new SvgDocument();
    private int y;

    private TimelineSvg(String title, List<Timeline.Event> events) {
        this.title = title;
        this.events = List.copyOf(events);
        this.deviceLog = LogLine.deviceLog(events);
        double last = 1;
        for (Timeline.Event e : events) {
            last = Math.max(last, e.millis());
        }
        for (LogLine l : deviceLog) {
            last = Math.max(last, l.millis());
        }
        this.end = last;
    }

    public static String render(List<Timeline.Event> events) {
        return render("timeline", events);
    }

    public static String render(String title, List<Timeline.Event> events) {
        return new TimelineSvg(title, events).draw();
    }

    private String draw() {
        header();
        y = 58;
        int top = y;
        steps();
        otherEvents();
        power();
        upload();
        List<FaultMarker> faults = FaultMarker.of(events);
        faultLabels(faults);
        log();
        recovery();
        int bottom = y;
        faultLines(faults, top, bottom);
        axis(bottom);
        return svg.finish(WIDTH, y + 10, title);
    }

    private double x(double millis) {
        return LEFT + Math.max(0, Math.min(millis, end)) / end * PLOT;
    }

    private void header() {
        String verdict = events.stream().map(Timeline.Event::what).filter(w -> w instanceof TimelineEvent.Verdict)
                .map(TimelineEvent::text).reduce((a, b) -> b).orElse("no verdict");
        svg.label(LEFT, 22, title, "font-size", 15, "font-weight", "bold");
        String colour = verdict.startsWith("PASSED") ? "#2e7d32" : "#c62828";
        svg.label(LEFT, 42, "verdict: " + shorten(verdict, 150), "fill", colour, "font-weight", "bold");
        svg.label(WIDTH - RIGHT, 42, String.format(Locale.ROOT, "%.3f s in total", end / 1000), "text-anchor", "end",
                "fill", "#555555");
    }

    private void laneLabel(String name, int laneY, int height) {
        svg.label(LEFT - 10, laneY + height / 2.0 + 4, name, "text-anchor", "end", "fill", "#333333",
                "font-weight", "bold");
        svg.element("line", null, "x1", (double) LEFT, "x2", (double) (WIDTH - RIGHT), "y1", laneY + height + 3.0,
                "y2", laneY + height + 3.0, "stroke", "#eeeeee");
    }

    private void steps() {
        int h = 28;
        laneLabel("steps", y, h);
        List<StepBand> bands = StepBand.of(events, end);
        for (int i = 0; i < bands.size(); i++) {
            StepBand b = bands.get(i);
            double x0 = x(b.fromMillis());
            double w = Math.max(1, x(b.toMillis()) - x0);
            svg.element("rect", String.format(Locale.ROOT, "%s\n%.3f – %.3f ms (%.0f ms)", b.name(), b.fromMillis(),
                    b.toMillis(), b.toMillis() - b.fromMillis()), "x", x0, "y", (double) y, "width", w, "height",
                    (double) h, "fill", STEP_FILLS[i % 2], "stroke", "#9db4d3");
            String name = fit(b.name(), w - 8);
            if (!name.isEmpty()) {
                svg.label(x0 + 4, y + 18, name, "font-size", 11, "fill", "#1a3d6b");
            }
        }
        y += h + 8;
    }

    /** Everything the other lanes do not draw (provision, update, verify, armed...), as dots with tooltips. */
    private void otherEvents() {
        int h = 14;
        laneLabel("events", y, h);
        for (Timeline.Event e : events) {
            if (!drawnElsewhere(e.what())) {
                svg.element("circle", String.format(Locale.ROOT, "%.3f ms  %s: %s", e.millis(), e.what().label(),
                                e.what().text()),
                        "cx", x(e.millis()), "cy", y + h / 2.0, "r", 4.0, "fill", "#7e57c2", "fill-opacity", "0.6");
            }
        }
        y += h + 8;
    }

    /** Events another lane draws, or too many for dots (log lines, acks). */
    private static boolean drawnElsewhere(TimelineEvent e) {
        return e instanceof TimelineEvent.StepStarted || e instanceof TimelineEvent.PowerChanged
                || e instanceof TimelineEvent.FaultFired || e instanceof TimelineEvent.Recovered
                || e instanceof TimelineEvent.Verdict || !e.inTextTimeline();
    }

    private void power() {
        int h = 22;
        laneLabel("power", y, h);
        for (PowerLane.Span s : PowerLane.of(events, end).spans()) {
            double x0 = x(s.fromMillis());
            double w = Math.max(1, x(s.toMillis()) - x0);
            String fill = switch (s.state()) {
                case ON -> "#43a047";
                case OFF -> "#e53935";
                case UNKNOWN -> "#cfcfcf";
            };
            String name = switch (s.state()) {
                case ON -> "on";
                case OFF -> String.format(Locale.ROOT, "off %.0f ms", s.toMillis() - s.fromMillis());
                case UNKNOWN -> "?";
            };
            svg.element("rect", String.format(Locale.ROOT, "power %s  %.3f – %.3f ms\n%s", s.state().name().toLowerCase(
                    Locale.ROOT), s.fromMillis(), s.toMillis(), s.cause()), "x", x0, "y", (double) y, "width", w,
                    "height", (double) h, "fill", fill);
            String fitted = fit(name, w - 6).endsWith("…") ? fit(name.split(" ")[0], w - 6) : fit(name, w - 6);
            if (!fitted.isEmpty()) {
                svg.label(x0 + 3, y + 15, fitted, "font-size", 11, "fill", "#ffffff", "font-weight", "bold");
            }
        }
        y += h + 8;
    }

    private void upload() {
        List<UploadProgress.Upload> uploads = UploadProgress.of(events);
        if (uploads.isEmpty()) {
            return;
        }
        int h = 56;
        laneLabel("image bytes", y, h);
        svg.label(LEFT - 10, y + h / 2.0 + 18, "acknowledged", "text-anchor", "end", "fill", "#777777", "font-size", 10);
        for (UploadProgress.Upload u : uploads) {
            StringBuilder line = new StringBuilder();
            double bottom = y + h;
            UploadProgress.Sample first = u.samples().get(0);
            UploadProgress.Sample last = u.samples().get(u.samples().size() - 1);
            for (UploadProgress.Sample s : u.samples()) {
                line.append(SvgDocument.number(x(s.millis()))).append(',')
                        .append(SvgDocument.number(bottom - (double) s.bytes() / u.totalBytes() * h)).append(' ');
            }
            String area = SvgDocument.number(x(first.millis())) + "," + SvgDocument.number(bottom) + " " + line
                    + SvgDocument.number(x(last.millis())) + "," + SvgDocument.number(bottom);
            String tip = String.format(Locale.ROOT, "upload of %d bytes: %d acknowledged by %.3f ms%s", u.totalBytes(),
                    last.bytes(), last.millis(), u.measured() ? "" : " (known points only, joined by straight lines)");
            svg.element("polygon", tip, "points", area, "fill", "#90caf9", "fill-opacity", "0.45");
            svg.element("polyline", tip, "points", line.toString().strip(), "fill", "none", "stroke", "#1565c0",
                    "stroke-width", "1.5", "stroke-dasharray", u.measured() ? "none" : "5 3");
            if (!u.measured()) {
                for (UploadProgress.Sample s : u.samples()) {
                    svg.element("circle", null, "cx", x(s.millis()), "cy", bottom - (double) s.bytes() / u.totalBytes() * h,
                            "r", 3.0, "fill", "#1565c0");
                }
            }
            String text = last.bytes() + " / " + u.totalBytes() + " B";
            double tx = x(last.millis()) + 4;
            boolean leftOfEnd = tx + text.length() * CHAR_WIDTH > WIDTH - RIGHT;
            svg.label(leftOfEnd ? x(last.millis()) - 4 : tx, bottom - (double) last.bytes() / u.totalBytes() * h + 12, text,
                    "font-size", 10, "fill", "#0d47a1", "text-anchor", leftOfEnd ? "end" : "start");
        }
        y += h + 8;
    }

    private record PlacedLabel(FaultMarker fault, double x, int row, boolean rightAligned) {
    }

    private final List<PlacedLabel> placed = new ArrayList<>();

    /** Fault labels in rows, moved down a row whenever they would overlap an earlier one. */
    private void faultLabels(List<FaultMarker> faults) {
        if (faults.isEmpty()) {
            return;
        }
        List<double[]> rowsTaken = new ArrayList<>(); // per row: right edge of the last label
        for (FaultMarker f : faults) {
            String head = f.kind() + " @ " + f.trigger();
            double width = Math.max(head.length(), f.where().length()) * CHAR_WIDTH + 8;
            double fx = x(f.millis());
            boolean right = fx + width > WIDTH - RIGHT;
            double from = right ? fx - width : fx;
            int row = 0;
            while (row < rowsTaken.size() && rowsTaken.get(row)[0] > from) {
                row++;
            }
            if (row == rowsTaken.size()) {
                rowsTaken.add(new double[1]);
            }
            rowsTaken.get(row)[0] = from + width + 6;
            placed.add(new PlacedLabel(f, fx, row, right));
        }
        int rowHeight = 32;
        int h = rowsTaken.size() * rowHeight;
        laneLabel("faults", y, h);
        for (PlacedLabel p : placed) {
            FaultMarker f = p.fault();
            double ly = y + p.row() * rowHeight;
            double tx = p.rightAligned() ? p.x() - 6 : p.x() + 6;
            String anchor = p.rightAligned() ? "end" : "start";
            String tip = f.kind() + " fired: " + f.trigger() + "\nat " + f.observed() + String.format(Locale.ROOT,
                    "\n%.3f ms", f.millis());
            svg.open("g").raw("<title>" + SvgDocument.text(tip) + "</title>");
            svg.element("path", null, "d", String.format(Locale.ROOT, "M %.1f %.1f l 6 8 l -6 8 l -6 -8 z", p.x(), ly + 4),
                    "fill", "#d32f2f");
            svg.label(tx + (p.rightAligned() ? -4 : 4), ly + 13, fit(f.kind() + " @ " + f.trigger(), 420),
                    "text-anchor", anchor, "font-size", 11, "font-weight", "bold", "fill", "#b71c1c");
            svg.label(tx + (p.rightAligned() ? -4 : 4), ly + 27, f.where(), "text-anchor", anchor, "font-size", 11,
                    "fill", "#5d4037");
            svg.close("g");
        }
        y += h + 8;
    }

    /** Dashed lines through every lane so each fault lines up with power, bytes and log. */
    private void faultLines(List<FaultMarker> faults, int top, int bottom) {
        for (FaultMarker f : faults) {
            svg.element("line", null, "x1", x(f.millis()), "x2", x(f.millis()), "y1", (double) top, "y2",
                    (double) bottom, "stroke", "#d32f2f", "stroke-width", "1", "stroke-dasharray", "4 3",
                    "stroke-opacity", "0.8");
        }
    }

    /** One tick per 3-px column; its tooltip lists the lines that fall there. */
    private void log() {
        int h = 22;
        laneLabel("device log", y, h);
        if (deviceLog.isEmpty()) {
            svg.label(LEFT + 4, y + 15, "no device log", "fill", "#999999", "font-size", 11);
            y += h + 8;
            return;
        }
        int column = -1;
        List<LogLine> bucket = new ArrayList<>();
        for (LogLine line : deviceLog) {
            int c = (int) (x(line.millis()) / 3);
            if (c != column && !bucket.isEmpty()) {
                tick(bucket, h);
                bucket.clear();
            }
            column = c;
            bucket.add(line);
        }
        tick(bucket, h);
        svg.label(WIDTH - RIGHT, y + h + 14, deviceLog.size() + " lines (hover a tick for its lines)", "text-anchor", "end",
                "fill", "#777777", "font-size", 10);
        y += h + 18;
    }

    private void tick(List<LogLine> lines, int h) {
        boolean alarming = lines.stream().anyMatch(l -> ALARMING.matcher(l.text()).find());
        boolean boot = lines.stream().anyMatch(l -> l.text().startsWith("boot"));
        StringBuilder tip = new StringBuilder();
        for (int i = 0; i < Math.min(lines.size(), LOG_LINES_PER_TICK); i++) {
            LogLine l = lines.get(i);
            tip.append(String.format(Locale.ROOT, "%.3f ms  %s%n", l.millis(), l.text()));
        }
        if (lines.size() > LOG_LINES_PER_TICK) {
            tip.append("… and ").append(lines.size() - LOG_LINES_PER_TICK).append(" more lines");
        }
        double tx = x(lines.get(0).millis());
        String colour = alarming ? "#d32f2f" : boot ? "#1565c0" : "#9e9e9e";
        double top = alarming || boot ? y : y + 6;
        // A transparent wider hit area keeps 1-px ticks hoverable.
        svg.open("g").raw("<title>" + SvgDocument.text(tip.toString().strip()) + "</title>");
        svg.element("rect", null, "x", tx - 1.5, "y", (double) y, "width", 3.0, "height", (double) h, "fill", "#ffffff",
                "fill-opacity", "0");
        svg.element("line", null, "x1", tx, "x2", tx, "y1", top, "y2", (double) (y + h), "stroke", colour,
                "stroke-width", alarming || boot ? "2" : "1");
        svg.close("g");
    }

    private void recovery() {
        int h = 22;
        laneLabel("recovery", y, h);
        Optional<RecoveryBudget> found = RecoveryBudget.of(events);
        if (found.isEmpty()) {
            svg.label(LEFT + 4, y + 15, "device did not recover (no recovered event)", "fill", "#c62828", "font-size", 11);
            y += h + 8;
            return;
        }
        RecoveryBudget r = found.get();
        double x0 = x(r.startMillis());
        double budgetEnd = r.startMillis() + r.budgetMillis();
        double bx1 = x(budgetEnd);
        String budgetTip = String.format(Locale.ROOT, "budget %s from %.3f ms to %.3f ms", duration(r.budgetMillis()),
                r.startMillis(), budgetEnd);
        svg.element("rect", budgetTip, "x", x0, "y", y + 3.0, "width", Math.max(1, bx1 - x0), "height", h - 6.0,
                "fill", "#fff8e1", "stroke", "#f9a825", "stroke-dasharray", "4 2");
        String colour = r.withinBudget() ? "#2e7d32" : "#c62828";
        svg.element("rect", String.format(Locale.ROOT, "recovered in %.0f ms (%.3f – %.3f ms)", r.tookMillis(),
                r.startMillis(), r.recoveredAtMillis()), "x", x0, "y", (double) y, "width",
                Math.max(2, x(r.recoveredAtMillis()) - x0), "height", (double) h, "fill", colour);
        String text = String.format(Locale.ROOT, "recovered in %s of a %s budget (%.1f %%)%s", duration(r.tookMillis()),
                duration(r.budgetMillis()), 100 * r.tookMillis() / r.budgetMillis(),
                budgetEnd > end ? String.format(Locale.ROOT, "; budget would end at %.1f s →", budgetEnd / 1000) : "");
        // On a line of its own under the bar: beside it, it would collide with the lane name or the edge.
        svg.label(LEFT, y + h + 14, text, "font-size", 11, "fill", colour, "font-weight", "bold");
        y += h + 22;
    }

    private void axis(int bottom) {
        double step = niceStep(end / 10);
        svg.element("line", null, "x1", (double) LEFT, "x2", (double) (WIDTH - RIGHT), "y1", (double) bottom, "y2",
                (double) bottom, "stroke", "#333333");
        for (double t = 0; t <= end + 1e-9; t += step) {
            double tx = x(t);
            svg.element("line", null, "x1", tx, "x2", tx, "y1", (double) bottom, "y2", bottom + 5.0, "stroke", "#333333");
            svg.element("line", null, "x1", tx, "x2", tx, "y1", 58.0, "y2", (double) bottom, "stroke", "#000000",
                    "stroke-opacity", "0.06");
            svg.label(tx, bottom + 18, step >= 1000 ? String.format(Locale.ROOT, "%.0f s", t / 1000)
                    : step >= 100 ? String.format(Locale.ROOT, "%.1f s", t / 1000) : String.format(Locale.ROOT, "%.0f ms", t),
                    "text-anchor", "middle", "font-size", 11, "fill", "#333333");
        }
        svg.label(LEFT - 22, bottom + 18, "time", "text-anchor", "end", "fill", "#333333", "font-weight", "bold");
        y = bottom + 26;
    }

    static double niceStep(double rough) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(rough, 1e-3))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= rough) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String duration(double millis) {
        return millis >= 1000 && millis % 1000 == 0 ? String.format(Locale.ROOT, "%.0f s", millis / 1000)
                : millis >= 1000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000) : String.format(Locale.ROOT, "%.0f ms", millis);
    }

    /** {@code s} cut to what fits {@code width} pixels, with an ellipsis; empty when not even that fits. */
    private static String fit(String s, double width) {
        int chars = (int) (width / CHAR_WIDTH);
        if (s.length() <= chars) {
            return s;
        }
        return chars < 4 ? "" : s.substring(0, chars - 1) + "…";
    }

    private static String shorten(String s, int chars) {
        return s.length() <= chars ? s : s.substring(0, chars - 1) + "…";
    }
}
