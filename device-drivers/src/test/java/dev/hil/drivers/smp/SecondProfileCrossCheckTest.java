package dev.hil.drivers.smp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.core.device.ImageSlot;
import dev.hil.core.image.FirmwareImage;
import dev.hil.core.image.ImageSigner;
import dev.hil.core.image.ImageVersion;
import dev.hil.core.image.SigningKey;
import dev.hil.refdevice.DeviceOnUart;
import dev.hil.refdevice.Flash;
import dev.hil.refdevice.FlashLayout;
import dev.hil.refdevice.ImageList;
import dev.hil.refdevice.PowerFailure;
import dev.hil.refdevice.VirtualDevice;
import dev.hil.refdevice.image.TrustedKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness's SMP client against the reference device's second profile (8 KiB sectors, frugal
 * single-image list, slot info) and its first, each with its own codec on its side of the UART:
 * the list decodes to the same slots either way, slot info gives the device's geometry or says
 * unknown, and erase empties the secondary slot.
 */
@Timeout(60) // a hang guard only
class SecondProfileCrossCheckTest {
    private static final SigningKey KEY = SigningKey.generate(SigningKey.Type.ECDSA_P256);
    private static final FirmwareImage V1 = signed("1.0.0", 5000, 1);
    private static final FirmwareImage V2 = signed("1.1.0", 9000, 2);

    @TempDir
    Path dir;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void theFrugalProfileDecodesToTheSameSlotsAsTheFullOneAndTellsItsGeometry() throws Exception {
        List<ImageSlot> full = updateAndList(FlashLayout.forSlotSectors(4), ImageList.FULL, false, dir.resolve("a"));
        List<ImageSlot> frugal = updateAndList(FlashLayout.of(3, 8192), ImageList.FRUGAL, true, dir.resolve("b"));
        assertThat(frugal).usingRecursiveFieldByFieldElementComparator().isEqualTo(full);
        assertThat(frugal).extracting(ImageSlot::slot, ImageSlot::active, ImageSlot::pending)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, true, false),
                        org.assertj.core.groups.Tuple.tuple(1, false, true));
    }

    @Test
    void slotInfoIsTheDevicesGeometryOnTheSecondProfileAndUnknownOnTheFirst() throws Exception {
        try (Session s = new Session(FlashLayout.of(3, 8192), ImageList.FRUGAL, true, dir.resolve("a"))) {
            assertThat(s.client.slotInfo().orElseThrow()).containsExactly(
                    new SlotInfo(0, 0, 3 * 8192, OptionalLong.of(2 * 8192)),
                    new SlotInfo(0, 1, 3 * 8192, OptionalLong.of(2 * 8192)));
        }
        try (Session s = new Session(FlashLayout.forSlotSectors(16), ImageList.FULL, false, dir.resolve("b"))) {
            assertThat(s.client.slotInfo()).isEmpty();
        }
    }

    @Test
    void eraseSecondaryLeavesOnlyTheRunningImage() throws Exception {
        try (Session s = new Session(FlashLayout.of(3, 8192), ImageList.FRUGAL, true, dir)) {
            s.provision(V1);
            s.client.upload(V2, p -> { });
            assertThat(s.client.images()).hasSize(2);
            s.client.eraseSecondary();
            assertThat(s.client.images()).singleElement().satisfies(i -> assertThat(i.hash()).isEqualTo(V1.hash()));
        }
    }

    private List<ImageSlot> updateAndList(FlashLayout layout, ImageList list, boolean slotInfo, Path state)
            throws Exception {
        try (Session s = new Session(layout, list, slotInfo, state)) {
            s.provision(V1);
            s.client.upload(V2, p -> { });
            s.client.test(V2.hash());
            return s.client.images();
        }
    }

    /** The device on an in-memory UART, bridged to a {@link MemoryLink} the harness's client uses. */
    private final class Session implements AutoCloseable {
        final MemoryLink link = new MemoryLink();
        final SmpClient client = new SmpClient(link, Duration.ofSeconds(5), 0, 512);
        final DeviceOnUart<Void> uart;

        Session(FlashLayout layout, ImageList list, boolean slotInfo, Path state) throws IOException {
            java.nio.file.Files.createDirectories(state);
            Flash flash = Flash.open(state.resolve("flash.bin"), layout, 0, PowerFailure.NEVER, log::add);
            TrustedKey trust;
            try {
                trust = TrustedKey.fromDer(KEY.trustKey().publicKey().getEncoded());
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            VirtualDevice device = new VirtualDevice(flash, trust, EnumSet.noneOf(dev.hil.refdevice.Defect.class), log::add);
            uart = new DeviceOnUart<>(device, log::add, list, slotInfo, this::bridge);
        }

        /** Serial recovery takes the image into slot 0; the reset boots it. */
        void provision(FirmwareImage image) {
            client.upload(image, p -> { });
            client.reset();
            client.echo("booted?");
        }

        private Void bridge(InputStream fromDevice, OutputStream toDevice) {
            pump("host->device", () -> {
                byte[] buf = new byte[512];
                int n = link.deviceRead(buf, Duration.ofMillis(20));
                if (n > 0) {
                    toDevice.write(buf, 0, n);
                    toDevice.flush();
                }
                return true;
            });
            pump("device->host", () -> {
                byte[] buf = new byte[512];
                int n = fromDevice.read(buf);
                if (n > 0) {
                    link.deviceWrite(java.util.Arrays.copyOf(buf, n));
                }
                return n >= 0;
            });
            return null;
        }

        @Override
        public void close() throws Exception {
            uart.close();
        }
    }

    private interface Step {
        boolean run() throws IOException;
    }

    private static void pump(String name, Step step) {
        Thread t = new Thread(() -> {
            try {
                while (step.run()) {
                    Thread.onSpinWait();
                }
            } catch (IOException | RuntimeException e) {
                // the UART closed: the session is over
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private static FirmwareImage signed(String version, int bodySize, long seed) {
        byte[] body = new byte[bodySize];
        new Random(seed).nextBytes(body);
        return ImageSigner.signedBy(KEY).build(body, ImageVersion.parse(version));
    }
}
