package dev.hil.drivers.smp;

import dev.hil.core.device.Device;
import dev.hil.core.device.DeviceException;
import dev.hil.core.device.DeviceException.Kind;
import dev.hil.core.device.ImageSlot;
import dev.hil.core.image.FirmwareImage;
import dev.hil.core.link.LinkDownException;
import dev.hil.core.link.SerialLink;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;

/**
 * MCUmgr SMP client over the serial transport: image upload, image state, test, confirm, OS reset
 * and echo, as a Zephyr application or MCUboot serial recovery serves them.
 *
 * <p>Each try of a request gets a fresh sequence number and only a response with that sequence
 * number, group, command and matching op is taken; older or unrelated responses are ignored (and
 * noted in the transcript), so a late answer to a retried request cannot be mistaken for the
 * next one. A request without an answer within the timeout, counted from when it is handed to the
 * link (a write the link holds back uses the time up), is sent again, up to {@code retries} more times. Calls are serialised; one client per link.
 */
public final class SmpClient implements Device {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_RETRIES = 3;
    /** 256 image bytes keep an upload request near 300 bytes: 4 frames, within small device buffers. */
    public static final int DEFAULT_CHUNK = 256;
    private static final int PREVIEW = 8;

    private final SerialLink link;
    private final Duration timeout;
    private final int retries;
    private final int chunkSize;
    private final SmpFrameDecoder decoder = new SmpFrameDecoder();
    private volatile Consumer<String> transcript = line -> { };
    private final byte[] readBuf = new byte[1024];
    private int nextSeq;

    public SmpClient(SerialLink link) {
        this(link, DEFAULT_TIMEOUT, DEFAULT_RETRIES, DEFAULT_CHUNK);
    }

    /**
     * @param requestTimeout how long to wait for each try's answer
     * @param retries        extra tries after the first one goes unanswered (0 = no resend)
     * @param chunkSize      image bytes per upload request
     */
    public SmpClient(SerialLink link, Duration requestTimeout, int retries, int chunkSize) {
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive, got " + requestTimeout);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
        if (chunkSize < 1 || chunkSize > 60_000) {
            throw new IllegalArgumentException("chunk size must be 1..60000, got " + chunkSize);
        }
        this.link = link;
        this.timeout = requestTimeout;
        this.retries = retries;
        this.chunkSize = chunkSize;
    }

    /**
     * Sets (replacing any earlier one) the sink for the human-readable transcript: one line per request and per response, plus
     * lines for unanswered tries and ignored packets. Image data is shown as length and first 8 bytes.
     */
    @Override
    public void onTranscript(Consumer<String> sink) {
        transcript = sink; // one case at a time owns the transcript; the next case replaces it
    }

    /**
     * Uploads with image upload requests of {@code chunkSize} bytes; the first carries "len" and the
     * SHA-256 of the whole image. The device's "off" answer decides the next chunk, so a device that
     * already holds part of this image (same sha) makes the upload resume there. {@code progress}
     * gets each acknowledged offset.
     */
    @Override
    public synchronized void upload(FirmwareImage image, LongConsumer progress) {
        byte[] img = image.bytes();
        int size = img.length;
        byte[] sha = sha256(img);
        link.startImage(size);
        long off = 0;
        int stalls = 0;
        while (off < size) {
            int o = (int) off;
            int len = Math.min(chunkSize, size - o);
            String what = "image upload at offset " + o;
            Map<String, Object> rsp = exchange(what, seq -> SmpRequest.upload(img, sha, o, len, seq), false);
            refuseOnError(what, rsp);
            long next = number(rsp, "off", what);
            if (next < 0 || next > size) {
                throw new DeviceException(Kind.PROTOCOL, "device answered off=" + next + " to " + what
                        + " of a " + size + "-byte image");
            }
            // A device that keeps sending us back without taking data would loop us forever.
            stalls = next <= off ? stalls + 1 : 0;
            if (stalls > retries) {
                throw new DeviceException(Kind.PROTOCOL, "device keeps answering off=" + next + " to " + what
                        + " (" + stalls + " times without progress)");
            }
            off = next;
            progress.accept(off);
        }
    }

