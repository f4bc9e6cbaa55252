package dev.hil.refdevice.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An image as MCUboot's docs/design.md lays it out: a little-endian {@code struct image_header}
 * (magic 0x96f3b83d, load_addr, hdr_size, protect_tlv_size, img_size, flags, version), the body,
 * then an optional protected TLV area (info magic 0x6908) and the TLV area (info magic 0x6907), each
 * opened by {@code struct image_tlv_info} {magic u16, tlv_tot u16 including itself}. The image hash
 * covers header, body and protected TLVs.
 *
 * <p>Deliberately written again beside the harness's {@code dev.hil.core.image.FirmwareImage}: the
 * checked device shares no code with its checker, so a parsing bug on one side cannot hide the same
 * bug on the other.
 */
public final class McubootImage {
    public static final int HEADER_MAGIC = 0x96f3b83d;
    public static final int HEADER_BYTES = 32;
    public static final int TLV_INFO_MAGIC = 0x6907;
    public static final int PROTECTED_TLV_INFO_MAGIC = 0x6908;

    public static final int TLV_KEYHASH = 0x01;
    public static final int TLV_SHA256 = 0x10;
    public static final int TLV_ECDSA_SIG = 0x22;
    public static final int TLV_ED25519 = 0x24;

    /** One TLV entry, and whether it sits in the protected (hashed and signed) area. */
    public record Entry(int type, byte[] value, boolean inProtectedArea) {
    }

    private final byte[] bytes;
    private final int hashedLength;
    private final Version version;
    private final List<Entry> entries;
    private final byte[] digest;

    private McubootImage(byte[] bytes, int hashedLength, Version version, List<Entry> entries) {
        this.bytes = bytes;
        this.hashedLength = hashedLength;
        this.version = version;
        this.entries = entries;
        this.digest = sha256(bytes, hashedLength);
    }

    /** Parses an image that starts at offset 0 of {@code data}; bytes after its last TLV are ignored. */
    public static McubootImage parse(byte[] data) throws ImageFormatError {
        LittleEndian in = new LittleEndian(data);
        if (data.length < HEADER_BYTES) {
            throw new ImageFormatError("image is " + data.length + " bytes, shorter than the 32-byte header");
        }
        if (in.u32(0) != Integer.toUnsignedLong(HEADER_MAGIC)) {
            throw new ImageFormatError(String.format("bad header magic 0x%08x", in.u32(0)));
        }
        int hdrSize = in.u16(8);
        int protectedSize = in.u16(10);
        long imgSize = in.u32(12);
        if (hdrSize < HEADER_BYTES) {
            throw new ImageFormatError("hdr_size " + hdrSize + " is smaller than the header itself");
        }
        Version version = new Version(in.u8(20), in.u8(21), in.u16(22), in.u32(24));
        long bodyEnd = hdrSize + imgSize;
        if (bodyEnd > data.length) {
            throw new ImageFormatError("img_size " + imgSize + " runs past the " + data.length + " bytes given");
        }
        List<Entry> entries = new ArrayList<>();
        int at = (int) bodyEnd;
        if (protectedSize > 0) {
            int end = readArea(in, at, PROTECTED_TLV_INFO_MAGIC, true, entries);
            if (end - at != protectedSize) {
                throw new ImageFormatError("protected TLV area holds " + (end - at) + " bytes, protect_tlv_size says "
                        + protectedSize);
            }
            at = end;
        }
        int hashed = at;
        int end = readArea(in, at, TLV_INFO_MAGIC, false, entries);
        return new McubootImage(Arrays.copyOf(data, end), hashed, version, List.copyOf(entries));
    }

    /** Reads one TLV area at {@code at}; returns the offset just past it. */
    private static int readArea(LittleEndian in, int at, int magic, boolean prot, List<Entry> out)
            throws ImageFormatError {
        if (!in.has(at, 4)) {
            throw new ImageFormatError("no room for a TLV info header at offset " + at);
        }
        if (in.u16(at) != magic) {
            throw new ImageFormatError(String.format("TLV info magic at offset %d is 0x%04x, not 0x%04x",
                    at, in.u16(at), magic));
        }
        int end = at + in.u16(at + 2);
        if (end < at + 4 || !in.has(at, end - at)) {
            throw new ImageFormatError("TLV area at offset " + at + " claims " + in.u16(at + 2) + " bytes, past the image");
        }
        for (int p = at + 4; p < end; ) {
            if (p + 4 > end) {
                throw new ImageFormatError("TLV entry header at offset " + p + " is cut off by the area's end");
            }
            int type = in.u16(p);
            int len = in.u16(p + 2);
            if (p + 4 + len > end) {
                throw new ImageFormatError(String.format("TLV 0x%02x at offset %d overruns its area", type, p));
            }
            out.add(new Entry(type, in.slice(p + 4, len), prot));
            p += 4 + len;
        }
        return end;
    }

    public Version version() {
        return version;
    }

    /** Bytes from the header to the end of the last TLV area: what the slot holds. */
    public int length() {
        return bytes.length;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** SHA-256 the device computes over header, body and protected TLVs. */
    public byte[] digest() {
        return digest.clone();
    }

    public String digestHex() {
        return HexFormat.of().formatHex(digest);
    }

    /** The first TLV of {@code type}, in either area. */
    public Optional<byte[]> tlv(int type) {
        return entries.stream().filter(e -> e.type() == type).map(Entry::value).findFirst();
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The SHA256 TLV as stored, which is what MCUmgr's image list reports; else the computed digest. */
    public byte[] reportedHash() {
        return tlv(TLV_SHA256).orElse(digest());
    }

    /** Whether a SHA256 TLV is present and equals the computed digest. */
    public boolean hashTlvMatches() {
        return tlv(TLV_SHA256).map(v -> MessageDigest.isEqual(v, digest)).orElse(false);
    }

    int hashedLength() {
        return hashedLength;
    }

    static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Unsigned little-endian reads, bounds-checked by the caller through {@link #has}. */
    private record LittleEndian(byte[] b) {
        boolean has(long at, long n) {
            return at >= 0 && n >= 0 && at + n <= b.length;
        }

        int u8(int at) {
            return b[at] & 0xFF;
        }

        int u16(int at) {
            return u8(at) | u8(at + 1) << 8;
        }

        long u32(int at) {
            return (long) u16(at) | (long) u16(at + 2) << 16;
        }

        byte[] slice(int at, int n) {
            return Arrays.copyOfRange(b, at, at + n);
        }
    }
}
