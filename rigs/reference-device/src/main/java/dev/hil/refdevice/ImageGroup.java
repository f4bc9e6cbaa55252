package dev.hil.refdevice;

import dev.hil.refdevice.smp.McumgrRc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MCUmgr's image group on this device: state read/write, upload, erase and, where the build has
 * it (Zephyr 3.7+), slot info; answered in the build's {@link ImageList} encoding.
 */
final class ImageGroup {
    static final int STATE = 0;
    static final int UPLOAD = 1;
    static final int ERASE = 5;
    static final int SLOT_INFO = 6;

    private final VirtualDevice device;
    private final ImageList encoding;
    private final boolean slotInfo;

    ImageGroup(VirtualDevice device, ImageList encoding, boolean slotInfo) {
        this.device = device;
        this.encoding = encoding;
        this.slotInfo = slotInfo;
    }

    /** The answer's fields, or null for a command this build does not serve (the caller says ENOTSUP). */
    Map<String, Object> handle(int command, boolean write, Map<String, Object> f) throws DeviceRefusal {
        if (command == STATE) {
            if (write) {
                stateWrite(f);
            }
            return imageList();
        }
        if (command == UPLOAD && write) {
            return upload(f);
        }
        if (command == ERASE && write) {
            Object slot = f.getOrDefault("slot", 1);
            if (!(slot instanceof Number n) || n.intValue() != 1) {
                throw new DeviceRefusal(McumgrRc.EINVAL, "only slot 1 (the secondary) can be erased, not " + slot);
            }
            device.eraseSecondary();
            return new LinkedHashMap<>();
        }
        if (command == SLOT_INFO && !write && slotInfo) {
            return slotInfo();
        }
        return null;
    }

    private void stateWrite(Map<String, Object> f) throws DeviceRefusal {
        boolean confirm = Boolean.TRUE.equals(f.get("confirm"));
        Object hash = f.get("hash");
        if (hash == null) {
            if (!confirm) {
                throw new DeviceRefusal(McumgrRc.EINVAL, "image test needs a hash");
            }
            device.confirm();
        } else {
            device.requestSwap((byte[]) hash, confirm);
        }
    }

    private Map<String, Object> imageList() {
        boolean full = encoding == ImageList.FULL;
        List<Map<String, Object>> images = new ArrayList<>();
        for (SlotState s : device.slots()) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (full) {
                m.put("image", 0);
            }
            m.put("slot", s.slot().index());
            m.put("version", s.version().toString());
            m.put("hash", s.hash());
            flag(m, "bootable", s.bootable(), full);
            flag(m, "pending", s.pending(), full);
            flag(m, "confirmed", s.confirmed(), full);
            flag(m, "active", s.active(), full);
            flag(m, "permanent", s.permanent(), full);
            images.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("images", images);
        if (full) {
            out.put("splitStatus", 0);
        }
        return out;
    }

    /** A full list sends every flag; a frugal one only those that are true. */
    private static void flag(Map<String, Object> m, String name, boolean value, boolean full) {
        if (full || value) {
            m.put(name, value);
        }
    }

    /** Both slots' sizes and the largest image the bootloader takes (every sector but the trailer's). */
    private Map<String, Object> slotInfo() {
        FlashLayout layout = device.flash().layout();
        List<Map<String, Object>> slots = new ArrayList<>();
        for (Slot s : Slot.values()) {
            Map<String, Object> slot = new LinkedHashMap<>();
            slot.put("slot", s.index());
            slot.put("size", layout.slotSize());
            if (s == Slot.SECONDARY) {
                slot.put("upload_image_id", 0);
            }
            slots.add(slot);
        }
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("image", 0);
        image.put("slots", slots);
        image.put("max_image_size", layout.imageCapacity());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("images", List.of(image));
        return out;
    }

    private Map<String, Object> upload(Map<String, Object> f) throws DeviceRefusal {
        long off = number(f, "off");
        byte[] data = f.get("data") instanceof byte[] d ? d : new byte[0];
        byte[] sha = f.get("sha") instanceof byte[] s ? s : null;
        ImageUpload session = device.upload().orElse(null);
        if (off == 0) {
            if (!f.containsKey("len")) {
                throw new DeviceRefusal(McumgrRc.EINVAL, "first upload chunk lacks \"len\"");
            }
            session = device.startUpload(number(f, "len"), sha);
        }
        if (session == null || off != session.next()) {
            // Zephyr's answer to a lost or repeated chunk: where it wants the client to continue.
            return Map.of("rc", McumgrRc.EOK, "off", session == null ? 0 : session.next());
        }
        int next = session.write(data);
        return Map.of("rc", McumgrRc.EOK, "off", next);
    }

    private static long number(Map<String, Object> f, String key) throws DeviceRefusal {
        if (f.get(key) instanceof Number n) {
            return n.longValue();
        }
        throw new DeviceRefusal(McumgrRc.EINVAL, "missing or non-numeric \"" + key + "\"");
    }
}
