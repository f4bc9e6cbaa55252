package dev.hil.core.image;

import dev.hil.core.storage.AtomicFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The test-only key pairs and demo images the standard scenario library refers to
 * ({@code scenarios/library/images/}). Generated on first use so a fresh checkout needs no
 * committed private key; kept as they are once valid, so image hashes stay stable across runs.
 */
public final class LibraryImages {
    public static final String TEST_KEY = "test-signing.key.pem";
    public static final String TEST_PUB = "test-signing.pub.pem";
    public static final String WRONG_KEY = "wrong-signing.key.pem";
    public static final String WRONG_PUB = "wrong-signing.pub.pem";
    public static final String APP_1_0_0 = "app-1.0.0.signed";
    public static final String APP_1_1_0 = "app-1.1.0.signed";
    public static final String APP_0_9_0_DOWNGRADE = "app-0.9.0.signed";
    public static final String APP_1_1_0_UNSIGNED = "app-1.1.0.unsigned";
    public static final String APP_1_1_0_WRONG_KEY = "app-1.1.0.wrongkey.signed";
    /** 1.0.0 build 1: a rebuild of 1.0.0 (e.g. a fix), so the original 1.0.0 is a replay of an older release. */
    public static final String APP_1_0_0_BUILD_1 = "app-1.0.0+1.signed";
    public static final String APP_1_1_0_TAMPERED_BODY = "app-1.1.0.tampered-body.signed";
    public static final String APP_0_9_0_TAMPERED_HEADER = "app-0.9.0.tampered-header.signed";
    public static final String APP_1_1_0_TRUNCATED = "app-1.1.0.truncated.signed";
    public static final String README = "README.txt";

    /** Small on purpose: the virtual rig uploads at 115200 baud. */
    public static final int BODY_SIZE = 24 * 1024;
    /** Where the tampered-body image differs from app-1.1.0.signed. */
    public static final int TAMPERED_BODY_OFFSET = 8192;
    /** What the tampered header claims: newer than every genuine image, so no downgrade rule refuses it. */
    public static final ImageVersion TAMPERED_HEADER_VERSION = ImageVersion.parse("1.2.0");
    /** Body bytes the truncated image keeps. */
    public static final int TRUNCATED_BODY_SIZE = 16 * 1024;

    private static final String LOCK = ".generate.lock";
    private static final String README_TEXT = """
            TEST-ONLY keys and images for the HIL scenario library. NEVER use them in production.

            The private keys in this folder (*.key.pem) are generated on the harness's first run and
            protect nothing: anyone with this repository can sign images with them. No product,
            bootloader or device that leaves the lab may trust test-signing.pub.pem.

              test-signing.key.pem / .pub.pem    key the virtual rig trusts (rigs/virtual.yaml keys.trust)
              wrong-signing.key.pem / .pub.pem   a second key, for "signed with the wrong key" scenarios
              app-1.0.0.signed                   baseline image
              app-1.1.0.signed                   update image
              app-0.9.0.signed                   validly signed downgrade
              app-1.1.0.unsigned                 SHA256 TLV only, no signature
              app-1.1.0.wrongkey.signed          1.1.0 signed with wrong-signing.key.pem
              app-1.0.0+1.signed                 1.0.0 build 1: a rebuild that replaces 1.0.0, so sending
                                                 app-1.0.0.signed again is a replay of an older release
              app-1.1.0.tampered-body.signed     app-1.1.0.signed with body byte 8192 inverted and the
                                                 SHA256 TLV recomputed; original signature
              app-0.9.0.tampered-header.signed   app-0.9.0.signed with the header version rewritten to
                                                 1.2.0 and the SHA256 TLV recomputed; original signature
              app-1.1.0.truncated.signed         app-1.1.0.signed cut after 16 KiB of body, header size
                                                 field shortened to match, original TLVs (hash and
                                                 signature of the whole image) kept: parseable, hash wrong

            geometry/slot-S-sector-s/          images sized from a rig's profile (slot S, sector s bytes):
              app-1.1.0.oversize.signed          validly signed 1.1.0 whose body alone fills the slot
              app-1.1.0.full-slot.signed         validly signed 1.1.0 as large as the slot less two
                                                 sectors (trailer, swap spare): every MCUboot takes it
                                                 Scenarios name them as ../images/<name>; each rig gets
                                                 its own (GeometryImages).

            The tampered and truncated images are derived from the signed ones byte for byte; they
            are regenerated whenever those are.

            Delete the folder to regenerate everything (image hashes change with new keys).
            """;

