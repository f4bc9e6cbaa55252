package dev.hil.drivers.smp;

import dev.hil.core.link.ImageSpan;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request as it goes on the serial link: the packet (to match its answer) and its frames with
 * the image bytes they carry. The image upload request is built here once, for the client and
 * for whatever must put the very same bytes on a wire (the corrupt-position benchmark).
 */
public record SmpRequest(SmpPacket packet, FramedPacket framed) {
    /** A request that carries no image bytes. */
    public static SmpRequest plain(SmpPacket p) {
        return new SmpRequest(p, new FramedPacket(SmpSerialFraming.encode(p), ImageSpan.NONE));
    }

    /**
     * The image upload request for {@code image[offset, offset + length)}; the first one (offset 0)
     * also carries the image's length and SHA-256, as MCUmgr wants.
     */
    public static SmpRequest upload(byte[] image, byte[] sha256, int offset, int length, int seq) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("image", 0);
        if (offset == 0) {
            fields.put("len", image.length);
            fields.put("sha", sha256);
        }
        fields.put("off", offset);
        fields.put("data", Arrays.copyOfRange(image, offset, offset + length)); // last: the span needs its position
        SmpPayload payload = SmpPayload.encode(fields);
        SmpPacket p = new SmpPacket(SmpPacket.OP_WRITE, 0, SmpPacket.GROUP_IMAGE, seq, SmpPacket.IMAGE_UPLOAD,
                payload.cbor());
        return new SmpRequest(p, SmpSerialFraming.encodeUpload(p, SmpPacket.HEADER_SIZE + payload.dataOffset(),
                length, offset));
    }
}
