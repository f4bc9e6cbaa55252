package dev.hil.scenarios.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.Quantities;
import dev.hil.core.scenario.Scenario;

import dev.hil.core.image.FirmwareImage;
import dev.hil.core.image.ImageFormatException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario's {@code sweep:}: one fault parameter, addressed as {@code <kind>.<param>.<subkey>},
 * and the values it takes: listed ({@code values}), stepped from {@code from} to {@code to}
 * inclusive, every N image bytes ({@code every: 4096 bytes}: 0, N, 2N, ... and the image size), or
 * every occurrence of a rig phase ({@code every: flash-write}: the {@code nth} of a phase trigger
 * runs 1, 2, ... up to {@code max}, or up to the count a reference run of the update observes).
 * Stepping uses exact decimals so that 0% + 10 x 10% is exactly 100%.
 */
final class Sweep {
    /** Runaway ranges (step 0.001%) would make thousands of device runs; that is a typo, not a plan. */
    static final int MAX_POINTS = 1000;
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min)");
    private static final Map<String, BigDecimal> UNIT_MILLIS = Map.of("ms", BigDecimal.ONE,
            "s", BigDecimal.valueOf(1000), "m", BigDecimal.valueOf(60_000), "min", BigDecimal.valueOf(60_000));

    private static final Pattern EVERY_BYTES = Pattern.compile("(\\d+)\\s*(?:bytes|B)");
    private static final Pattern PHASE_NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private record Point(Object value, String label) {
    }

    private final int faultIndex;
    private final List<String> path;
    /** The points; null for a phase sweep whose points a reference run counts. */
    private final List<Point> points;
    /** The rig phase of an {@code every: <phase>} sweep, else null; it also names the point parameter. */
    private final String phase;

    private Sweep(int faultIndex, List<String> path, List<Point> points, String phase) {
        this.faultIndex = faultIndex;
        this.path = path;
        this.points = points;
        this.phase = phase;
    }

    /**
     * The sweep in {@code doc}, or null after adding the problems that make it unusable.
     *
     * @param updateImage the update image file (for {@code every: N bytes}); null if it did not resolve
     */
    static Sweep read(MarkedDocument doc, List<FaultSpec> faults, Path updateImage, Problems problems) {
        String over = doc.at("/sweep/over").asText();
        List<String> parts = Arrays.asList(over.split("\\."));
        String kind = parts.get(0);
        List<String> path = parts.subList(1, parts.size());
        int index = -1;
        int count = 0;
        for (int i = 0; i < faults.size(); i++) {
            if (faults.get(i).kind().equals(kind)) {
                index = index < 0 ? i : index;
                count++;
            }
        }
        String field = "sweep.over: '" + over + "'";
        if (count == 0) {
            problems.add("/sweep/over", doc.mark("/sweep/over"), field + " addresses nothing (no '" + kind
                    + "' fault in faults)");
            return null;
        }
        if (count > 1) {
            problems.add("/sweep/over", doc.mark("/sweep/over"), field + " is ambiguous ('" + kind
                    + "' appears " + count + " times in faults)");
            return null;
        }
        if (!addresses(faults.get(index).params(), path)) {
            problems.add("/sweep/over", doc.mark("/sweep/over"), field + " addresses nothing ('" + kind
                    + "' has no " + String.join(".", path) + ")");
            return null;
        }
        boolean listed = doc.at("/sweep/values").isArray();
        boolean stepped = !doc.at("/sweep/from").isMissingNode();
        boolean every = !doc.at("/sweep/every").isMissingNode();
        if ((listed ? 1 : 0) + (stepped ? 1 : 0) + (every ? 1 : 0) != 1) {
            problems.add("/sweep", doc.mark("/sweep"),
                    "sweep: write exactly one of: from, to and step; values; every (N bytes or a rig phase)");
            return null;
        }
        if (!doc.at("/sweep/max").isMissingNode() && !every) {
            problems.add("/sweep/max", doc.mark("/sweep/max"), "sweep.max: goes with 'every: <phase>' only");
            return null;
        }
        if (every) {
            return every(doc, faults.get(index).params(), index, List.copyOf(path), updateImage, problems);
        }
        List<Point> points = listed ? listed(doc, problems) : stepped(doc, problems);
        return points == null ? null : new Sweep(index, List.copyOf(path), points, null);
    }

    /** True when the points are known now; false when a reference run must count them ({@link PhaseSweep}). */
    boolean known() {
        return points != null;
    }

    String phase() {
        return phase;
    }

    /** One scenario per point, each with the swept parameter replaced. */
    List<Scenario> apply(Scenario base) {
        List<Scenario> out = new ArrayList<>();
        for (Point p : points) {
            out.add(at(base, p));
        }
        return out;
    }

    /** The point of a phase sweep where the fault lands on the {@code n}-th phase line. */
    Scenario occurrence(Scenario base, long n) {
        return at(base, new Point(n <= Integer.MAX_VALUE ? (Object) (int) n : (Object) n, Long.toString(n)));
    }

    /** {@code base} without the swept fault: the reference run that counts a phase sweep's points. */
    List<FaultSpec> withoutSweptFault(Scenario base) {
        List<FaultSpec> faults = new ArrayList<>(base.faults());
        faults.remove(faultIndex);
        return faults;
    }

    private Scenario at(Scenario base, Point p) {
        String name = phase != null ? phase : path.get(path.size() - 1);
        List<FaultSpec> faults = new ArrayList<>(base.faults());
        FaultSpec swept = faults.get(faultIndex);
        faults.set(faultIndex, new FaultSpec(swept.kind(), replaced(swept.params(), path, p.value()), swept.mark()));
        return base.withPoint("[" + name + "=" + p.label() + "]", faults, Map.of(name, p.label()));
    }

    /** {@code every: N bytes} or {@code every: <phase>} (with an optional {@code max}). */
    private static Sweep every(MarkedDocument doc, Map<String, Object> params, int index, List<String> path,
                               Path updateImage, Problems problems) {
        JsonNode every = doc.at("/sweep/every");
        String text = every.asText().trim();
        Matcher bytes = EVERY_BYTES.matcher(text);
        String leaf = path.get(path.size() - 1);
        if (every.isTextual() && bytes.matches()) {
            if (!leaf.equals("bytes")) {
                problems.add("/sweep/over", doc.mark("/sweep/over"), "sweep.over: 'every: " + text
                        + "' sweeps a byte offset, so over must address a bytes trigger (e.g. power-cut.at.bytes)");
                return null;
            }
            List<Point> points = byteOffsets(doc, new BigInteger(bytes.group(1)), updateImage, problems);
            return points == null ? null : new Sweep(index, path, points, null);
        }
        if (!every.isTextual() || !PHASE_NAME.matcher(text).matches()) {
            problems.add("/sweep/every", doc.mark("/sweep/every"), "sweep.every: '" + text
                    + "' is neither N bytes (e.g. 4096 bytes) nor a rig phase name (e.g. flash-write)");
            return null;
        }
        Object clause = parentOf(params, path);
        if (!leaf.equals("nth") || !(clause instanceof Map<?, ?> at) || !(at.get("of") instanceof Map<?, ?> of)
                || of.size() != 1 || !text.equals(String.valueOf(of.get("phase")))) {
            problems.add("/sweep/over", doc.mark("/sweep/over"), "sweep.over: 'every: " + text
                    + "' counts that phase's log lines, so over must address the nth of a trigger {nth: 1, of: {phase: "
                    + text + "}} (e.g. power-cut.at.nth)");
            return null;
        }
        JsonNode max = doc.at("/sweep/max");
        if (max.isMissingNode()) {
            return new Sweep(index, path, null, text);
        }
        if (!max.canConvertToLong() || !max.isIntegralNumber() || max.asLong() < 1) {
            problems.add("/sweep/max", doc.mark("/sweep/max"), "sweep.max: must be a whole number >= 1");
            return null;
        }
        if (max.asLong() > MAX_POINTS) {
            tooMany(doc, problems, max.asLong());
            return null;
        }
        List<Point> points = new ArrayList<>();
        for (int n = 1; n <= max.asInt(); n++) {
            points.add(new Point(n, Integer.toString(n)));
        }
        return new Sweep(index, path, points, text);
    }

    /** Cut points 0, N, 2N, ... below the image size, then the size itself (every byte sent). */
    private static List<Point> byteOffsets(MarkedDocument doc, BigInteger step, Path updateImage, Problems problems) {
        if (updateImage == null) {
            return null; // the image path already has its problem
        }
        if (step.signum() == 0) {
            problems.add("/sweep/every", doc.mark("/sweep/every"), "sweep.every: must be more than 0 bytes");
            return null;
        }
        long size;
        try {
            size = FirmwareImage.read(updateImage).size();
        } catch (IOException | ImageFormatException e) {
            problems.add("/sweep/every", doc.mark("/sweep/every"),
                    "sweep.every: cannot read the update image to place the cut points: " + e.getMessage());
            return null;
        }
        long n = step.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
        long count = (size + n - 1) / n + 1;
        if (count > MAX_POINTS) {
            return tooMany(doc, problems, count);
        }
        List<Point> points = new ArrayList<>();
        for (long at = 0; at < size; at += n) {
            points.add(new Point(number(BigDecimal.valueOf(at)), Long.toString(at)));
        }
        points.add(new Point(number(BigDecimal.valueOf(size)), Long.toString(size)));
        return points;
    }

    private static Object parentOf(Map<String, Object> params, List<String> path) {
        Object node = params;
        for (String key : path.subList(0, path.size() - 1)) {
            node = ((Map<?, ?>) node).get(key);
        }
        return node;
    }

    private static boolean addresses(Map<String, Object> params, List<String> path) {
        Object node = params;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return false;
            }
            node = map.get(key);
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> replaced(Map<String, Object> params, List<String> path, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(params);
        String key = path.get(0);
        copy.put(key, path.size() == 1 ? value
                : replaced((Map<String, Object>) params.get(key), path.subList(1, path.size()), value));
        return java.util.Collections.unmodifiableMap(copy);
    }

    private static List<Point> listed(MarkedDocument doc, Problems problems) {
        List<Point> points = new ArrayList<>();
        JsonNode values = doc.at("/sweep/values");
        for (int i = 0; i < values.size(); i++) {
            Object v = doc.plain(Pointers.child("/sweep/values", i), problems);
            JsonNode n = values.get(i);
            String label = n.isBigDecimal() ? n.decimalValue().toPlainString() : n.isValueNode() ? n.asText() : n.toString();
            points.add(new Point(v, label));
        }
        return points.size() > MAX_POINTS ? tooMany(doc, problems, points.size()) : points;
    }

    /** The three ends of a range in one scale: percentages, durations or plain numbers. */
    private enum Scale { PERCENT, DURATION, NUMBER }

    private static List<Point> stepped(MarkedDocument doc, Problems problems) {
        JsonNode from = doc.at("/sweep/from");
        JsonNode to = doc.at("/sweep/to");
        JsonNode step = doc.at("/sweep/step");
        Scale scale = scaleOf(from);
        if (scale == null || scale != scaleOf(to) || scale != scaleOf(step)) {
            problems.add("/sweep", doc.mark("/sweep"),
                    "sweep: from, to and step must all be percentages (10%), all durations (500ms) or all numbers");
            return null;
        }
        String unit = scale == Scale.DURATION ? commonUnit(from, to, step) : null;
        BigDecimal a = amount(doc, "/sweep/from", scale, unit, problems);
        BigDecimal b = amount(doc, "/sweep/to", scale, unit, problems);
        BigDecimal d = amount(doc, "/sweep/step", scale, unit, problems);
        if (a == null || b == null || d == null) {
            return null;
        }
        if (d.signum() <= 0) {
            problems.add("/sweep/step", doc.mark("/sweep/step"), "sweep.step: must be more than zero");
            return null;
        }
        if (b.compareTo(a) < 0) {
            problems.add("/sweep/to", doc.mark("/sweep/to"), "sweep.to: " + text(to) + " is below from (" + text(from) + ")");
            return null;
        }
        BigDecimal[] steps = b.subtract(a).divideAndRemainder(d);
        if (steps[1].signum() != 0) {
            problems.add("/sweep/step", doc.mark("/sweep/step"), "sweep.step: " + text(step)
                    + " does not land on to (" + text(to) + ") from " + text(from)
                    + "; to - from must be a whole number of steps");
            return null;
        }
        if (steps[0].compareTo(BigDecimal.valueOf(MAX_POINTS)) >= 0) {
            return tooMany(doc, problems, steps[0].longValue() + 1);
        }
        List<Point> points = new ArrayList<>();
        for (BigDecimal v = a; v.compareTo(b) <= 0; v = v.add(d)) {
            points.add(point(v, scale, unit));
        }
        return points;
    }

    private static List<Point> tooMany(MarkedDocument doc, Problems problems, long count) {
        problems.add("/sweep", doc.mark("/sweep"), "sweep: " + count + " points is more than " + MAX_POINTS);
        return null;
    }

    private static Scale scaleOf(JsonNode n) {
        if (n.isNumber()) {
            return Scale.NUMBER;
        }
        String t = n.asText().trim();
        if (t.endsWith("%")) {
            return Scale.PERCENT;
        }
        return DURATION.matcher(t).matches() ? Scale.DURATION : null;
    }

    /** The unit all three durations share, so points read as written; milliseconds when they differ. */
    private static String commonUnit(JsonNode... ends) {
        String unit = null;
        for (JsonNode n : ends) {
            Matcher m = DURATION.matcher(n.asText().trim());
            m.matches();
            String u = m.group(2).equals("min") ? "m" : m.group(2);
            if (unit != null && !unit.equals(u)) {
                return "ms";
            }
            unit = u;
        }
        return unit;
    }

    /** The end at {@code pointer} as an exact amount: percent, duration in {@code unit}, or number. */
    private static BigDecimal amount(MarkedDocument doc, String pointer, Scale scale, String unit, Problems problems) {
        JsonNode n = doc.at(pointer);
        try {
            return switch (scale) {
                case PERCENT -> Quantities.percent(n.asText());
                case DURATION -> {
                    Duration checked = Quantities.duration(n.asText());
                    BigDecimal millis = new BigDecimal(checked.toNanos()).movePointLeft(6);
                    yield millis.divide(UNIT_MILLIS.get(unit));
                }
                case NUMBER -> n.decimalValue();
            };
        } catch (IllegalArgumentException | ArithmeticException e) {
            problems.add(pointer, doc.mark(pointer), Pointers.dotted(pointer) + ": " + e.getMessage());
            return null;
        }
    }

    private static Point point(BigDecimal v, Scale scale, String unit) {
        String plain = v.stripTrailingZeros().toPlainString();
        return switch (scale) {
            case PERCENT -> new Point(plain + "%", plain + "%");
            case DURATION -> new Point(plain + unit, plain + unit);
            case NUMBER -> new Point(number(v), plain);
        };
    }

    /** The Java type the YAML reader would have produced for the same number. */
    private static Object number(BigDecimal v) {
        if (v.stripTrailingZeros().scale() > 0) {
            return v.doubleValue();
        }
        BigInteger n = v.toBigIntegerExact();
        if (n.bitLength() < 32) {
            return n.intValue();
        }
        return n.bitLength() < 64 ? (Object) n.longValue() : n;
    }

    private static String text(JsonNode n) {
        return n.isBigDecimal() ? n.decimalValue().toPlainString() : n.asText();
    }
}
