package dev.hil.refdevice;

import dev.hil.refdevice.smp.FrameReader;
import dev.hil.refdevice.smp.McumgrRc;
import dev.hil.refdevice.smp.SerialFrames;
import dev.hil.refdevice.smp.SmpError;
import dev.hil.refdevice.smp.SmpMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The device's MCUmgr SMP endpoint on its UART: image state read/write, image upload, OS echo and
 * reset, answered as Zephyr answers them (SMP v1 "rc" errors with an "rsn" text, as with
 * CONFIG_MCUMGR_SMP_VERBOSE_ERR_RESPONSE, ENOTSUP for anything else); plus the vendor therapy group
 * ({@link #GROUP_THERAPY}): therapy state and update authorization.
 */
public final class SmpServer {
    // Group and command ids from the MCUmgr spec, deliberately defined again beside the harness's
    // dev.hil.drivers.smp.SmpPacket: the checked device shares no code with its checker.
    public static final int GROUP_OS = 0;
    public static final int OS_ECHO = 0;
    public static final int OS_RESET = 5;
    public static final int GROUP_IMAGE = 1;
    public static final int IMAGE_STATE = 0;
    public static final int IMAGE_UPLOAD = 1;
    /** The vendor group (MCUmgr leaves ids from 64 up to applications): therapy state and its lock. */
    public static final int GROUP_THERAPY = 64;
    public static final int THERAPY_STATE = 0;
    public static final int THERAPY_AUTHORIZE_UPDATE = 1;

    private final VirtualDevice device;
    private final EventLog log;
    private final FrameReader decoder;

    public SmpServer(VirtualDevice device, EventLog log) {
        this.device = device;
        this.log = log;
        this.decoder = new FrameReader(!device.has(Defect.NO_CRC_CHECK));
    }

    /** Serves until the host closes the line (stdin EOF). */
    public void serve(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[4096];
        int n;
        while ((n = in.read(buf)) >= 0) {
            for (FrameReader.Received r : decoder.feed(buf, 0, n)) {
                if (r instanceof FrameReader.Dropped d) {
                    log.event("smp: dropped frame: " + d.reason());
                } else if (r instanceof FrameReader.Packet p && p.message().isRequest()) {
                    Answer a = handle(p.message());
                    out.write(SerialFrames.encode(a.response()));
                    out.flush();
                    if (a.thenReset()) {
                        // Power stays on: the bootloader runs again in this process, as after a soft reset.
                        decoder.reset();
                        device.boot();
                    }
                }
            }
        }
    }

    /** A response, and whether the device resets once it is on the wire. */
    record Answer(SmpMessage response, boolean thenReset) {
    }

    Answer handle(SmpMessage req) {
        try {
            Map<String, Object> f = req.fields();
            boolean write = req.isWrite();
            if (req.group() == GROUP_OS && req.command() == OS_ECHO) {
                Map<String, Object> echo = new LinkedHashMap<>();
                echo.put("r", f.getOrDefault("d", ""));
                return reply(req, echo);
            }
            if (req.group() == GROUP_OS && req.command() == OS_RESET && write) {
                device.allowReset(); // Zephyr's os reset hook lets the application refuse a reset
                log.event("smp: reset requested");
                return new Answer(req.answer(Map.of()), true);
            }
            if (req.group() == GROUP_IMAGE && req.command() == IMAGE_STATE) {
                if (write) {
                    stateWrite(f);
                }
                return reply(req, imageList());
            }
            if (req.group() == GROUP_IMAGE && req.command() == IMAGE_UPLOAD && write) {
                return reply(req, upload(f));
            }
            if (req.group() == GROUP_THERAPY && req.command() == THERAPY_STATE) {
                if (write) {
                    therapyWrite(f);
                }
                return reply(req, therapy());
            }
            if (req.group() == GROUP_THERAPY && req.command() == THERAPY_AUTHORIZE_UPDATE && write) {
                device.authorizeUpdate();
                return reply(req, therapy());
            }
            return error(req, McumgrRc.ENOTSUP, "unsupported op " + req.op() + " " + commandName(req));
        } catch (DeviceRefusal e) {
            return error(req, e.rc(), e.getMessage());
        } catch (SmpError | ClassCastException e) {
            return error(req, McumgrRc.EINVAL, "malformed request: " + e.getMessage());
        }
    }

    private void stateWrite(Map<String, Object> f) throws DeviceRefusal {
        boolean confirm = Boolean.TRUE.equals(f.get("confirm"));
        Object hash = f.get("hash");
        if (hash == null) {
            if (!confirm) {
                throw new DeviceRefusal(McumgrRc.EINVAL, "image test needs a hash");
            }
            device.confirm();
        } else {
            device.requestSwap((byte[]) hash, confirm);
        }
    }

    private void therapyWrite(Map<String, Object> f) throws DeviceRefusal {
        Object therapy = f.get("therapy");
        if (f.size() != 1 || !("active".equals(therapy) || "idle".equals(therapy))) {
            throw new DeviceRefusal(McumgrRc.EINVAL, "therapy state write takes exactly {therapy: active|idle}, got "
                    + f.keySet());
        }
        device.therapy("active".equals(therapy));
    }

    private Map<String, Object> therapy() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("therapy", device.therapyActive() ? "active" : "idle");
        out.put("authorized", device.updateAuthorized());
        return out;
    }

    private Map<String, Object> imageList() {
        List<Map<String, Object>> images = new ArrayList<>();
        for (SlotState s : device.slots()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("image", 0);
            m.put("slot", s.slot().index());
            m.put("version", s.version().toString());
            m.put("hash", s.hash());
            m.put("bootable", s.bootable());
            m.put("pending", s.pending());
            m.put("confirmed", s.confirmed());
            m.put("active", s.active());
            m.put("permanent", s.permanent());
            images.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("images", images);
        out.put("splitStatus", 0);
        return out;
    }

    private Map<String, Object> upload(Map<String, Object> f) throws DeviceRefusal {
        long off = number(f, "off");
        byte[] data = f.get("data") instanceof byte[] d ? d : new byte[0];
        byte[] sha = f.get("sha") instanceof byte[] s ? s : null;
        ImageUpload session = device.upload().orElse(null);
        if (off == 0) {
            if (!f.containsKey("len")) {
                throw new DeviceRefusal(McumgrRc.EINVAL, "first upload chunk lacks \"len\"");
            }
            session = device.startUpload(number(f, "len"), sha);
        }
        if (session == null || off != session.next()) {
            // Zephyr's answer to a lost or repeated chunk: where it wants the client to continue.
            return Map.of("rc", McumgrRc.EOK, "off", session == null ? 0 : session.next());
        }
        int next = session.write(data);
        return Map.of("rc", McumgrRc.EOK, "off", next);
    }

    private static long number(Map<String, Object> f, String key) throws DeviceRefusal {
        if (f.get(key) instanceof Number n) {
            return n.longValue();
        }
        throw new DeviceRefusal(McumgrRc.EINVAL, "missing or non-numeric \"" + key + "\"");
    }

    private static Answer reply(SmpMessage req, Map<String, ?> fields) {
        return new Answer(req.answer(fields), false);
    }

    private Answer error(SmpMessage req, int rc, String why) {
        log.event("smp: " + commandName(req) + " " + McumgrRc.describe(rc) + ": " + why);
        return new Answer(req.answer(Map.of("rc", rc, "rsn", why)), false);
    }

    /** "image/state", "os/reset", or numbers for what the device does not serve, for the log. */
    private static String commandName(SmpMessage req) {
        int g = req.group();
        int c = req.command();
        String known = g == GROUP_OS ? (c == OS_ECHO ? "os/echo" : c == OS_RESET ? "os/reset" : null)
                : g == GROUP_IMAGE ? (c == IMAGE_STATE ? "image/state" : c == IMAGE_UPLOAD ? "image/upload" : null)
                : g == GROUP_THERAPY ? (c == THERAPY_STATE ? "therapy/state"
                        : c == THERAPY_AUTHORIZE_UPDATE ? "therapy/authorize-update" : null) : null;
        return known != null ? known : "group" + g + "/cmd" + c;
    }
}
