package dev.hil.drivers.virtualdevice;

import dev.hil.drivers.smp.SmpDecoded;
import dev.hil.drivers.smp.SmpFormatException;
import dev.hil.drivers.smp.SmpFrameDecoder;
import dev.hil.drivers.smp.SmpPacket;
import dev.hil.drivers.smp.SmpRc;
import dev.hil.drivers.smp.SmpSerialFraming;
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
 * ({@link SmpPacket#GROUP_THERAPY}): therapy state and update authorization.
 */
public final class SmpServer {
    private final VirtualDevice device;
    private final EventLog log;
    private final SmpFrameDecoder decoder;

    public SmpServer(VirtualDevice device, EventLog log) {
        this.device = device;
        this.log = log;
        this.decoder = new SmpFrameDecoder(!device.has(Defect.NO_CRC_CHECK));
    }

    /** Serves until the host closes the line (stdin EOF). */
    public void serve(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[4096];
        int n;
        while ((n = in.read(buf)) >= 0) {
            for (SmpDecoded d : decoder.feed(buf, 0, n)) {
                if (d instanceof SmpDecoded.Failure f) {
                    log.event("smp: dropped frame: " + f.reason());
                } else if (d instanceof SmpDecoded.Packet p && !p.packet().isResponse()) {
                    Answer a = handle(p.packet());
                    out.write(SmpSerialFraming.encode(a.response()));
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
    record Answer(SmpPacket response, boolean thenReset) {
    }

    Answer handle(SmpPacket req) {
        try {
            Map<String, Object> f = req.fields();
            boolean write = req.op() == SmpPacket.OP_WRITE;
            if (req.group() == SmpPacket.GROUP_OS && req.cmd() == SmpPacket.OS_ECHO) {
                Map<String, Object> echo = new LinkedHashMap<>();
                echo.put("r", f.getOrDefault("d", ""));
                return reply(req, echo);
            }
            if (req.group() == SmpPacket.GROUP_OS && req.cmd() == SmpPacket.OS_RESET && write) {
                device.allowReset(); // Zephyr's os reset hook lets the application refuse a reset
                log.event("smp: reset requested");
                return new Answer(req.response(Map.of()), true);
            }
            if (req.group() == SmpPacket.GROUP_IMAGE && req.cmd() == SmpPacket.IMAGE_STATE) {
                if (write) {
                    stateWrite(f);
                }
                return reply(req, imageList());
            }
            if (req.group() == SmpPacket.GROUP_IMAGE && req.cmd() == SmpPacket.IMAGE_UPLOAD && write) {
                return reply(req, upload(f));
            }
            if (req.group() == SmpPacket.GROUP_THERAPY && req.cmd() == SmpPacket.THERAPY_STATE) {
                if (write) {
                    therapyWrite(f);
                }
                return reply(req, therapy());
            }
            if (req.group() == SmpPacket.GROUP_THERAPY && req.cmd() == SmpPacket.THERAPY_AUTHORIZE_UPDATE && write) {
                device.authorizeUpdate();
                return reply(req, therapy());
            }
            return error(req, SmpRc.ENOTSUP, "unsupported " + req.opName() + " " + req.commandName());
        } catch (DeviceRefusal e) {
            return error(req, e.rc(), e.getMessage());
        } catch (SmpFormatException | ClassCastException e) {
            return error(req, SmpRc.EINVAL, "malformed request: " + e.getMessage());
        }
    }

    private void stateWrite(Map<String, Object> f) throws DeviceRefusal {
        boolean confirm = Boolean.TRUE.equals(f.get("confirm"));
        Object hash = f.get("hash");
        if (hash == null) {
            if (!confirm) {
                throw new DeviceRefusal(SmpRc.EINVAL, "image test needs a hash");
            }
            device.confirm();
        } else {
            device.requestSwap((byte[]) hash, confirm);
        }
    }

    private void therapyWrite(Map<String, Object> f) throws DeviceRefusal {
        Object therapy = f.get("therapy");
        if (f.size() != 1 || !("active".equals(therapy) || "idle".equals(therapy))) {
            throw new DeviceRefusal(SmpRc.EINVAL, "therapy state write takes exactly {therapy: active|idle}, got "
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
                throw new DeviceRefusal(SmpRc.EINVAL, "first upload chunk lacks \"len\"");
            }
            session = device.startUpload(number(f, "len"), sha);
        }
        if (session == null || off != session.next()) {
            // Zephyr's answer to a lost or repeated chunk: where it wants the client to continue.
            return Map.of("rc", SmpRc.EOK, "off", session == null ? 0 : session.next());
        }
        int next = session.write(data);
        return Map.of("rc", SmpRc.EOK, "off", next);
    }

    private static long number(Map<String, Object> f, String key) throws DeviceRefusal {
        if (f.get(key) instanceof Number n) {
            return n.longValue();
        }
        throw new DeviceRefusal(SmpRc.EINVAL, "missing or non-numeric \"" + key + "\"");
    }

    private static Answer reply(SmpPacket req, Map<String, ?> fields) {
        return new Answer(req.response(fields), false);
    }

    private Answer error(SmpPacket req, int rc, String why) {
        log.event("smp: " + req.commandName() + " " + SmpRc.describe(rc) + ": " + why);
        return new Answer(req.response(Map.of("rc", rc, "rsn", why)), false);
    }
}
