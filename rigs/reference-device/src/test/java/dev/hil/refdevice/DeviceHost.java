package dev.hil.refdevice;

import dev.hil.refdevice.smp.FrameReader;
import dev.hil.refdevice.smp.SerialFrames;
import dev.hil.refdevice.smp.SmpMessage;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * A host for the device module's own tests, speaking SMP with the device's codec: these tests check
 * the device's behaviour. Whether the device talks to the harness is what device-drivers' tests,
 * with the harness's own SMP client, check.
 */
final class DeviceHost {
    private final InputStream fromDevice;
    private final OutputStream toDevice;
    private final FrameReader reader = new FrameReader(true);
    private final Queue<SmpMessage> ready = new ArrayDeque<>();
    private int seq;

    DeviceHost(InputStream fromDevice, OutputStream toDevice) {
        this.fromDevice = fromDevice;
        this.toDevice = toDevice;
    }

    Map<String, Object> request(int op, int group, int command, Map<String, ?> fields) throws Exception {
        SmpMessage req = request(op, group, command, seq++ & 0xFF, fields);
        send(SerialFrames.encode(req));
        SmpMessage rsp = next();
        if (rsp.seq() != req.seq() || rsp.group() != group || rsp.command() != command || rsp.op() != (op | 1)) {
            throw new IOException("response " + rsp + " does not answer " + req);
        }
        return rsp.fields();
    }

    static SmpMessage request(int op, int group, int command, int seq, Map<String, ?> fields) {
        return new SmpMessage(0, op, 0, group, seq, command, dev.hil.refdevice.smp.Cbor.encode(fields));
    }

    void send(byte[] wire) throws IOException {
        toDevice.write(wire);
        toDevice.flush();
    }

    SmpMessage next() throws IOException {
        byte[] buf = new byte[4096];
        while (ready.isEmpty()) {
            int n = fromDevice.read(buf);
            if (n < 0) {
                throw new EOFException("device closed the UART");
            }
            for (FrameReader.Received r : reader.feed(buf, 0, n)) {
                if (r instanceof FrameReader.Packet p) {
                    ready.add(p.message());
                }
            }
        }
        return ready.remove();
    }

    Map<String, Object> echo(String text) throws Exception {
        return request(SmpMessage.OP_WRITE, SmpServer.GROUP_OS, SmpServer.OS_ECHO, Map.of("d", text));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list() throws Exception {
        return (List<Map<String, Object>>) request(SmpMessage.OP_READ, SmpServer.GROUP_IMAGE, SmpServer.IMAGE_STATE,
                Map.of()).get("images");
    }

    Map<String, Object> reset() throws Exception {
        return request(SmpMessage.OP_WRITE, SmpServer.GROUP_OS, SmpServer.OS_RESET, Map.of());
    }

    /** Reset, then an echo: the device answers it only once it has booted again. */
    void resetAndWait() throws Exception {
        reset();
        echo("booted?");
    }

    Map<String, Object> test(byte[] hash) throws Exception {
        return request(SmpMessage.OP_WRITE, SmpServer.GROUP_IMAGE, SmpServer.IMAGE_STATE,
                Map.of("hash", hash, "confirm", false));
    }

    Map<String, Object> confirm() throws Exception {
        return request(SmpMessage.OP_WRITE, SmpServer.GROUP_IMAGE, SmpServer.IMAGE_STATE, Map.of("confirm", true));
    }

    /** Uploads in 1 KiB chunks, following the device's "off" answers. */
    void upload(byte[] image) throws Exception {
        long off = 0;
        while (off < image.length) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("image", 0);
            if (off == 0) {
                f.put("len", image.length);
            }
            f.put("off", off);
            f.put("data", Arrays.copyOfRange(image, (int) off, (int) Math.min(image.length, off + 1024)));
            Map<String, Object> rsp = request(SmpMessage.OP_WRITE, SmpServer.GROUP_IMAGE, SmpServer.IMAGE_UPLOAD, f);
            if (((Number) rsp.get("rc")).intValue() != 0) {
                throw new IOException("upload refused: " + rsp);
            }
            off = ((Number) rsp.get("off")).longValue();
        }
    }
}
