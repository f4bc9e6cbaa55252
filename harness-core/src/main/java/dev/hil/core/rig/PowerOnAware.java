package dev.hil.core.rig;

/** A protocol's device that must know when the board starts booting (a console that must not be typed into). */
public interface PowerOnAware {
    /** The board got power or left reset: it is booting. */
    void poweredOn();
}
