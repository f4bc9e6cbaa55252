package dev.hil.drivers.smp;

import dev.hil.core.device.Device;
import dev.hil.core.device.DeviceException;
import dev.hil.core.device.DeviceException.Kind;
import dev.hil.core.device.ImageSlot;
import dev.hil.core.image.FirmwareImage;
import dev.hil.core.link.SerialLink;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * MCUmgr SMP client over the serial transport: image upload, image state, slot info and erase,
 * test, confirm, OS reset and echo, as a Zephyr application or MCUboot serial recovery serves them.
 *
 * <p>A request without an answer within the timeout is sent again, up to {@code retries} more
 * times, and only its own answer is taken ({@link SmpExchange}). Calls are serialised; one client
 * per link.
 */
public final class SmpClient implements Device {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_RETRIES = 3;
    /** 256 image bytes keep an upload request near 300 bytes: 4 frames, within small device buffers. */
    public static final int DEFAULT_CHUNK = 256;

    private final SerialLink link;
    private final SmpExchange exchange;
    private final int chunkSize;

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
        this.exchange = new SmpExchange(link, requestTimeout, retries);
        this.chunkSize = chunkSize;
    }

    /**
     * Sets (replacing any earlier one) the sink for the human-readable transcript: one line per request and per response, plus
     * lines for unanswered tries and ignored packets. Image data is shown as length and first 8 bytes.
     */
    @Override
    public void onTranscript(Consumer<String> sink) {
        exchange.onTranscript(sink);
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
            Map<String, Object> rsp = exchange.send(what, seq -> SmpRequest.upload(img, sha, o, len, seq), false);
            SmpAnswers.refuseOnError(what, rsp);
            long next = SmpAnswers.number(rsp, "off", what);
            if (next < 0 || next > size) {
                throw new DeviceException(Kind.PROTOCOL, "device answered off=" + next + " to " + what
                        + " of a " + size + "-byte image");
            }
            // A device that keeps sending us back without taking data would loop us forever.
            stalls = next <= off ? stalls + 1 : 0;
            if (stalls > exchange.retries()) {
                throw new DeviceException(Kind.PROTOCOL, "device keeps answering off=" + next + " to " + what
                        + " (" + stalls + " times without progress)");
            }
            off = next;
            progress.accept(off);
        }
    }

    @Override
    public synchronized List<ImageSlot> images() {
        return ImageStateList.decode(exchange.plain("image state read", SmpPacket.OP_READ, SmpPacket.GROUP_IMAGE,
                SmpPacket.IMAGE_STATE, Map.of()));
    }

    /**
     * The board's slot sizes from MCUmgr's image "slot info" (Zephyr 3.7+); empty when the board
     * answers ENOTSUP, as older Zephyr and MCUboot serial recovery do.
     */
    public synchronized Optional<List<SlotInfo>> slotInfo() {
        Map<String, Object> rsp = exchange.plain("image slot info", SmpPacket.OP_READ, SmpPacket.GROUP_IMAGE,
                SmpPacket.IMAGE_SLOT_INFO, Map.of());
        if (SmpAnswers.rc(rsp) == SmpRc.ENOTSUP) {
            return Optional.empty();
        }
        return Optional.of(SlotInfo.decode(rsp));
    }

    /** The secondary slot's size from slot info (image 0, slot 1); empty where the board has no slot info. */
    @Override
    public synchronized java.util.OptionalLong updateSlotSize() {
        return slotInfo().flatMap(all -> all.stream().filter(s -> s.image() == 0 && s.slot() == 1).findFirst())
                .map(s -> java.util.OptionalLong.of(s.size())).orElse(java.util.OptionalLong.empty());
    }

    /**
     * Erases the secondary slot (MCUmgr image erase, slot 1), e.g. to leave no stale image behind
     * after provisioning. A board refuses while that slot holds an image it is about to boot or
     * needs for a revert.
     */
    public synchronized void eraseSecondary() {
        String what = "image erase of slot 1";
        SmpAnswers.refuseOnError(what, exchange.plain(what, SmpPacket.OP_WRITE, SmpPacket.GROUP_IMAGE,
                SmpPacket.IMAGE_ERASE, Map.of("slot", 1)));
    }

    @Override
    public synchronized void test(byte[] hash) {
        writeState("image test of " + SmpRender.shortHex(hash), hash, false);
    }

    /** Confirms the image with {@code hash}; with null, the running image (the field is left out). */
    @Override
    public synchronized void confirm(byte[] hash) {
        writeState("image confirm of " + (hash == null ? "the running image" : SmpRender.shortHex(hash)), hash, true);
    }

    private void writeState(String what, byte[] hash, boolean confirm) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (hash != null) {
            fields.put("hash", hash);
        }
        fields.put("confirm", confirm);
        SmpAnswers.refuseOnError(what, exchange.plain(what, SmpPacket.OP_WRITE, SmpPacket.GROUP_IMAGE,
                SmpPacket.IMAGE_STATE, fields));
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
        Map<String, Object> rsp = exchange.send(what, seq -> SmpRequest.plain(SmpPacket.of(SmpPacket.OP_WRITE,
                SmpPacket.GROUP_OS, SmpPacket.OS_RESET, seq, Map.of())), true);
        if (rsp != null) {
            SmpAnswers.refuseOnError(what, rsp);
        }
        exchange.restarted();
    }

    @Override
    public synchronized String echo(String text) {
        String what = "OS echo";
        Map<String, Object> rsp = exchange.plain(what, SmpPacket.OP_WRITE, SmpPacket.GROUP_OS, SmpPacket.OS_ECHO,
                Map.of("d", text));
        SmpAnswers.refuseOnError(what, rsp);
        if (!(rsp.get("r") instanceof String r)) {
            throw new DeviceException(Kind.PROTOCOL, "answer to " + what + " has no text \"r\": " + SmpRender.fields(rsp));
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
        Map<String, Object> rsp = exchange.plain(what, SmpPacket.OP_WRITE, SmpPacket.GROUP_THERAPY,
                SmpPacket.THERAPY_STATE, Map.of("therapy", therapy));
        SmpAnswers.refuseOnError(what, rsp);
        if (!therapy.equals(rsp.get("therapy"))) {
            throw new DeviceException(Kind.PROTOCOL, "device answered " + SmpRender.fields(rsp) + " to " + what);
        }
    }

    /** Releases the device's therapy update lock for the pending update (until its next reset). */
    @Override
    public synchronized void authorizeUpdate() {
        String what = "update authorization";
        Map<String, Object> rsp = exchange.plain(what, SmpPacket.OP_WRITE, SmpPacket.GROUP_THERAPY,
                SmpPacket.THERAPY_AUTHORIZE_UPDATE, Map.of());
        SmpAnswers.refuseOnError(what, rsp);
        if (!Boolean.TRUE.equals(rsp.get("authorized"))) {
            throw new DeviceException(Kind.PROTOCOL, "device answered " + SmpRender.fields(rsp) + " to " + what);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JRE", e);
        }
    }
}
