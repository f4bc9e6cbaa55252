package dev.hil.core.image;

import dev.hil.core.storage.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Builds MCUboot images from a raw application binary, as imgtool does: 32-byte header, body,
 * optional protected TLV area (security counter), then SHA256, KEYHASH and signature TLVs.
 * Immutable; {@link #unsigned()} builds images with the hash TLV only.
 */
public final class ImageSigner {
    private final SigningKey key; // null: unsigned
    private final OptionalLong securityCounter;

    private ImageSigner(SigningKey key, OptionalLong securityCounter) {
        this.key = key;
        this.securityCounter = securityCounter;
    }

    public static ImageSigner signedBy(SigningKey key) {
        return new ImageSigner(Objects.requireNonNull(key, "key"), OptionalLong.empty());
    }

    /** Images with a SHA256 TLV but no key hash and no signature: what a bootloader must reject. */
    public static ImageSigner unsigned() {
        return new ImageSigner(null, OptionalLong.empty());
    }

    /**
     * Adds a protected SEC_CNT TLV (covered by hash and signature), MCUboot's hardware
     * anti-rollback counter, so replay scenarios can carry one.
     */
    public ImageSigner withSecurityCounter(long counter) {
        if (counter < 0 || counter > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("security counter " + counter + " does not fit in 32 bits");
        }
        return new ImageSigner(key, OptionalLong.of(counter));
    }

    public FirmwareImage build(byte[] body, ImageVersion version) {
        Objects.requireNonNull(version, "version");
        byte[] prot = protectedArea();
        ByteBuffer head = ByteBuffer.allocate(FirmwareImage.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(FirmwareImage.MAGIC)
                .putInt(0)                               // load_addr: executes in place
                .putShort((short) FirmwareImage.HEADER_SIZE)
                .putShort((short) prot.length)           // protect_tlv_size
                .putInt(body.length)                     // img_size
                .putInt(0)                               // flags
                .put((byte) version.major())
                .put((byte) version.minor())
                .putShort((short) version.revision())
                .putInt((int) version.build())
                .putInt(0);                              // pad
        ByteArrayOutputStream payload = new ByteArrayOutputStream(FirmwareImage.HEADER_SIZE + body.length + 256);
        payload.writeBytes(head.array());
        payload.writeBytes(body);
        payload.writeBytes(prot);
        byte[] signed = payload.toByteArray();
        byte[] hash = FirmwareImage.sha256(signed, 0, signed.length);

        TlvArea tlvs = new TlvArea(Tlv.INFO_MAGIC);
        tlvs.add(Tlv.SHA256, hash);
        if (key != null) {
            tlvs.add(Tlv.KEYHASH, key.trustKey().keyHash());
            tlvs.add(key.signatureTlvType(), key.sign(signed, hash));
        }
        payload.writeBytes(tlvs.bytes());
        try {
            return FirmwareImage.parse(payload.toByteArray());
        } catch (ImageFormatException e) {
            throw new IllegalStateException("built an image FirmwareImage cannot parse: " + e.getMessage(), e);
        }
    }

    /** Reads a raw binary, builds the image and writes it (atomically) to {@code out}. */
    public FirmwareImage sign(Path in, ImageVersion version, Path out) throws IOException {
        FirmwareImage image = build(Files.readAllBytes(in), version);
        AtomicFile.write(out, image.bytes(), false);
        return image;
    }

    private byte[] protectedArea() {
        if (securityCounter.isEmpty()) {
            return new byte[0];
        }
        TlvArea area = new TlvArea(Tlv.PROT_INFO_MAGIC);
        area.add(Tlv.SEC_CNT, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) securityCounter.getAsLong()).array());
        return area.bytes();
    }

    @Override
    public String toString() {
        return (key == null ? "unsigned" : "signed by " + key)
                + securityCounter.stream().mapToObj(c -> ", security counter " + c).findFirst().orElse("");
    }

    /** One TLV area: info header (magic, total length including the header) and entries. */
    private static final class TlvArea {
        private final int magic;
        private final ByteArrayOutputStream entries = new ByteArrayOutputStream();

        TlvArea(int magic) {
            this.magic = magic;
        }

        void add(int type, byte[] value) {
            entries.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                    .putShort((short) type).putShort((short) value.length).array());
            entries.writeBytes(value);
        }

        byte[] bytes() {
            int total = 4 + entries.size();
            if (total > 0xFFFF) {
                throw new IllegalStateException("TLV area of " + total + " bytes exceeds MCUboot's 16-bit length");
            }
            ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) magic).putShort((short) total).put(entries.toByteArray());
            return b.array();
        }
    }
}
