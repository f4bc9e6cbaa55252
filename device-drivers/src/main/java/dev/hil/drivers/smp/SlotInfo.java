package dev.hil.drivers.smp;

import dev.hil.core.device.DeviceException;
import dev.hil.core.device.DeviceException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One slot of the MCUmgr image "slot info" answer (Zephyr 3.7+, group 1 command 6): its size in
 * bytes, and the largest image the board's bootloader takes into it when the board says
 * ({@code max_image_size}, given per image; the swap's trailer and spare sector aside).
 */
public record SlotInfo(int image, int slot, long size, OptionalLong maxImageSize) {
    private static final String WHAT = "image slot info";

    /** {images: [{image, slots: [{slot, size, upload_image_id?}], max_image_size?}]}; unknown keys skipped. */
    static List<SlotInfo> decode(Map<String, Object> rsp) {
        SmpAnswers.refuseOnError(WHAT, rsp);
        if (!(rsp.get("images") instanceof List<?> images)) {
            throw new DeviceException(Kind.PROTOCOL, "answer to " + WHAT + " has no \"images\" list: "
                    + SmpRender.fields(rsp));
        }
        List<SlotInfo> out = new ArrayList<>();
        for (Object o : images) {
            if (!(o instanceof Map<?, ?> image) || !(image.get("slots") instanceof List<?> slots)) {
                throw new DeviceException(Kind.PROTOCOL, "slot info entry has no \"slots\" list: " + SmpRender.fields(o));
            }
            int number = (int) SmpAnswers.number(image, "image", WHAT);
            OptionalLong max = image.get("max_image_size") instanceof Number n
                    ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
            for (Object s : slots) {
                if (!(s instanceof Map<?, ?> slot)) {
                    throw new DeviceException(Kind.PROTOCOL, "slot info slot is not a map: " + SmpRender.fields(s));
                }
                out.add(new SlotInfo(number, (int) SmpAnswers.number(slot, "slot", WHAT),
                        SmpAnswers.number(slot, "size", WHAT), max));
            }
        }
        return out;
    }
}
