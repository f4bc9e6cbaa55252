package dev.hil.core.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * What an attacker without the signing key can do to a genuine image, for security test images.
 * Where noted the SHA256 TLV is recomputed, as any attacker can: then only the signature check
 * stands between the forgery and the device. The results always parse as MCUboot images, since
 * the harness refuses to load anything else.
 */
public final class ImageTampering {
    private ImageTampering() {
    }

    /** Flips every bit of one body byte and fixes up the SHA256 TLV; the signature is left as it was. */
    public static byte[] flipBodyByte(FirmwareImage image, int bodyOffset) {
        if (bodyOffset < 0 || bodyOffset >= image.bodySize()) {
            throw new IllegalArgumentException("body offset " + bodyOffset + " outside the " + image.bodySize()
                    + "-byte body");
        }
        byte[] b = image.bytes();
        b[image.headerSize() + bodyOffset] ^= (byte) 0xFF;
        return rehashed(b, image);
    }

    /** Rewrites the header's version field and fixes up the SHA256 TLV; the signature is left as it was. */
    public static byte[] relabel(FirmwareImage image, ImageVersion version) {
        byte[] b = image.bytes();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).position(20)
                .put((byte) version.major()).put((byte) version.minor())
                .putShort((short) version.revision()).putInt((int) version.build());
        return rehashed(b, image);
    }

    /**
     * The image cut after {@code bodyBytes} body bytes, its TLV area (hash and signature of the whole
     * image) kept behind the cut and the header's size field shortened to match. A file cut anywhere
     * without that fix-up no longer parses; this is the closest loadable form of an image cut short
     * in transit, and only the device's hash check can tell.
     */
    public static byte[] truncateBody(FirmwareImage image, int bodyBytes) {
        if (bodyBytes <= 0 || bodyBytes >= image.bodySize()) {
            throw new IllegalArgumentException("cut at " + bodyBytes + " is not inside the " + image.bodySize()
                    + "-byte body");
        }
        byte[] all = image.bytes();
        int bodyEnd = image.headerSize() + image.bodySize();
        byte[] head = Arrays.copyOf(all, image.headerSize() + bodyBytes);
        ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).putInt(12, bodyBytes);
        byte[] out = Arrays.copyOf(head, head.length + all.length - bodyEnd);
        System.arraycopy(all, bodyEnd, out, head.length, all.length - bodyEnd);
        return out;
    }

    /** Writes the hash of the (changed) bytes into the SHA256 TLV, found at the offsets {@code layout} has. */
    private static byte[] rehashed(byte[] b, FirmwareImage layout) {
        int signedLen = layout.headerSize() + layout.bodySize() + layout.protectedTlvSize();
        byte[] hash = FirmwareImage.sha256(b, 0, signedLen);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int areaEnd = signedLen + Short.toUnsignedInt(buf.getShort(signedLen + 2));
        for (int p = signedLen + 4; p + 4 <= areaEnd; p += 4 + Short.toUnsignedInt(buf.getShort(p + 2))) {
            if (Short.toUnsignedInt(buf.getShort(p)) == Tlv.SHA256) {
                System.arraycopy(hash, 0, b, p + 4, hash.length);
                return b;
            }
        }
        throw new IllegalArgumentException("image has no SHA256 TLV to fix up");
    }
}
