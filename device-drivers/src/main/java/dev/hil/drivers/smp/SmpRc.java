package dev.hil.drivers.smp;

/**
 * MCUmgr result codes ({@code mcumgr_err_t}): the "rc" of an SMP v1 response. SMP v2 responses
 * carry group-specific errors as {@code "err": {"group": g, "rc": r}} instead; those codes are
 * defined per group, so they are shown by number.
 */
public final class SmpRc {
    public static final int EOK = 0;
    public static final int EUNKNOWN = 1;
    public static final int ENOMEM = 2;
    public static final int EINVAL = 3;
    public static final int ETIMEOUT = 4;
    public static final int ENOENT = 5;
    public static final int EBADSTATE = 6;
    public static final int EMSGSIZE = 7;
    public static final int ENOTSUP = 8;
    public static final int ECORRUPT = 9;
    public static final int EBUSY = 10;
    public static final int EACCESSDENIED = 11;
    public static final int UNSUPPORTED_TOO_OLD = 12;
    public static final int UNSUPPORTED_TOO_NEW = 13;
    /** Codes from here on are defined by the application. */
    public static final int EPERUSER = 256;

    private static final String[] NAMES = {
        "EOK", "EUNKNOWN", "ENOMEM", "EINVAL", "ETIMEOUT", "ENOENT", "EBADSTATE", "EMSGSIZE",
        "ENOTSUP", "ECORRUPT", "EBUSY", "EACCESSDENIED", "UNSUPPORTED_TOO_OLD", "UNSUPPORTED_TOO_NEW"
    };

    private SmpRc() {
    }

    /** The mcumgr name of {@code rc}, e.g. "EINVAL"; "EPERUSER+n" for application codes. */
    public static String name(int rc) {
        if (rc >= 0 && rc < NAMES.length) {
            return NAMES[rc];
        }
        if (rc >= EPERUSER) {
            return "EPERUSER+" + (rc - EPERUSER);
        }
        return "UNDEFINED";
    }

    /** "rc=3 EINVAL", the form used in messages and transcripts. */
    public static String describe(int rc) {
        return "rc=" + rc + " " + name(rc);
    }
}
