package dev.hil.refdevice;

import dev.hil.refdevice.smp.FrameReader;
import dev.hil.refdevice.smp.McumgrRc;
import dev.hil.refdevice.smp.SerialFrames;
import dev.hil.refdevice.smp.SmpError;
import dev.hil.refdevice.smp.SmpMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The device's MCUmgr SMP endpoint on its UART: the image group ({@link ImageGroup}), OS echo and
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
    public static final int IMAGE_STATE = ImageGroup.STATE;
    public static final int IMAGE_UPLOAD = ImageGroup.UPLOAD;
    public static final int IMAGE_ERASE = ImageGroup.ERASE;
    public static final int IMAGE_SLOT_INFO = ImageGroup.SLOT_INFO;
    /** The vendor group (MCUmgr leaves ids from 64 up to applications): therapy state and its lock. */
    public static final int GROUP_THERAPY = 64;
    public static final int THERAPY_STATE = 0;
    public static final int THERAPY_AUTHORIZE_UPDATE = 1;

    private final VirtualDevice device;
    private final EventLog log;
    private final FrameReader decoder;
    private final ImageGroup images;

    /** The first profile's build: full image lists, no slot info. */
    public SmpServer(VirtualDevice device, EventLog log) {
        this(device, log, ImageList.FULL, false);
    }

    /** @param slotInfo whether the build serves image slot info (Zephyr 3.7+); else it is ENOTSUP */
    public SmpServer(VirtualDevice device, EventLog log, ImageList imageList, boolean slotInfo) {
        this.device = device;
        this.log = log;
        this.decoder = new FrameReader(!device.has(Defect.NO_CRC_CHECK));
        this.images = new ImageGroup(device, imageList, slotInfo);
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
            Map<String, Object> image = req.group() == GROUP_IMAGE ? images.handle(req.command(), write, f) : null;
            if (image != null) {
                return reply(req, image);
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
                : g == GROUP_IMAGE ? (c == IMAGE_STATE ? "image/state" : c == IMAGE_UPLOAD ? "image/upload"
                        : c == IMAGE_ERASE ? "image/erase" : c == IMAGE_SLOT_INFO ? "image/slot-info" : null)
                : g == GROUP_THERAPY ? (c == THERAPY_STATE ? "therapy/state"
                        : c == THERAPY_AUTHORIZE_UPDATE ? "therapy/authorize-update" : null) : null;
        return known != null ? known : "group" + g + "/cmd" + c;
    }
}
