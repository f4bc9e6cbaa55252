package dev.hil.core.device;

import java.util.HexFormat;

/** One entry of a device's image list, as the device reports it. */
public record ImageSlot(int image, int slot, String version, byte[] hash,
                        boolean bootable, boolean pending, boolean confirmed,
                        boolean active, boolean permanent) {
    public String hashHex() {
        return hash == null ? "-" : HexFormat.of().formatHex(hash);
    }

    @Override
    public String toString() {
        return "slot " + slot + " v" + version + " hash " + hashHex()
                + (active ? " active" : "") + (confirmed ? " confirmed" : "")
                + (pending ? " pending" : "") + (permanent ? " permanent" : "")
                + (bootable ? "" : " not-bootable");
    }
}