    @Override
    public synchronized List<ImageSlot> images() {
        String what = "image state read";
        Map<String, Object> rsp = exchange(what, seq -> SmpRequest.plain(SmpPacket.of(SmpPacket.OP_READ,
                SmpPacket.GROUP_IMAGE, SmpPacket.IMAGE_STATE, seq, Map.of())), false);
        return slots(what, rsp);
    }

    @Override
    public synchronized void test(byte[] hash) {
        writeState("image test of " + shortHex(hash), hash, false);
    }

    /** Confirms the image with {@code hash}; with null, the running image (the field is left out). */
    @Override
    public synchronized void confirm(byte[] hash) {
        writeState("image confirm of " + (hash == null ? "the running image" : shortHex(hash)), hash, true);
    }

    private void writeState(String what, byte[] hash, boolean confirm) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (hash != null) {
            fields.put("hash", hash);
        }
        fields.put("confirm", confirm);
        Map<String, Object> rsp = exchange(what, seq -> SmpRequest.plain(SmpPacket.of(SmpPacket.OP_WRITE,
                SmpPacket.GROUP_IMAGE, SmpPacket.IMAGE_STATE, seq, fields)), false);
        refuseOnError(what, rsp);
    }

    /**
     * Asks for an OS reset. The device answers and then restarts. If the link goes down after the
     * request was fully written (a process rig whose pseudo-terminal closes as the device restarts),
     * the missing answer is accepted as the restart; a link that is down before or while the
     * request is written is {@link Kind#LINK_DOWN}, and silence on a live link is {@link Kind#TIMEOUT}.
     */
    @Override
    public synchronized void reset() {
        String what = "OS reset";
        Map<String, Object> rsp = exchange(what, seq -> SmpRequest.plain(SmpPacket.of(SmpPacket.OP_WRITE,
                SmpPacket.GROUP_OS, SmpPacket.OS_RESET, seq, Map.of())), true);
        if (rsp != null) {
            refuseOnError(what, rsp);
        }
        decoder.reset(); // whatever was half-received belongs to the device before the restart
    }

    @Override
    public synchronized String echo(String text) {
        String what = "OS echo";
        Map<String, Object> rsp = exchange(what, seq -> SmpRequest.plain(SmpPacket.of(SmpPacket.OP_WRITE,
                SmpPacket.GROUP_OS, SmpPacket.OS_ECHO, seq, Map.of("d", text))), false);
        refuseOnError(what, rsp);
        if (!(rsp.get("r") instanceof String r)) {
            throw new DeviceException(Kind.PROTOCOL, "answer to " + what + " has no text \"r\": " + render(rsp));
        }
        return r;
    }

    /**
     * Sets device state through the reference device's vendor therapy group: only {@code therapy}
     * ({@code active} or {@code idle}) exists; other keys are refused before anything is sent, so a
     * scenario asking for state this protocol cannot set fails instead of running on a wrong premise.
     * The device's answer must echo the requested therapy state.
     */
    @Override
    public synchronized void applyState(Map<String, String> state) {
        List<String> unknown = state.keySet().stream().filter(k -> !k.equals("therapy")).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new DeviceException(Kind.REFUSED, "SMP devices have no state " + unknown
                    + " (settable: therapy: active|idle)");
        }
        String therapy = state.get("therapy");
        if (therapy == null) {
            return;
        }
        String what = "therapy state write of " + therapy;
        Map<String, Object> rsp = exchange(what, seq -> SmpRequest.plain(SmpPacket.of(SmpPacket.OP_WRITE,
                SmpPacket.GROUP_THERAPY, SmpPacket.THERAPY_STATE, seq, Map.of("therapy", therapy))), false);
        refuseOnError(what, rsp);
        if (!therapy.equals(rsp.get("therapy"))) {
            throw new DeviceException(Kind.PROTOCOL, "device answered " + render(rsp) + " to " + what);
        }
    }

    /** Releases the device's therapy update lock for the pending update (until its next reset). */
    @Override
    public synchronized void authorizeUpdate() {
        String what = "update authorization";
        Map<String, Object> rsp = exchange(what, seq -> SmpRequest.plain(SmpPacket.of(SmpPacket.OP_WRITE,
                SmpPacket.GROUP_THERAPY, SmpPacket.THERAPY_AUTHORIZE_UPDATE, seq, Map.of())), false);
        refuseOnError(what, rsp);
        if (!Boolean.TRUE.equals(rsp.get("authorized"))) {
            throw new DeviceException(Kind.PROTOCOL, "device answered " + render(rsp) + " to " + what);
        }
    }

    /** A request try: the packet and its wire form. */

    /**
     * Sends tries of a request until one is answered. Returns the answer's fields, or null when
     * {@code linkDownAnswers} and the link went down after a try was written.
     */
    private Map<String, Object> exchange(String what, IntFunction<SmpRequest> build, boolean linkDownAnswers) {
        int tries = retries + 1;
        for (int attempt = 1; attempt <= tries; attempt++) {
            int seq = nextSeq;
            nextSeq = (nextSeq + 1) & 0xFF;
            SmpRequest out = build.apply(seq);
            note("tx " + describe(out.packet()));
            // The try's timer starts when the request is handed to the link, as a real client's does
            // once its bytes sit in the UART buffer: a link that holds them back (a stall) uses it up.
            long sentAt = System.nanoTime();
            long deadline = sentAt + timeout.toNanos();
            try {
                link.write(out.framed().wire(), out.framed().span());
            } catch (LinkDownException e) {
                decoder.reset();
                note("-- link down while writing " + what + ": " + e.getMessage());
                throw new DeviceException(Kind.LINK_DOWN, "link down while sending " + what + ": " + e.getMessage(), e);
            }
            long writtenIn = System.nanoTime() - sentAt;
            SmpPacket answer;
            try {
                answer = await(out.packet(), what, deadline);
            } catch (LinkDownException e) {
                decoder.reset();
                if (linkDownAnswers) {
                    note("-- link went down after " + what + " was sent: taken as the device restarting");
                    return null;
                }
                note("-- link down waiting for the answer to " + what + ": " + e.getMessage());
                throw new DeviceException(Kind.LINK_DOWN, "link down waiting for the answer to " + what + ": "
                        + e.getMessage(), e);
            }
            if (answer != null) {
                try {
                    Map<String, Object> fields = answer.fields();
                    note("rx " + answer.opName() + " " + answer.commandName() + " seq=" + answer.seq() + " "
                            + render(fields));
                    return fields;
                } catch (SmpFormatException e) {
                    note("rx " + answer + " (undecodable payload)");
                    throw new DeviceException(Kind.PROTOCOL, "undecodable answer to " + what + ": " + e.getMessage(), e);
                }
            }
            note("-- no answer to " + what + " seq=" + seq + " within " + seconds(timeout)
                    + " (try " + attempt + " of " + tries + ")" + (writtenIn >= timeout.toNanos()
                    ? String.format("; the write itself took %.0f ms", writtenIn / 1e6) : ""));
        }
        throw new DeviceException(Kind.TIMEOUT, "no answer to " + what + " after " + tries + " tries of "
                + seconds(timeout));
    }

    /** The matching response, or null when {@code deadline} ({@link System#nanoTime()}) passes. */
    private SmpPacket await(SmpPacket req, String what, long deadline) {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            int n = link.read(readBuf, Duration.ofNanos(left));
            if (n <= 0) {
                continue;
            }
            for (SmpDecoded d : decoder.feed(readBuf, 0, n)) {
                if (d instanceof SmpDecoded.Failure f) {
                    note("rx undecodable: " + f.reason());
                    throw new DeviceException(Kind.PROTOCOL, "undecodable answer to " + what + ": " + f.reason());
                }
                SmpPacket p = ((SmpDecoded.Packet) d).packet();
                if (p.seq() == req.seq() && p.group() == req.group() && p.cmd() == req.cmd()
                        && p.op() == (req.op() | 1)) {
                    return p;
                }
                note("rx ignored (not the answer to seq=" + req.seq() + "): " + p.opName() + " "
                        + p.commandName() + " seq=" + p.seq());
            }
        }
    }

    /** SMP v1 "rc" or v2 "err": {group, rc}; non-zero means the device refused. */
    private static void refuseOnError(String what, Map<String, Object> rsp) {
        String reason = rsp.get("rsn") instanceof String s ? " (" + s + ")" : "";
        if (rsp.get("rc") instanceof Number rc && rc.intValue() != 0) {
            throw new DeviceException(Kind.REFUSED, what + " refused: " + SmpRc.describe(rc.intValue()) + reason);
        }
        if (rsp.get("err") instanceof Map<?, ?> err && err.get("rc") instanceof Number rc && rc.intValue() != 0) {
            Object group = err.get("group");
            throw new DeviceException(Kind.REFUSED, what + " refused: group " + group + " error rc="
                    + rc.intValue() + reason);
        }
    }

    private static List<ImageSlot> slots(String what, Map<String, Object> rsp) {
        refuseOnError(what, rsp);
        if (!(rsp.get("images") instanceof List<?> list)) {
            throw new DeviceException(Kind.PROTOCOL, "answer to " + what + " has no \"images\" list: " + render(rsp));
        }
        List<ImageSlot> slots = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new DeviceException(Kind.PROTOCOL, "image list entry is not a map: " + o);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) m;
            int image = e.get("image") instanceof Number n ? n.intValue() : 0;
            int slot = (int) number(e, "slot", what);
            String version = e.get("version") instanceof String s ? s : "?";
            byte[] hash = e.get("hash") instanceof byte[] h ? h : null;
            slots.add(new ImageSlot(image, slot, version, hash, flag(e, "bootable"), flag(e, "pending"),
                    flag(e, "confirmed"), flag(e, "active"), flag(e, "permanent")));
        }
        return slots;
    }

    private static boolean flag(Map<String, Object> m, String key) {
        return Boolean.TRUE.equals(m.get(key));
    }

    private static long number(Map<String, Object> m, String key, String what) {
        if (m.get(key) instanceof Number n) {
            return n.longValue();
        }
        throw new DeviceException(Kind.PROTOCOL, "answer to " + what + " has no number \"" + key + "\": " + render(m));
    }

    private void note(String line) {
        transcript.accept(line);
    }

    private static String describe(SmpPacket p) {
        String fields;
        try {
            fields = render(p.fields());
        } catch (SmpFormatException e) {
            fields = "<" + e.getMessage() + ">";
        }
        return p.opName() + " " + p.commandName() + " seq=" + p.seq() + " " + fields;
    }

    /** Fields as {k=v, ...}; byte strings as hex, image data and long ones as length + first 8 bytes. */
    static String render(Object v) {
        return render(null, v);
    }

    private static String render(String key, Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(e.getKey()).append('=').append(render(String.valueOf(e.getKey()), e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : l) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(render(null, o));
            }
            return sb.append(']').toString();
        }
        if (v instanceof byte[] b) {
            if ("data".equals(key) || b.length > 32) {
                return b.length + "B " + HexFormat.of().formatHex(b, 0, Math.min(PREVIEW, b.length))
                        + (b.length > PREVIEW ? "…" : "");
            }
            return HexFormat.of().formatHex(b);
        }
        if (v instanceof String s) {
            return '"' + s + '"';
        }
        return String.valueOf(v);
    }

    private static String shortHex(byte[] hash) {
        return hash == null ? "-" : HexFormat.of().formatHex(hash, 0, Math.min(PREVIEW, hash.length));
    }

    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JRE", e);
        }
    }
}
