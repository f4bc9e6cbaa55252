package dev.hil.refdevice;

/** The device declines a management request; {@code rc} is the MCUmgr code the server answers with. */
public final class DeviceRefusal extends Exception {
    private final int rc;

    public DeviceRefusal(int rc, String message) {
        super(message);
        this.rc = rc;
    }

    public int rc() {
        return rc;
    }
}
