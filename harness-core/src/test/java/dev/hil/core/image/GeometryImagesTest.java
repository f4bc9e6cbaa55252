package dev.hil.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hil.core.rig.DeviceProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Oversize and full-slot images are sized from the rig's profile, one set per geometry. */
class GeometryImagesTest {
    private static final DeviceProfile VIRTUAL = new DeviceProfile(64 * 1024, 4 * 1024);
    private static final DeviceProfile ZEPHYR = new DeviceProfile(192 * 1024, 8 * 1024);

    @TempDir
    Path root;

    private Path reserved(GeometryImages.Kind kind) {
        return root.resolve("images").resolve(kind.file());
    }

    private TrustKey trust() throws Exception {
        return TrustKey.load(LibraryImages.ensure(root.resolve("images")).trustKey());
    }

    @Test
    void theOversizeImageIsLargerThanTheSlotItselfOnEveryGeometry() throws Exception {
        for (DeviceProfile p : new DeviceProfile[] {VIRTUAL, ZEPHYR}) {
            FirmwareImage img = FirmwareImage.read(GeometryImages.ensure(reserved(GeometryImages.Kind.OVERSIZE), p));
            assertThat(img.size()).as("%s", p).isGreaterThan((int) p.slotSize());
            assertThat(img.bodySize()).isEqualTo((int) p.slotSize());
            assertThat(trust().verify(img).valid()).isTrue();
            assertThat(img.version()).isEqualTo(ImageVersion.parse("1.1.0"));
        }
    }

    @Test
    void theFullSlotImageFillsTheSlotLessTrailerAndSpareSector() throws Exception {
        for (DeviceProfile p : new DeviceProfile[] {VIRTUAL, ZEPHYR}) {
            FirmwareImage img = FirmwareImage.read(GeometryImages.ensure(reserved(GeometryImages.Kind.FULL_SLOT), p));
            long limit = p.slotSize() - 2 * p.sectorSize();
            assertThat((long) img.size()).as("%s", p).isLessThanOrEqualTo(limit)
                    .isGreaterThan(limit - 2 * GeometryImages.SIGNATURE_SLACK);
            assertThat(trust().verify(img).valid()).isTrue();
        }
    }

    @Test
    void eachGeometryGetsItsOwnFolderAndAValidFileIsKept() throws Exception {
        Path a = GeometryImages.ensure(reserved(GeometryImages.Kind.OVERSIZE), VIRTUAL);
        Path b = GeometryImages.ensure(reserved(GeometryImages.Kind.OVERSIZE), ZEPHYR);
        assertThat(a).isNotEqualTo(b);
        assertThat(a.getParent().getFileName().toString()).isEqualTo("slot-65536-sector-4096");
        assertThat(a.getParent().getParent()).isEqualTo(root.resolve("images").resolve(GeometryImages.FOLDER));
        byte[] first = Files.readAllBytes(a);
        assertThat(Files.readAllBytes(GeometryImages.ensure(reserved(GeometryImages.Kind.OVERSIZE), VIRTUAL)))
                .as("kept, so its hash stays stable across runs").isEqualTo(first);
        Files.write(a, new byte[] {1, 2, 3});
        assertThat(FirmwareImage.read(GeometryImages.ensure(reserved(GeometryImages.Kind.OVERSIZE), VIRTUAL)).bodySize())
                .as("a broken file is made again").isEqualTo(64 * 1024);
    }

    @Test
    void aProfileWithoutTheNeededSizesIsRefusedWithTheReason() {
        assertThatThrownBy(() -> GeometryImages.ensure(reserved(GeometryImages.Kind.OVERSIZE), DeviceProfile.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slot size");
        assertThatThrownBy(() -> GeometryImages.ensure(reserved(GeometryImages.Kind.FULL_SLOT),
                new DeviceProfile(64 * 1024, 0))).hasMessageContaining("slot and sector sizes");
        assertThatThrownBy(() -> GeometryImages.ensure(root.resolve("images/app-1.1.0.signed"), VIRTUAL))
                .hasMessageContaining("not a geometry image");
    }
}
