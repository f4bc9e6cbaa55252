package dev.hil.core.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An MCUboot-format image: 32-byte header (magic 0x96f3b83d), body, protected and unprotected
 * TLV areas. {@link #hash()} is the image hash as MCUboot defines it (SHA-256 over header, body and
 * protected TLVs), which is what MCUmgr reports in its image list.
 */
public final class FirmwareImage {
    public static final int MAGIC = 0x96f3b83d;
    public static final int HEADER_SIZE = 32;

    private final byte[] bytes;
    private final int headerSize;
    private final int protectedTlvSize;
    private final int bodySize;
    private final int flags;
    private final long loadAddress;
    private final ImageVersion version;
    private final List<Tlv> tlvs;
    private final int end;
    private final byte[] hash;

    private FirmwareImage(byte[] bytes) throws ImageFormatException {
        this.bytes = bytes;
        if (bytes.length < HEADER_SIZE) {
            throw new ImageFormatException("image is " + bytes.length + " bytes, shorter than the 32-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != MAGIC) {
            throw new ImageFormatException(String.format("bad header magic 0x%08x (expected 0x%08x)", magic, MAGIC));
        }
        loadAddress = Integer.toUnsignedLong(b.getInt(4));
        headerSize = Short.toUnsignedInt(b.getShort(8));
        protectedTlvSize = Short.toUnsignedInt(b.getShort(10));
        long imgSize = Integer.toUnsignedLong(b.getInt(12));
        flags = b.getInt(16);
        version = new ImageVersion(Byte.toUnsignedInt(b.get(20)), Byte.toUnsignedInt(b.get(21)),
                Short.toUnsignedInt(b.getShort(22)), Integer.toUnsignedLong(b.getInt(24)));
        if (headerSize < HEADER_SIZE) {
            throw new ImageFormatException("header size " + headerSize + " is below 32");
        }
        if (headerSize + imgSize > bytes.length) {
            throw new ImageFormatException("header says " + imgSize + " body bytes but the file ends at "
                    + bytes.length);
        }
        bodySize = (int) imgSize;
        List<Tlv> found = new ArrayList<>();
        int pos = headerSize + bodySize;
        if (protectedTlvSize > 0) {
            pos = readArea(b, pos, Tlv.PROT_INFO_MAGIC, true, found);
            if (pos - (headerSize + bodySize) != protectedTlvSize) {
                throw new ImageFormatException("protected TLV area is " + (pos - headerSize - bodySize)
                        + " bytes but the header says " + protectedTlvSize);
            }
        }
        pos = readArea(b, pos, Tlv.INFO_MAGIC, false, found);
        end = pos;
        tlvs = List.copyOf(found);
        hash = sha256(bytes, 0, headerSize + bodySize + protectedTlvSize);
    }

    private int readArea(ByteBuffer b, int pos, int magic, boolean prot, List<Tlv> out) throws ImageFormatException {
        if (pos + 4 > bytes.length) {
            throw new ImageFormatException("TLV area missing at offset " + pos);
        }
        int m = Short.toUnsignedInt(b.getShort(pos));
        int total = Short.toUnsignedInt(b.getShort(pos + 2));
        if (m != magic) {
            throw new ImageFormatException(String.format("bad TLV info magic 0x%04x at offset %d (expected 0x%04x)",
                    m, pos, magic));
        }
        int areaEnd = pos + total;
        if (areaEnd > bytes.length || total < 4) {
            throw new ImageFormatException("TLV area at offset " + pos + " claims " + total
                    + " bytes, past the end of the image");
        }
        int p = pos + 4;
        while (p < areaEnd) {
            if (p + 4 > areaEnd) {
                throw new ImageFormatException("truncated TLV entry at offset " + p);
            }
            int type = Short.toUnsignedInt(b.getShort(p));
            int len = Short.toUnsignedInt(b.getShort(p + 2));
            if (p + 4 + len > areaEnd) {
                throw new ImageFormatException("TLV 0x" + Integer.toHexString(type) + " at offset " + p
                        + " runs past its area");
            }
            out.add(new Tlv(type, Arrays.copyOfRange(bytes, p + 4, p + 4 + len), prot));
            p += 4 + len;
        }
        return areaEnd;
    }

    public static FirmwareImage parse(byte[] bytes) throws ImageFormatException {
        return new FirmwareImage(bytes.clone());
    }

    /** Reads and parses a file; the exception message starts with the path. */
    public static FirmwareImage read(Path file) throws IOException, ImageFormatException {
        byte[] data = Files.readAllBytes(file);
        try {
            return new FirmwareImage(data);
        } catch (ImageFormatException e) {
            throw new ImageFormatException(file + ": " + e.getMessage());
        }
    }

    /** The whole image as stored (header, body, TLVs); a copy. */
    public byte[] bytes() {
        return Arrays.copyOf(bytes, end);
    }

    /** Bytes an upload sends: header through the end of the TLV area. */
    public int size() {
        return end;
    }

    public int headerSize() {
        return headerSize;
    }

    public int bodySize() {
        return bodySize;
    }

    public int protectedTlvSize() {
        return protectedTlvSize;
    }

    public int flags() {
        return flags;
    }

    public long loadAddress() {
        return loadAddress;
    }

    public ImageVersion version() {
        return version;
    }

    public List<Tlv> tlvs() {
        return tlvs;
    }

    public Optional<Tlv> tlv(int type) {
        return tlvs.stream().filter(t -> t.type() == type).findFirst();
    }

    /** SHA-256 over header, body and protected TLVs, computed from the bytes (not read from the TLV). */
    public byte[] hash() {
        return hash.clone();
    }

    public String hashHex() {
        return HexFormat.of().formatHex(hash);
    }

    /** Whether the SHA256 TLV matches the computed hash. */
    public boolean hashTlvMatches() {
        return tlv(Tlv.SHA256).map(t -> MessageDigest.isEqual(t.value(), hash)).orElse(false);
    }

    /** The signed payload: header, body and protected TLVs. */
    public byte[] signedPayload() {
        return Arrays.copyOf(bytes, headerSize + bodySize + protectedTlvSize);
    }

    static byte[] sha256(byte[] data, int off, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, off, len);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
