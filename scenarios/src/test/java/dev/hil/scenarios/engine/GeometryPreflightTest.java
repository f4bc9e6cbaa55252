package dev.hil.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.core.image.FirmwareImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's geometry images (oversize, full slot) as the preflight resolves them: from the
 * rig's profile, one file per geometry; and a rig that states no profile cannot run them.
 */
class GeometryPreflightTest {
    private static final Path LIBRARY = Path.of("library").toAbsolutePath();
    private static final Path PROJECT = LIBRARY.getParent().getParent();
    private static final Path OVERSIZE = LIBRARY.resolve("security/oversize.yaml");
    private static final Path FULL_SLOT = LIBRARY.resolve("security/full-slot.yaml");

    @TempDir
    Path tmp;

    private Path rig(String name, String profile) throws IOException {
        return Files.writeString(tmp.resolve(name + ".yaml"), """
                name: %s
                root: %s
                device:
                  kind: process
                  command: [java, -jar, rigs/reference-device/target/virtual-device.jar, --state, "${state}"]
                  serial: pty
                protocol: smp
                power: {kind: pi4j, provider: mock, pin: 17, active: high}
                keys: {trust: scenarios/library/images/test-signing.pub.pem}
                budgets: {boot: 10s}
                %s
                """.formatted(name, PROJECT, profile));
    }

    private static FirmwareImage updateImage(SuitePreflight in, Path file) throws Exception {
        SuitePreflight.Unit unit = in.units().stream().filter(u -> u.file().equals(file)).findFirst().orElseThrow();
        return FirmwareImage.read(unit.loaded().cases().get(0).when().updateImage());
    }

    @Test
    void theOversizeImageIsOversizeOnEachRigsOwnSlot() throws Exception {
        SuitePreflight small = SuitePreflight.check(Optional.of(rig("small", "profile: {slot-size: 64KiB, sector-size: 4KiB}")),
                List.of(OVERSIZE, FULL_SLOT));
        SuitePreflight big = SuitePreflight.check(Optional.of(rig("big", "profile: {slot-size: 192KiB, sector-size: 8KiB}")),
                List.of(OVERSIZE, FULL_SLOT));
        assertThat(small.messages()).isEmpty();
        assertThat(big.messages()).isEmpty();

        assertThat(updateImage(small, OVERSIZE).size()).isGreaterThan(64 * 1024);
        assertThat(updateImage(big, OVERSIZE).size()).as("a 64 KiB-slot image would not be oversize here")
                .isGreaterThan(192 * 1024);
        assertThat(updateImage(small, FULL_SLOT).size()).isBetween(56 * 1024 - 16, 56 * 1024);
        assertThat(updateImage(big, FULL_SLOT).size()).isBetween(176 * 1024 - 16, 176 * 1024);
        assertThat(big.inputs()).as("the run's evidence records the rig's own image")
                .contains(big.units().get(0).loaded().cases().get(0).when().updateImage());
    }

    @Test
    void aRigWithoutProfileSkipsGeometryScenariosInAFolderWithFileLineAndReason() throws Exception {
        SuitePreflight in = SuitePreflight.check(Optional.of(rig("bare", "")), List.of(LIBRARY.resolve("security")));

        assertThat(in.ok()).isTrue();
        assertThat(in.skipped()).extracting(SuitePreflight.Skipped::id)
                .containsExactlyInAnyOrder("UPD-SEC-OVERSIZE", "UPD-SEC-FULL-SLOT");
        assertThat(in.skipped()).filteredOn(s -> s.id().equals("UPD-SEC-OVERSIZE")).singleElement()
                .satisfies(s -> assertThat(s.reason()).contains(OVERSIZE + ":12:19: when.update.image app-1.1.0.oversize.signed")
                        .contains("states no profile.slot-size"));
        assertThat(in.units()).isNotEmpty().noneMatch(u -> u.file().equals(OVERSIZE));
    }

    @Test
    void namedExplicitlyOnARigWithoutProfileItIsBadInput() throws Exception {
        SuitePreflight in = SuitePreflight.check(Optional.of(rig("bare", "")), List.of(OVERSIZE));

        assertThat(in.ok()).isFalse();
        assertThat(in.messages()).singleElement().asString().startsWith(OVERSIZE + ":12:19: ")
                .contains("states no profile.slot-size");
    }

    @Test
    void aFullSlotImageNeedsTheSectorSizeToo() throws Exception {
        SuitePreflight in = SuitePreflight.check(Optional.of(rig("half", "profile: {slot-size: 64KiB}")),
                List.of(OVERSIZE, FULL_SLOT));

        assertThat(in.messages()).singleElement().asString().startsWith(FULL_SLOT + ":12:19: ")
                .contains("states no profile.sector-size");
    }

    @Test
    void withoutARigTheReservedNamesValidateAndNeedNoFile() {
        SuitePreflight in = SuitePreflight.check(Optional.empty(), List.of(OVERSIZE, FULL_SLOT));
        assertThat(in.messages()).isEmpty();
        assertThat(in.units()).hasSize(2);
    }
}
