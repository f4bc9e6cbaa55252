package dev.hil.reports.sweep;

import dev.hil.core.run.Recovery;

/** The heatmap's outcome classes: each has a CSS class and a colour so the SVG reads without a stylesheet. */
public enum PointOutcome {
    OLD("outcome-old", "#2563eb", "recovered to the old (given) image"),
    NEW("outcome-new", "#16a34a", "recovered to the new (update) image"),
    BRICKED("outcome-bricked", "#dc2626", "bricked: no active image"),
    TIMEOUT("outcome-timeout", "#111827", "timeout: no answer within the budget"),
    OTHER("outcome-other", "#9ca3af", "other: unknown image, or recovery not reached");

    private final String cssClass;
    private final String colour;
    private final String meaning;

    PointOutcome(String cssClass, String colour, String meaning) {
        this.cssClass = cssClass;
        this.colour = colour;
        this.meaning = meaning;
    }

    static PointOutcome of(Recovery.Landing landing) {
        return switch (landing) {
            case GIVEN -> OLD;
            case UPDATE -> NEW;
            case NO_ACTIVE_IMAGE -> BRICKED;
            case NO_ANSWER -> TIMEOUT;
            case UNKNOWN_IMAGE, NOT_REACHED -> OTHER;
        };
    }

    public String cssClass() {
        return cssClass;
    }

    public String colour() {
        return colour;
    }

    public String meaning() {
        return meaning;
    }
}
