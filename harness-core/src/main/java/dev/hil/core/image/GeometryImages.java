package dev.hil.core.image;

import dev.hil.core.rig.DeviceProfile;
import dev.hil.core.storage.AtomicFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Test images whose size only means something against a board's flash geometry: an oversize image
 * (larger than the slot) and a full-slot one (as large as every MCUboot swap mode must take). A
 * scenario names them by a reserved file name in the library's images folder; for each rig they
 * are generated from its {@link DeviceProfile} into {@code images/geometry/slot-S-sector-s/}
 * (signed with the test key, kept once valid), never sized from the reference device's layout.
 */
public final class GeometryImages {
    public static final String FOLDER = "geometry";
    private static final ImageVersion VERSION = ImageVersion.parse("1.1.0");
    /** What the ECDSA signature's DER length may vary by between two signings. */
    static final int SIGNATURE_SLACK = 8;
    private static final Object IN_PROCESS = new Object();

    /** A reserved image: its file name and how its size follows from the geometry. */
    public enum Kind {
        /** Body as large as the whole slot: larger than any slot's image capacity, whatever its trailer. */
        OVERSIZE("app-1.1.0.oversize.signed", false),
        /**
         * As large as fits in the slot less two sectors (the trailer's, and the spare one that
         * swap-move and swap-offset need), so every correct MCUboot board must take it.
         */
        FULL_SLOT("app-1.1.0.full-slot.signed", true);

        private final String file;
        private final boolean needsSector;

        Kind(String file, boolean needsSector) {
            this.file = file;
            this.needsSector = needsSector;
        }

        public String file() {
            return file;
        }

        /** Whether its size needs the sector size as well as the slot size. */
        public boolean needsSectorSize() {
            return needsSector;
        }

        /** The largest (full slot) or smallest (oversize) total size the image may have. */
        long bound(DeviceProfile p) {
            return this == OVERSIZE ? p.slotSize() : p.slotSize() - 2 * p.sectorSize();
        }

        boolean fits(FirmwareImage img, DeviceProfile p) {
            return this == OVERSIZE ? img.bodySize() == p.slotSize()
                    : img.size() <= bound(p) && img.size() > bound(p) - 2 * SIGNATURE_SLACK;
        }
    }

    private GeometryImages() {
    }

    /** The reserved image a file name stands for, if it is one. */
    public static Optional<Kind> kind(String fileName) {
        return Arrays.stream(Kind.values()).filter(k -> k.file.equals(fileName)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(Kind.values()).map(Kind::file).toList();
    }

    /**
     * The file {@code reserved} (a reserved name in a library images folder) stands for on a board
     * of {@code profile}, generated if missing or no longer valid.
     *
     * @throws IllegalArgumentException when the profile lacks what the image is sized from
     */
    public static Path ensure(Path reserved, DeviceProfile profile) throws IOException {
        Kind kind = kind(reserved.getFileName().toString()).orElseThrow(() -> new IllegalArgumentException(
                reserved + " is not a geometry image (known: " + names() + ")"));
        if (profile.slotSize() == 0 || (kind.needsSector && profile.sectorSize() == 0)) {
            throw new IllegalArgumentException(kind.file + " needs the board's slot" + (kind.needsSector
                    ? " and sector sizes" : " size") + "; the profile states " + profile);
        }
        if (kind == Kind.FULL_SLOT && kind.bound(profile) <= FirmwareImage.HEADER_SIZE + 1024) {
            throw new IllegalArgumentException("a slot of " + profile.slotSize() + " bytes in sectors of "
                    + profile.sectorSize() + " leaves no room for a full-slot image");
        }
        LibraryImages lib = LibraryImages.ensure(reserved.getParent());
        Path dir = lib.dir().resolve(FOLDER).resolve("slot-" + profile.slotSize() + "-sector-" + profile.sectorSize());
        Path file = dir.resolve(kind.file);
        synchronized (IN_PROCESS) {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(dir.resolve(".generate.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                SigningKey key = SigningKey.load(lib.signingKey());
                if (!valid(file, kind, profile, key)) {
                    AtomicFile.write(file, build(kind, profile, ImageSigner.signedBy(key)).bytes(), false);
                }
            }
        }
        return file;
    }

    private static FirmwareImage build(Kind kind, DeviceProfile p, ImageSigner signer) {
        if (kind == Kind.OVERSIZE) {
            return signer.build(LibraryImages.demoBody(VERSION, (int) p.slotSize()), VERSION);
        }
        // Header and TLVs take what a small image of the same signer shows, the signature's slack aside.
        int overhead = signer.build(new byte[16], VERSION).size() - 16;
        int body = (int) kind.bound(p) - overhead - SIGNATURE_SLACK;
        FirmwareImage img = signer.build(LibraryImages.demoBody(VERSION, body), VERSION);
        if (!kind.fits(img, p)) {
            throw new IllegalStateException("full-slot image of " + img.size() + " bytes misses its bound "
                    + kind.bound(p));
        }
        return img;
    }

    private static boolean valid(Path file, Kind kind, DeviceProfile p, SigningKey key) {
        try {
            FirmwareImage img = FirmwareImage.read(file);
            return img.version().equals(VERSION) && kind.fits(img, p) && key.trustKey().verify(img).valid()
                    && Arrays.equals(Arrays.copyOfRange(img.bytes(), img.headerSize(), img.headerSize() + img.bodySize()),
                            LibraryImages.demoBody(VERSION, img.bodySize()));
        } catch (IOException | ImageFormatException | RuntimeException e) {
            return false;
        }
    }
}
