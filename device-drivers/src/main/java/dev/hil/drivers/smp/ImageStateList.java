package dev.hil.drivers.smp;

import dev.hil.core.device.DeviceException;
import dev.hil.core.device.DeviceException.Kind;
import dev.hil.core.device.ImageSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The answer to an image state read, in every encoding a Zephyr board sends: a single-image build
 * leaves out "image" (image 0); CONFIG_MCUMGR_GRP_IMG_FRUGAL_LIST sends only the flags that are
 * true (an absent flag is false); older builds add a top-level "splitStatus"; a slot whose image
 * cannot be read may lack "hash" or "version". Keys this client does not know are skipped.
 */
final class ImageStateList {
    private static final String WHAT = "image state read";

    private ImageStateList() {
    }

    static List<ImageSlot> decode(Map<String, Object> rsp) {
        SmpAnswers.refuseOnError(WHAT, rsp);
        if (!(rsp.get("images") instanceof List<?> list)) {
            throw new DeviceException(Kind.PROTOCOL, "answer to " + WHAT + " has no \"images\" list: "
                    + SmpRender.fields(rsp));
        }
        List<ImageSlot> slots = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> e)) {
                throw new DeviceException(Kind.PROTOCOL, "image list entry is not a map: " + SmpRender.fields(o));
            }
            int image = e.get("image") instanceof Number n ? n.intValue() : 0;
            int slot = (int) SmpAnswers.number(e, "slot", WHAT);
            String version = e.get("version") instanceof String s ? s : "?";
            byte[] hash = e.get("hash") instanceof byte[] h ? h : null;
            slots.add(new ImageSlot(image, slot, version, hash, flag(e, "bootable"), flag(e, "pending"),
                    flag(e, "confirmed"), flag(e, "active"), flag(e, "permanent")));
        }
        return slots;
    }

    private static boolean flag(Map<?, ?> m, String key) {
        return Boolean.TRUE.equals(m.get(key));
    }
}
