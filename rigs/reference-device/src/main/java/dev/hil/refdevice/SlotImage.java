package dev.hil.refdevice;

import dev.hil.refdevice.image.McubootImage;
import dev.hil.refdevice.image.ImageFormatError;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * What a slot holds: a parsed image, or the reason there is none (erased, torn, malformed). The
 * extent is found as MCUboot finds it: header sizes, then the TLV info header's total length.
 */
public record SlotImage(Slot slot, McubootImage image, String problem) {

    public static SlotImage read(Flash flash, Slot slot) {
        FlashLayout layout = flash.layout();
        long base = layout.offset(slot);
        int capacity = layout.imageCapacity();
        ByteBuffer h = ByteBuffer.wrap(flash.read(base, McubootImage.HEADER_BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        int magic = h.getInt(0);
        if (magic == 0xFFFFFFFF) {
            return none(slot, "slot " + slot.index() + " is erased");
        }
        if (magic != McubootImage.HEADER_MAGIC) {
            return none(slot, String.format("slot %d has no image header (magic 0x%08x)", slot.index(), magic));
        }
        long tlvAt = (long) Short.toUnsignedInt(h.getShort(8)) + Short.toUnsignedInt(h.getShort(10))
                + Integer.toUnsignedLong(h.getInt(12));
        if (tlvAt + 4 > capacity) {
            return none(slot, "slot " + slot.index() + " header claims " + tlvAt + " bytes, more than the slot holds");
        }
        ByteBuffer info = ByteBuffer.wrap(flash.read(base + tlvAt, 4)).order(ByteOrder.LITTLE_ENDIAN);
        if (Short.toUnsignedInt(info.getShort(0)) != McubootImage.TLV_INFO_MAGIC) {
            return none(slot, "slot " + slot.index() + " has no TLV area at offset " + tlvAt);
        }
        long end = tlvAt + Short.toUnsignedInt(info.getShort(2));
        if (end > capacity) {
            return none(slot, "slot " + slot.index() + " TLV area runs past the slot");
        }
        try {
            return new SlotImage(slot, McubootImage.parse(flash.read(base, (int) end)), null);
        } catch (ImageFormatError e) {
            return none(slot, "slot " + slot.index() + ": " + e.getMessage());
        }
    }

    private static SlotImage none(Slot slot, String why) {
        return new SlotImage(slot, null, why);
    }

    public boolean present() {
        return image != null;
    }

    public Optional<McubootImage> asOptional() {
        return Optional.ofNullable(image);
    }

    /** Bytes the image occupies, 0 when none: decides how many sectors a swap must move. */
    public int size() {
        return image == null ? 0 : image.length();
    }
}
