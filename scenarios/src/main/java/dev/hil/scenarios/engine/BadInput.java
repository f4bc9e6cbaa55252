package dev.hil.scenarios.engine;

import java.util.List;

/**
 * Input that cannot be run (a bad scenario or rig file, a scenario the named rig cannot carry):
 * the failure of a test that stands for it. {@code hil run} maps it to exit code 2.
 */
public final class BadInput extends RuntimeException {
    private final List<String> problems;

    BadInput(List<String> problems) {
        super(String.join("\n", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    BadInput(String problem) {
        this(List.of(problem));
    }

    /** One line each: file:line:column: reason. */
    public List<String> problems() {
        return problems;
    }
}
