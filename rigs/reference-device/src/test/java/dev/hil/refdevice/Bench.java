package dev.hil.refdevice;

import dev.hil.refdevice.image.McubootImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A test bench for the virtual device: a signing key, images built with it (by the device's own
 * test builder, no harness code), a flash file in a temp directory, and a captured log. Power can be
 * cut at a chosen flash operation.
 */
final class Bench {
    static final int SLOT_SECTORS = 4;
    static final TestImages.Key KEY = TestImages.Key.generate(TestImages.Algorithm.ECDSA_P256);

    final Path dir;
    final Path flashFile;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final Set<Defect> defects;
    final FlashLayout layout;

    Bench(Path dir, Defect... defects) {
        this(dir, FlashLayout.forSlotSectors(SLOT_SECTORS), defects);
    }

    /** A bench on another flash geometry (the second profile's larger sectors). */
    Bench(Path dir, FlashLayout layout, Defect... defects) {
        this.dir = dir;
        this.layout = layout;
        this.flashFile = dir.resolve("flash.bin");
        this.defects = defects.length == 0 ? EnumSet.noneOf(Defect.class) : EnumSet.of(defects[0], defects);
    }

    static McubootImage signed(String version, int bodySize, long seed) {
        return TestImages.signed(KEY, version, bodySize, seed);
    }

    static McubootImage unsigned(String version, int bodySize, long seed) {
        return TestImages.unsigned(version, bodySize, seed);
    }

    Flash flash(PowerFailure power) {
        try {
            return Flash.open(flashFile, layout, 0, power, log::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    VirtualDevice device(PowerFailure power) {
        return new VirtualDevice(flash(power), KEY.trusted(), defects, log::add);
    }

    /** The device powered on, serving SMP to a {@link DeviceHost} over an in-memory UART. */
    DeviceOnUart<DeviceHost> onUart() throws IOException {
        return new DeviceOnUart<>(device(PowerFailure.NEVER), log::add, DeviceHost::new);
    }

    /** The same, built as the second profile: frugal image list, slot info served. */
    DeviceOnUart<DeviceHost> onUartFrugalWithSlotInfo() throws IOException {
        return new DeviceOnUart<>(device(PowerFailure.NEVER), log::add, ImageList.FRUGAL, true, DeviceHost::new);
    }

    /** A fresh power-on with no fault; the flash file is closed again afterwards. */
    BootResult bootClean() {
        return bootWith(PowerFailure.NEVER);
    }

    BootResult bootWith(PowerFailure power) {
        VirtualDevice d = device(power);
        try {
            return d.boot();
        } finally {
            close(d);
        }
    }

    static void close(VirtualDevice d) {
        try {
            d.flash().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Factory programming, below the protocol: writes an image into an (erased) slot. */
    void install(Slot slot, McubootImage image) {
        try (Flash f = flash(PowerFailure.NEVER)) {
            for (int s = 0; s < layout.slotSectors(); s++) {
                f.erase(f.layout().sector(slot, s));
            }
            f.program(f.layout().offset(slot), image.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void requestTest() {
        try (Flash f = flash(PowerFailure.NEVER)) {
            SlotTrailer.writeRequest(f, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SlotTrailer trailer(Slot slot) {
        try (Flash f = flash(PowerFailure.NEVER)) {
            return SlotTrailer.read(f, slot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SlotImage slotImage(Slot slot) {
        try (Flash f = flash(PowerFailure.NEVER)) {
            return SlotImage.read(f, slot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void saveAs(Path copy) throws IOException {
        Files.copy(flashFile, copy, StandardCopyOption.REPLACE_EXISTING);
    }

    void restore(Path copy) throws IOException {
        Files.copy(copy, flashFile, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Flash operations a clean boot from the current state performs (state restored afterwards). */
    long operationsOfCleanBoot() throws IOException {
        Path before = dir.resolve("before-count.bin");
        saveAs(before);
        VirtualDevice d = device(PowerFailure.NEVER);
        d.boot();
        long ops = d.flash().operations();
        close(d);
        restore(before);
        return ops;
    }

    /**
     * Boots with power cut at operation {@code k} (in the given way) on this and up to
     * {@code extraCuts} following boots, then boots with steady power; returns the final boot.
     */
    BootResult bootThroughCuts(long k, PowerFailure.Outcome how, int extraCuts) {
        for (int attempt = 0; attempt <= extraCuts; attempt++) {
            try {
                return bootWith(PowerFailure.atOperation(k, how));
            } catch (PowerLossException cut) {
                // as after a SIGKILL: drop everything in memory and power up again
            }
        }
        return bootClean();
    }
}
