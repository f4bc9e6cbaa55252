package dev.hil.refdevice.smp;

/**
 * The MCUmgr result codes ({@code enum mcumgr_err_t}) the device answers with in an SMP v1 "rc".
 *
 * <p>Deliberately written again beside the harness's {@code dev.hil.drivers.smp.SmpRc}: the checked
 * device shares no code with its checker.
 */
public final class McumgrRc {
    public static final int EOK = 0;
    public static final int ENOMEM = 2;
    public static final int EINVAL = 3;
    public static final int ENOENT = 5;
    public static final int EBADSTATE = 6;
    public static final int ENOTSUP = 8;
    public static final int EBUSY = 10;

    private McumgrRc() {
    }

    /** "rc=3 EINVAL", for the device log. */
    public static String describe(int rc) {
        String name = switch (rc) {
            case EOK -> "EOK";
            case ENOMEM -> "ENOMEM";
            case EINVAL -> "EINVAL";
            case ENOENT -> "ENOENT";
            case EBADSTATE -> "EBADSTATE";
            case ENOTSUP -> "ENOTSUP";
            case EBUSY -> "EBUSY";
            default -> "?";
        };
        return "rc=" + rc + " " + name;
    }
}
