package dev.hil.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryImagesTest {
    @TempDir
    Path root;

    @Test
    void generatesVerifiableImagesWithTheExpectedVersions() throws Exception {
        LibraryImages lib = LibraryImages.ensure(root.resolve("images"));
        TrustKey trust = TrustKey.load(lib.trustKey());
        TrustKey wrong = TrustKey.load(lib.wrongTrustKey());
        assertThat(trust.fingerprint()).isNotEqualTo(wrong.fingerprint());

        assertValid(trust, lib.image(LibraryImages.APP_1_0_0), "1.0.0");
        assertValid(trust, lib.image(LibraryImages.APP_1_1_0), "1.1.0");
        assertValid(trust, lib.image(LibraryImages.APP_0_9_0_DOWNGRADE), "0.9.0");
        assertValid(wrong, lib.image(LibraryImages.APP_1_1_0_WRONG_KEY), "1.1.0");

        FirmwareImage unsigned = FirmwareImage.read(lib.image(LibraryImages.APP_1_1_0_UNSIGNED));
        assertThat(trust.verify(unsigned).reason()).contains("unsigned");
        assertThat(trust.verify(FirmwareImage.read(lib.image(LibraryImages.APP_1_1_0_WRONG_KEY))).reason())
                .contains("another key");

        // Every version's body is different, so the hashes tell the images apart.
        assertThat(Stream.of(LibraryImages.APP_1_0_0, LibraryImages.APP_1_1_0, LibraryImages.APP_0_9_0_DOWNGRADE)
                .map(n -> read(lib.image(n)).hashHex()).distinct()).hasSize(3);

        for (String key : List.of(LibraryImages.TEST_KEY, LibraryImages.WRONG_KEY)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lib.dir().resolve(key))))
                    .isEqualTo("rw-------");
        }
        String readme = Files.readString(lib.dir().resolve(LibraryImages.README));
        assertThat(readme).contains("TEST-ONLY").contains("NEVER use them in production");
    }

    @Test
    void securityImagesFailExactlyTheCheckTheyAreMadeFor() throws Exception {
        LibraryImages lib = LibraryImages.ensure(root.resolve("images"));
        TrustKey trust = TrustKey.load(lib.trustKey());
        FirmwareImage genuine = read(lib.image(LibraryImages.APP_1_1_0));

        // Tampered body: the hash was fixed up, so only the signature tells.
        FirmwareImage body = read(lib.image(LibraryImages.APP_1_1_0_TAMPERED_BODY));
        assertThat(body.hashTlvMatches()).isTrue();
        assertThat(trust.verify(body).reason()).startsWith("signature does not verify");
        assertThat(differingOffsets(genuine.bytes(), body.bytes()))
                .as("one body byte and the 32 hash bytes differ")
                .hasSize(1 + 32)
                .contains(32 + LibraryImages.TAMPERED_BODY_OFFSET);

        FirmwareImage header = read(lib.image(LibraryImages.APP_0_9_0_TAMPERED_HEADER));
        assertThat(header.version()).isEqualTo(ImageVersion.parse("1.2.0"));
        assertThat(header.hashTlvMatches()).isTrue();
        assertThat(trust.verify(header).reason()).startsWith("signature does not verify");
        List<Integer> changed = differingOffsets(read(lib.image(LibraryImages.APP_0_9_0_DOWNGRADE)).bytes(),
                header.bytes());
        assertThat(changed).as("the version field changed").anyMatch(i -> i >= 20 && i < 28);
        assertThat(changed).as("behind the header only hash bytes changed")
                .allMatch(i -> i < 28 || i >= 32 + LibraryImages.BODY_SIZE);

        FirmwareImage cut = read(lib.image(LibraryImages.APP_1_1_0_TRUNCATED));
        assertThat(cut.bodySize()).isEqualTo(LibraryImages.TRUNCATED_BODY_SIZE);
        assertThat(cut.tlvs()).extracting(Tlv::type).containsExactlyElementsOf(
                genuine.tlvs().stream().map(Tlv::type).toList());
        assertThat(trust.verify(cut).reason()).startsWith("SHA256 TLV does not match");

        FirmwareImage rebuild = read(lib.image(LibraryImages.APP_1_0_0_BUILD_1));
        assertThat(trust.verify(rebuild).valid()).isTrue();
        assertThat(rebuild.version()).isGreaterThan(read(lib.image(LibraryImages.APP_1_0_0)).version());
    }

    @Test
    void aDerivedImageFollowsItsBaseWhenThatIsRegenerated() throws Exception {
        Path dir = root.resolve("images");
        LibraryImages lib = LibraryImages.ensure(dir);
        byte[] before = Files.readAllBytes(lib.image(LibraryImages.APP_1_1_0_TAMPERED_BODY));
        Files.delete(lib.signingKey()); // new key: every signed image, and so every derived one, changes
        LibraryImages.ensure(dir);
        FirmwareImage now = read(lib.image(LibraryImages.APP_1_1_0_TAMPERED_BODY));
        assertThat(now.bytes()).isNotEqualTo(before);
        assertThat(differingOffsets(read(lib.image(LibraryImages.APP_1_1_0)).bytes(), now.bytes())).hasSize(33);
    }

    private static List<Integer> differingOffsets(byte[] a, byte[] b) {
        assertThat(b).hasSameSizeAs(a);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                out.add(i);
            }
        }
        return out;
    }

    private static void assertValid(TrustKey trust, Path file, String version) throws Exception {
        FirmwareImage img = FirmwareImage.read(file);
        assertThat(img.version()).isEqualTo(ImageVersion.parse(version));
        Verdict v = trust.verify(img);
        assertThat(v.valid()).as(file + ": " + v.reason()).isTrue();
        assertThat(img.bodySize()).isEqualTo(24 * 1024);
        String banner = "hil demo app " + version + "\n";
        assertThat(new String(Arrays.copyOfRange(img.bytes(), 32, 32 + banner.length()), StandardCharsets.US_ASCII))
                .isEqualTo(banner);
    }

    @Test
    void secondCallChangesNothing() throws Exception {
        Path dir = root.resolve("images");
        LibraryImages.ensure(dir);
        Map<String, String> before = snapshot(dir);
        Thread.sleep(20); // so a rewrite would show in the modification time too
        LibraryImages.ensure(dir);
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aDeletedImageComesBackIdenticalAndNothingElseIsTouched() throws Exception {
        Path dir = root.resolve("images");
        LibraryImages lib = LibraryImages.ensure(dir);
        Map<String, String> before = snapshot(dir);
        Files.delete(lib.image(LibraryImages.APP_1_1_0));
        Files.write(lib.image(LibraryImages.APP_1_0_0), new byte[] {1, 2, 3}); // corrupted: rewritten
        LibraryImages.ensure(dir);
        Map<String, String> after = snapshot(dir);
        // Same key + deterministic signatures: regenerated images have the same bytes.
        assertThat(contentOnly(after)).isEqualTo(contentOnly(before));
        before.remove(LibraryImages.APP_1_1_0);
        before.remove(LibraryImages.APP_1_0_0);
        after.remove(LibraryImages.APP_1_1_0);
        after.remove(LibraryImages.APP_1_0_0);
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aMissingKeyPairRegeneratesItsImagesConsistently() throws Exception {
        Path dir = root.resolve("images");
        LibraryImages lib = LibraryImages.ensure(dir);
        String oldFingerprint = TrustKey.load(lib.trustKey()).fingerprint();
        String oldHash = read(lib.image(LibraryImages.APP_1_1_0)).tlv(Tlv.ECDSA_SIG).map(t -> Arrays.toString(t.value())).orElseThrow();
        Files.delete(lib.signingKey());

        LibraryImages.ensure(dir);
        TrustKey trust = TrustKey.load(lib.trustKey());
        assertThat(trust.fingerprint()).isNotEqualTo(oldFingerprint);
        assertThat(read(lib.image(LibraryImages.APP_1_1_0)).tlv(Tlv.ECDSA_SIG).map(t -> Arrays.toString(t.value())))
                .isNotEqualTo(oldHash);
        for (String n : List.of(LibraryImages.APP_1_0_0, LibraryImages.APP_1_1_0, LibraryImages.APP_0_9_0_DOWNGRADE)) {
            assertThat(trust.verify(read(lib.image(n))).valid()).as(n).isTrue();
        }
        assertThat(TrustKey.load(lib.wrongTrustKey()).verify(read(lib.image(LibraryImages.APP_1_1_0_WRONG_KEY))).valid())
                .isTrue();
    }

    @Test
    void threadsStartingTogetherAgreeOnOneKey() throws Exception {
        Path dir = root.resolve("images");
        int n = 4;
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<LibraryImages>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(pool.submit((Callable<LibraryImages>) () -> {
                    start.await();
                    return LibraryImages.ensure(dir);
                }));
            }
            for (Future<LibraryImages> f : results) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertConsistent(dir);
    }

    @Test
    void twoJvmsStartingTogetherAgreeOnOneKey() throws Exception {
        Path dir = root.resolve("images");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        List<Process> jvms = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            jvms.add(new ProcessBuilder(java, "-cp", cp, EnsureInAnotherJvm.class.getName(), dir.toString())
                    .redirectErrorStream(true).start());
        }
        for (Process p : jvms) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        }
        assertConsistent(dir);
    }

    /** Entry point for the second-JVM test. */
    static final class EnsureInAnotherJvm {
        public static void main(String[] args) throws Exception {
            LibraryImages.ensure(Path.of(args[0]));
        }
    }

    private static void assertConsistent(Path dir) throws Exception {
        TrustKey trust = TrustKey.load(dir.resolve(LibraryImages.TEST_PUB));
        assertThat(SigningKey.load(dir.resolve(LibraryImages.TEST_KEY)).fingerprint()).isEqualTo(trust.fingerprint());
        for (String n : List.of(LibraryImages.APP_1_0_0, LibraryImages.APP_1_1_0, LibraryImages.APP_0_9_0_DOWNGRADE)) {
            assertThat(trust.verify(read(dir.resolve(n))).valid()).as(n).isTrue();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(f -> f.endsWith(".tmp"));
        }
    }

    /** File name -> SHA-256 and modification time of every file. */
    private static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                byte[] data = Files.readAllBytes(p);
                FileTime t = Files.getLastModifiedTime(p);
                out.put(p.getFileName().toString(),
                        java.util.HexFormat.of().formatHex(FirmwareImage.sha256(data, 0, data.length)) + " @" + t.toMillis());
            }
        }
        return out;
    }

    private static Map<String, String> contentOnly(Map<String, String> snapshot) {
        Map<String, String> out = new TreeMap<>();
        snapshot.forEach((k, v) -> out.put(k, v.substring(0, v.indexOf(" @"))));
        return out;
    }

    private static FirmwareImage read(Path p) {
        try {
            return FirmwareImage.read(p);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