    private enum Signer { TEST, WRONG, NONE }

    private record Entry(String file, ImageVersion version, Signer signer, int bodySize) {
        Entry(String file, String version, Signer signer) {
            this(file, ImageVersion.parse(version), signer, BODY_SIZE);
        }
    }

    /** An image made from another library image by a deterministic change, so it needs no key. */
    private record Derived(String file, String base, Function<FirmwareImage, byte[]> make) {
    }

    private static final List<Entry> IMAGES = List.of(
            new Entry(APP_1_0_0, "1.0.0", Signer.TEST),
            new Entry(APP_1_1_0, "1.1.0", Signer.TEST),
            new Entry(APP_0_9_0_DOWNGRADE, "0.9.0", Signer.TEST),
            new Entry(APP_1_1_0_UNSIGNED, "1.1.0", Signer.NONE),
            new Entry(APP_1_1_0_WRONG_KEY, "1.1.0", Signer.WRONG),
            new Entry(APP_1_0_0_BUILD_1, "1.0.0+1", Signer.TEST));

    private static final List<Derived> DERIVED = List.of(
            new Derived(APP_1_1_0_TAMPERED_BODY, APP_1_1_0,
                    img -> ImageTampering.flipBodyByte(img, TAMPERED_BODY_OFFSET)),
            new Derived(APP_0_9_0_TAMPERED_HEADER, APP_0_9_0_DOWNGRADE,
                    img -> ImageTampering.relabel(img, TAMPERED_HEADER_VERSION)),
            new Derived(APP_1_1_0_TRUNCATED, APP_1_1_0,
                    img -> ImageTampering.truncateBody(img, TRUNCATED_BODY_SIZE)));

    // FileChannel locks are per process; this serialises threads of one JVM in front of it.
    private static final Object IN_PROCESS = new Object();

    private final Path dir;

    private LibraryImages(Path dir) {
        this.dir = dir;
    }

    /**
     * Makes sure every key and image is present and consistent, generating what is missing. A new
     * test key pair regenerates every image (they must verify with it); otherwise valid files are
     * left untouched. Safe for threads and for JVMs starting together (lock file, atomic renames).
     */
    public static LibraryImages ensure(Path imagesDir) throws IOException {
        Path dir = imagesDir.toAbsolutePath().normalize();
        if (!complete(dir)) {
            synchronized (IN_PROCESS) {
                Files.createDirectories(dir);
                try (FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                    repair(dir); // re-checks under the lock: another JVM may have finished meanwhile
                }
            }
        }
        return new LibraryImages(dir);
    }

    public Path dir() {
        return dir;
    }

    /** The public key the virtual rig trusts. */
    public Path trustKey() {
        return dir.resolve(TEST_PUB);
    }

    public Path signingKey() {
        return dir.resolve(TEST_KEY);
    }

    public Path wrongTrustKey() {
        return dir.resolve(WRONG_PUB);
    }

    /** A file of this folder by name, e.g. {@code image(APP_1_1_0)}. */
    public Path image(String fileName) {
        if (!imageNames().contains(fileName)) {
            throw new IllegalArgumentException(fileName + " is not a library image; known: " + imageNames());
        }
        return dir.resolve(fileName);
    }

    public static List<String> imageNames() {
        return Stream.concat(IMAGES.stream().map(Entry::file), DERIVED.stream().map(Derived::file)).toList();
    }

    /**
     * The demo application body for a version: the banner {@code "hil demo app <version>\n"} then
     * pseudo-random bytes from SHA-256 in counter mode over the banner, so every version differs and
     * every machine builds the same bytes. {@value #BODY_SIZE} bytes.
     */
    public static byte[] demoBody(ImageVersion version) {
        return demoBody(version, BODY_SIZE);
    }

