package dev.hil.scenarios.file;

import dev.hil.core.scenario.SourceMark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A problem with an input file (scenario, rig, suite path), pointing at the place an editor can jump
 * to. Loading reports every problem it can find in a file at once: the thrown error is the first
 * one (in file order) and {@link #all()} holds them all, so the CLI can print the whole list.
 */
public final class InputError extends Exception {
    private static final Comparator<InputError> FILE_ORDER = Comparator
            .comparing((InputError e) -> String.valueOf(e.mark.file()))
            .thenComparingInt(e -> e.mark.line())
            .thenComparingInt(e -> e.mark.column())
            .thenComparing(e -> e.reason);

    private final SourceMark mark;
    private final String reason;
    private final List<InputError> all;

    public InputError(SourceMark mark, String reason) {
        super(mark + ": " + reason);
        this.mark = mark;
        this.reason = reason;
        this.all = List.of(this);
    }

    private InputError(InputError first, List<InputError> all) {
        super(first.getMessage());
        this.mark = first.mark;
        this.reason = first.reason;
        this.all = all;
    }

    /** One error standing for several found in one pass; {@code problems} must not be empty. */
    public static InputError of(List<InputError> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems to report");
        }
        // The same place and reason can come from two checks (e.g. schema and code); say it once.
        Map<String, InputError> unique = new LinkedHashMap<>();
        for (InputError p : problems) {
            for (InputError each : p.all()) {
                unique.putIfAbsent(each.getMessage(), each);
            }
        }
        List<InputError> sorted = new ArrayList<>(unique.values());
        sorted.sort(FILE_ORDER);
        return sorted.size() == 1 ? sorted.get(0) : new InputError(sorted.get(0), List.copyOf(sorted));
    }

    public SourceMark mark() {
        return mark;
    }

    /** The one-line reason, without the location. */
    public String reason() {
        return reason;
    }

    /** Every problem found in the same pass, in file order; this one first. */
    public List<InputError> all() {
        return all;
    }
}
