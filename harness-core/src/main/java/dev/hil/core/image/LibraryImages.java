package dev.hil.core.image;

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
    public static final String README = "README.txt";

    /** Small on purpose: the virtual rig uploads at 115200 baud. */
    public static final int BODY_SIZE = 24 * 1024;

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

            Delete the folder to regenerate everything (image hashes change with new keys).
            """;

    private enum Signer { TEST, WRONG, NONE }

    private record Entry(String file, ImageVersion version, Signer signer) {
    }

    private static final List<Entry> IMAGES = List.of(
            new Entry(APP_1_0_0, ImageVersion.parse("1.0.0"), Signer.TEST),
            new Entry(APP_1_1_0, ImageVersion.parse("1.1.0"), Signer.TEST),
            new Entry(APP_0_9_0_DOWNGRADE, ImageVersion.parse("0.9.0"), Signer.TEST),
            new Entry(APP_1_1_0_UNSIGNED, ImageVersion.parse("1.1.0"), Signer.NONE),
            new Entry(APP_1_1_0_WRONG_KEY, ImageVersion.parse("1.1.0"), Signer.WRONG));

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
        if (IMAGES.stream().noneMatch(e -> e.file.equals(fileName))) {
            throw new IllegalArgumentException(fileName + " is not a library image; known: "
                    + IMAGES.stream().map(Entry::file).toList());
        }
        return dir.resolve(fileName);
    }

    public static List<String> imageNames() {
        return IMAGES.stream().map(Entry::file).toList();
    }

    /**
     * The demo application body for a version: the banner {@code "hil demo app <version>\n"} then
     * pseudo-random bytes from SHA-256 in counter mode over the banner, so every version differs and
     * every machine builds the same bytes. {@value #BODY_SIZE} bytes.
     */
    public static byte[] demoBody(ImageVersion version) {
        byte[] banner = ("hil demo app " + version + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOf(banner, BODY_SIZE);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            int pos = banner.length;
            for (int counter = 0; pos < BODY_SIZE; counter++) {
                md.update(banner);
                md.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8),
                        (byte) counter});
                byte[] block = md.digest();
                int n = Math.min(block.length, BODY_SIZE - pos);
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
        return IMAGES.stream().allMatch(e -> imageValid(dir, e, test.get(), wrong.get()));
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
                AtomicFile.write(dir.resolve(e.file), signer.build(demoBody(e.version), e.version).bytes(), false);
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
            if (!img.version().equals(e.version) || img.bodySize() != BODY_SIZE
                    || !Arrays.equals(Arrays.copyOfRange(img.bytes(), img.headerSize(), img.headerSize() + BODY_SIZE),
                            demoBody(e.version))) {
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
