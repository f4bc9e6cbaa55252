package dev.hil.drivers.smp;

import dev.hil.core.device.DeviceException;
import dev.hil.core.device.DeviceException.Kind;
import java.util.Map;

/** Reading an answer's fields: its error, if any, and the numbers a command needs. */
final class SmpAnswers {
    private SmpAnswers() {
    }

    /** SMP v1 "rc" or v2 "err": {group, rc}; non-zero means the device refused. */
    static void refuseOnError(String what, Map<String, Object> rsp) {
        if (rc(rsp) != 0) {
            throw new DeviceException(Kind.REFUSED, what + " refused: " + refusal(rsp));
        }
    }

    /** The answer's error code: v1 "rc", or v2 "err".rc; 0 when it has none. */
    static int rc(Map<String, Object> rsp) {
        if (rsp.get("rc") instanceof Number rc && rc.intValue() != 0) {
            return rc.intValue();
        }
        if (rsp.get("err") instanceof Map<?, ?> err && err.get("rc") instanceof Number rc) {
            return rc.intValue();
        }
        return 0;
    }

    private static String refusal(Map<String, Object> rsp) {
        String reason = rsp.get("rsn") instanceof String s ? " (" + s + ")" : "";
        if (rsp.get("rc") instanceof Number rc && rc.intValue() != 0) {
            return SmpRc.describe(rc.intValue()) + reason;
        }
        Map<?, ?> err = (Map<?, ?>) rsp.get("err");
        return "group " + err.get("group") + " error rc=" + rc(rsp) + reason;
    }

    static long number(Map<?, ?> m, String key, String what) {
        if (m.get(key) instanceof Number n) {
            return n.longValue();
        }
        throw new DeviceException(Kind.PROTOCOL, "answer to " + what + " has no number \"" + key + "\": "
                + SmpRender.fields(m));
    }
}
