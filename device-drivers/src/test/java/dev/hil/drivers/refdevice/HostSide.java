package dev.hil.drivers.refdevice;

import dev.hil.core.image.FirmwareImage;
import dev.hil.drivers.smp.SmpDecoded;
import dev.hil.drivers.smp.SmpFrameDecoder;
import dev.hil.drivers.smp.SmpPacket;
import dev.hil.drivers.smp.SmpSerialFraming;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/** The host end of the device UART for tests: framed SMP requests out, decoded responses in. */
final class HostSide {
    private final InputStream fromDevice;
    private final OutputStream toDevice;
    private final SmpFrameDecoder decoder = new SmpFrameDecoder();
    private final Queue<SmpPacket> ready = new ArrayDeque<>();
    private int seq;

    HostSide(InputStream fromDevice, OutputStream toDevice) {
        this.fromDevice = fromDevice;
        this.toDevice = toDevice;
    }

    Map<String, Object> request(int op, int group, int cmd, Map<String, ?> fields) throws IOException {
        SmpPacket req = SmpPacket.of(op, group, cmd, seq++ & 0xFF, fields);
        send(SmpSerialFraming.encode(req));
        SmpPacket rsp = next();
        if (rsp.seq() != req.seq() || rsp.group() != group || rsp.cmd() != cmd || rsp.op() != (op | 1)) {
            throw new IOException("response " + rsp + " does not answer " + req);
        }
        return rsp.fields();
    }

    void send(byte[] wire) throws IOException {
        toDevice.write(wire);
        toDevice.flush();
    }

    SmpPacket next() throws IOException {
        byte[] buf = new byte[4096];
        while (ready.isEmpty()) {
            int n = fromDevice.read(buf);
            if (n < 0) {
                throw new EOFException("device closed the UART");
            }
            for (SmpDecoded d : decoder.feed(buf, 0, n)) {
                if (d instanceof SmpDecoded.Packet p) {
                    ready.add(p.packet());
                }
            }
        }
        return ready.remove();
    }

    Map<String, Object> echo(String text) throws IOException {
        return request(SmpPacket.OP_WRITE, SmpPacket.GROUP_OS, SmpPacket.OS_ECHO, Map.of("d", text));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list() throws IOException {
        return (List<Map<String, Object>>) request(SmpPacket.OP_READ, SmpPacket.GROUP_IMAGE, SmpPacket.IMAGE_STATE,
                Map.of()).get("images");
    }

    Map<String, Object> reset() throws IOException {
        return request(SmpPacket.OP_WRITE, SmpPacket.GROUP_OS, SmpPacket.OS_RESET, Map.of());
    }

    /** Reset, then an echo: the device answers it only once it has booted again. */
    void resetAndWait() throws IOException {
        reset();
        echo("booted?");
    }

    Map<String, Object> test(byte[] hash) throws IOException {
        return request(SmpPacket.OP_WRITE, SmpPacket.GROUP_IMAGE, SmpPacket.IMAGE_STATE,
                Map.of("hash", hash, "confirm", false));
    }

    Map<String, Object> confirm() throws IOException {
        return request(SmpPacket.OP_WRITE, SmpPacket.GROUP_IMAGE, SmpPacket.IMAGE_STATE, Map.of("confirm", true));
    }

    Map<String, Object> chunk(long off, byte[] data, Long len, byte[] sha) throws IOException {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("image", 0);
        if (len != null) {
            f.put("len", len);
            f.put("sha", sha);
        }
        f.put("off", off);
        f.put("data", data);
        return request(SmpPacket.OP_WRITE, SmpPacket.GROUP_IMAGE, SmpPacket.IMAGE_UPLOAD, f);
    }

    /** Uploads in chunks, following the device's "off" answers; returns the number of requests sent. */
    int upload(FirmwareImage image, int chunkSize) throws Exception {
        byte[] bytes = image.bytes();
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(bytes);
        long off = 0;
        int requests = 0;
        while (off < bytes.length) {
            byte[] data = Arrays.copyOfRange(bytes, (int) off, (int) Math.min(bytes.length, off + chunkSize));
            Map<String, Object> rsp = chunk(off, data, off == 0 ? (long) bytes.length : null, off == 0 ? sha : null);
            requests++;
            if (((Number) rsp.get("rc")).intValue() != 0) {
                throw new IOException("upload refused: " + rsp);
            }
            off = ((Number) rsp.get("off")).longValue();
        }
        return requests;
    }
}
