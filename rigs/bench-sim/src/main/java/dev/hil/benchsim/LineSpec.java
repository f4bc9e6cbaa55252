package dev.hil.benchsim;

/**
 * One GPIO line of the bench: its role, its number in the GPIO folder, and the level at which it is
 * asserted (power: supply on; reset and boot-mode: held).
 */
record LineSpec(String role, int number, int assertedLevel) {
    static final String POWER = "power";
    static final String RESET = "reset";
    static final String BOOT_MODE = "boot-mode";

    boolean asserted(int level) {
        return level == assertedLevel;
    }

    /** The level the board's pull resistors give the line while nothing drives it: not asserted. */
    int idleLevel() {
        return 1 - assertedLevel;
    }

    /** The word the events file prints beside the level. */
    String meaning(int level) {
        boolean on = asserted(level);
        return POWER.equals(role) ? (on ? "on" : "off") : (on ? "held" : "released");
    }
}
