package dev.hil.core.run;

/** How a scenario case ended and, unless it passed, the one-line reason. */
public record Outcome(Status status, String message) {
}
