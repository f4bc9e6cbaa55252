package dev.hil.refdevice;

/** The two image slots, numbered as MCUmgr numbers them. */
public enum Slot {
    PRIMARY(0), SECONDARY(1);

    private final int index;

    Slot(int index) {
        this.index = index;
    }

    public int index() {
        return index;
    }

    public Slot other() {
        return this == PRIMARY ? SECONDARY : PRIMARY;
    }
}
