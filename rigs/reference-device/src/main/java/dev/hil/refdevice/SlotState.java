package dev.hil.refdevice;

import dev.hil.refdevice.image.Version;

/**
 * One row of MCUmgr's image list. {@code hash} is the SHA256 TLV value stored with the image (what
 * Zephyr reports), not a recomputation, so a tampered image shows the hash it claims.
 */
public record SlotState(Slot slot, Version version, byte[] hash, boolean bootable, boolean pending,
                        boolean confirmed, boolean active, boolean permanent) {
}
