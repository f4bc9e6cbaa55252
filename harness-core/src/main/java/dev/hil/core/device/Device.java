package dev.hil.core.device;

import dev.hil.core.image.FirmwareImage;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * SPI: what an update protocol (MCUmgr SMP, U-Boot + YMODEM, ...) can do with a device.
 * Every call either succeeds or throws {@link DeviceException} naming what went wrong.
 */
public interface Device {
    /**
     * Uploads the image into the slot the device updates (the secondary slot of a running
     * application, the primary slot of a bootloader in recovery mode). {@code progress} receives
     * the count of image bytes the device has acknowledged.
     */
    void upload(FirmwareImage image, LongConsumer progress);

    /** The device's image list (slot, version, hash, flags). */
    List<ImageSlot> images();

    /** Marks the image with this hash for a trial boot at the next reset. */
    void test(byte[] hash);

    /** Makes the running image permanent. */
    void confirm(byte[] hash);

    void reset();

    String echo(String text);

    /**
     * Puts the running device into the scenario's {@code given.state} (e.g. {@code therapy: active})
     * through the protocol. Drivers whose devices have no such state refuse.
     */
    default void applyState(Map<String, String> state) {
        throw new DeviceException(DeviceException.Kind.REFUSED, "this device driver cannot set device state " + state);
    }

    /** The authorized release a device with an update lock (e.g. therapy active) waits for. */
    default void authorizeUpdate() {
        throw new DeviceException(DeviceException.Kind.REFUSED, "this device driver has no update authorization");
    }

    /**
     * The update slot's size in bytes as the board itself reports it (MCUmgr image slot info on
     * Zephyr 3.7+), or empty when the protocol or the board cannot say.
     */
    default java.util.OptionalLong updateSlotSize() {
        return java.util.OptionalLong.empty();
    }

    /**
     * Sets, replacing any earlier one, the sink that receives one human-readable line per request and per response (decoded, image data
     * abbreviated) for the report's serial transcript. Drivers without a transcript ignore it.
     */
    default void onTranscript(Consumer<String> line) {
    }
}
