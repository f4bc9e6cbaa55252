package dev.hil.core.device;

import dev.hil.core.image.FirmwareImage;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * SPI: what an update protocol (MCUmgr SMP, U-Boot + YMODEM, ...) can do with a device.
 * Every call either succeeds or throws {@link DeviceException} naming what went wrong.
 */
public interface Device {
    /**
     * Uploads the image into a slot. {@code progress} receives the count of image bytes the
     * device has acknowledged.
     */
    void upload(FirmwareImage image, int slot, LongConsumer progress);

    /** The device's image list (slot, version, hash, flags). */
    List<ImageSlot> images();

    /** Marks the image with this hash for a trial boot at the next reset. */
    void test(byte[] hash);

    /** Makes the running image permanent. */
    void confirm(byte[] hash);

    void reset();

    String echo(String text);
}
