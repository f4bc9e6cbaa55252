package dev.hil.core.scenario;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The units scenario files write: durations ({@code 1.5s}, {@code 500ms}, {@code 2m}) and percentages. */
public final class Quantities {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min)");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

    private Quantities() {
    }

    /** @throws IllegalArgumentException naming the accepted forms */
    public static Duration duration(Object value) {
        Matcher m = DURATION.matcher(String.valueOf(value).trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a duration (write e.g. 500ms, 1.5s, 2m)");
        }
        BigDecimal n = new BigDecimal(m.group(1));
        BigDecimal millis = switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n.multiply(BigDecimal.valueOf(1000));
            default -> n.multiply(BigDecimal.valueOf(60_000));
        };
        return Duration.ofNanos(millis.multiply(BigDecimal.valueOf(1_000_000)).longValue());
    }

    /** A percentage 0..100 as written ({@code 37%} or {@code 37.5%}). */
    public static BigDecimal percent(Object value) {
        Matcher m = PERCENT.matcher(String.valueOf(value).trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a percentage (write e.g. 50%)");
        }
        BigDecimal p = new BigDecimal(m.group(1));
        if (p.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("'" + value + "' is more than 100%");
        }
        return p;
    }

    /** The image byte count that {@code percent} of {@code total} bytes means: floor(total * p / 100). */
    public static long bytesAt(BigDecimal percent, long total) {
        return percent.multiply(BigDecimal.valueOf(total)).divideToIntegralValue(BigDecimal.valueOf(100)).longValue();
    }
}
