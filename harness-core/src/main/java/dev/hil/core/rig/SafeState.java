package dev.hil.core.rig;

/**
 * What a board is left in on every end: normal close, a failed case, Ctrl-C, SIGTERM, and at the
 * next open after a harness was killed ({@code safe-state:} in the rig file). The default is the
 * one a medical-device bench wants: supply off, reset released (a held reset on a powered board
 * still feeds it).
 */
public record SafeState(boolean powered, boolean resetHeld) {
    public static final SafeState OFF = new SafeState(false, false);

    public String describe() {
        return "power " + (powered ? "on" : "off") + ", reset " + (resetHeld ? "held" : "released");
    }
}
