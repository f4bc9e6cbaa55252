package dev.hil.core.image;

/** The outcome of checking an image against a trust key; {@code reason} says why when not valid. */
public record Verdict(boolean valid, String reason) {
    public static Verdict ok(String what) {
        return new Verdict(true, what);
    }

    public static Verdict bad(String why) {
        return new Verdict(false, why);
    }
}