    /** {@link #demoBody(ImageVersion)} of another length (the same bytes where both have them). */
    public static byte[] demoBody(ImageVersion version, int size) {
        byte[] banner = ("hil demo app " + version + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOf(banner, size);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            int pos = banner.length;
            for (int counter = 0; pos < size; counter++) {
                md.update(banner);
                md.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8),
                        (byte) counter});
                byte[] block = md.digest();
                int n = Math.min(block.length, size - pos);
                System.arraycopy(block, 0, body, pos, n);
                pos += n;
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return body;
    }

    private static boolean complete(Path dir) {
        Optional<SigningKey> test = loadPair(dir, TEST_KEY, TEST_PUB);
        Optional<SigningKey> wrong = loadPair(dir, WRONG_KEY, WRONG_PUB);
        if (test.isEmpty() || wrong.isEmpty() || !readmeCurrent(dir)) {
            return false;
        }
        return IMAGES.stream().allMatch(e -> imageValid(dir, e, test.get(), wrong.get()))
                && DERIVED.stream().allMatch(d -> derivedValid(dir, d));
    }

    private static void repair(Path dir) throws IOException {
        Optional<SigningKey> loadedTest = loadPair(dir, TEST_KEY, TEST_PUB);
        Optional<SigningKey> loadedWrong = loadPair(dir, WRONG_KEY, WRONG_PUB);
        SigningKey test = loadedTest.isPresent() ? loadedTest.get() : newPair(dir, TEST_KEY, TEST_PUB);
        SigningKey wrong = loadedWrong.isPresent() ? loadedWrong.get() : newPair(dir, WRONG_KEY, WRONG_PUB);
        for (Entry e : IMAGES) {
            boolean keyChanged = (e.signer == Signer.TEST && loadedTest.isEmpty())
                    || (e.signer == Signer.WRONG && loadedWrong.isEmpty());
            if (keyChanged || !imageValid(dir, e, test, wrong)) {
                ImageSigner signer = switch (e.signer) {
                    case TEST -> ImageSigner.signedBy(test);
                    case WRONG -> ImageSigner.signedBy(wrong);
                    case NONE -> ImageSigner.unsigned();
                };
                AtomicFile.write(dir.resolve(e.file), signer.build(demoBody(e.version, e.bodySize), e.version).bytes(),
                        false);
            }
        }
        for (Derived d : DERIVED) { // after the images they come from, which may just have changed
            if (!derivedValid(dir, d)) {
                AtomicFile.write(dir.resolve(d.file), derive(dir, d), false);
            }
        }
        if (!readmeCurrent(dir)) {
            AtomicFile.write(dir.resolve(README), README_TEXT.getBytes(StandardCharsets.UTF_8), false);
        }
    }

    private static SigningKey newPair(Path dir, String keyFile, String pubFile) throws IOException {
        SigningKey key = SigningKey.generate(SigningKey.Type.ECDSA_P256);
        // Public last: a pair counts as present only when both files load and match.
        key.writePrivate(dir.resolve(keyFile));
        key.writePublic(dir.resolve(pubFile));
        return key;
    }

    /** The private key, if it loads and the public key file holds its public half. */
    private static Optional<SigningKey> loadPair(Path dir, String keyFile, String pubFile) {
        Path key = dir.resolve(keyFile);
        Path pub = dir.resolve(pubFile);
        if (!Files.isRegularFile(key) || !Files.isRegularFile(pub)) {
            return Optional.empty();
        }
        try {
            SigningKey k = SigningKey.load(key);
            return k.fingerprint().equals(TrustKey.load(pub).fingerprint()) ? Optional.of(k) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean imageValid(Path dir, Entry e, SigningKey test, SigningKey wrong) {
        try {
            FirmwareImage img = FirmwareImage.read(dir.resolve(e.file));
            if (!img.version().equals(e.version) || img.bodySize() != e.bodySize
                    || !Arrays.equals(Arrays.copyOfRange(img.bytes(), img.headerSize(), img.headerSize() + e.bodySize),
                            demoBody(e.version, e.bodySize))) {
                return false;
            }
            return switch (e.signer) {
                case TEST -> test.trustKey().verify(img).valid();
                case WRONG -> wrong.trustKey().verify(img).valid();
                case NONE -> img.hashTlvMatches() && img.tlv(Tlv.ECDSA_SIG).isEmpty() && img.tlv(Tlv.ED25519).isEmpty();
            };
        } catch (IOException | ImageFormatException | RuntimeException ex) {
            return false;
        }
    }

    private static byte[] derive(Path dir, Derived d) throws IOException {
        try {
            return d.make.apply(FirmwareImage.read(dir.resolve(d.base)));
        } catch (ImageFormatException e) {
            throw new IOException("cannot derive " + d.file + ": " + e.getMessage(), e);
        }
    }

    private static boolean derivedValid(Path dir, Derived d) {
        try {
            return Arrays.equals(Files.readAllBytes(dir.resolve(d.file)), derive(dir, d));
        } catch (IOException | RuntimeException ex) {
            return false;
        }
    }

    private static boolean readmeCurrent(Path dir) {
        try {
            return Files.readString(dir.resolve(README), StandardCharsets.UTF_8).equals(README_TEXT);
        } catch (IOException ex) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "library images in " + dir;
    }
}
