package dev.hil.reports.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabKeyTest {
    @TempDir
    Path dir;

    @Test
    void aTestOnlyPairIsWrittenOwnerOnlyAndLoadsBack() throws Exception {
        LabKey made = LabKey.generateTestOnly(dir);
        Path key = dir.resolve("lab-test.key.pem");
        Path cert = dir.resolve("lab-test.cert.pem");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(cert)).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("PRIVATE");
        assertThat(made.identity().subject()).startsWith("CN=").contains("TEST ONLY");
        assertThat(made.identity().testOnly()).isTrue();
        assertThat(made.identity().fingerprint()).matches("[0-9a-f]{64}");

        LabKey loaded = LabKey.load(key, cert);
        assertThat(loaded.identity()).isEqualTo(made.identity());
        assertThat(LabKey.loadOrGenerateTestOnly(dir).identity()).isEqualTo(made.identity());
    }

    @Test
    void anExistingPairIsNotReplaced() throws Exception {
        LabKey.generateTestOnly(dir);
        String before = Files.readString(dir.resolve("lab-test.key.pem"));
        assertThatThrownBy(() -> LabKey.generateTestOnly(dir)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(dir.resolve("lab-test.key.pem"))).isEqualTo(before);
    }

    @Test
    void aKeyAndACertificateThatDoNotBelongTogetherAreRefused() throws Exception {
        LabKey.generateTestOnly(dir.resolve("a"));
        LabKey.generateTestOnly(dir.resolve("b"));
        Path keyA = dir.resolve("a/lab-test.key.pem");

        assertThatThrownBy(() -> LabKey.load(keyA, dir.resolve("b/lab-test.cert.pem")))
                .hasMessageContaining("does not belong to the certificate");
        // Swapped arguments: the message names the file, never its content.
        assertThatThrownBy(() -> LabKey.load(dir.resolve("a/lab-test.cert.pem"), keyA))
                .hasMessageContaining("lab-test.cert.pem: not an unencrypted PEM private key")
                .message().doesNotContain(Files.readAllLines(keyA).get(1));
        assertThatThrownBy(() -> LabKey.readCertificate(keyA))
                .hasMessageContaining("lab-test.key.pem: not a PEM certificate");
    }

    /** Parallel runs in CI (qualification modes, defect runs) all seal with the test key at once. */
    @Test
    void runsStartingTogetherShareOneGeneratedTestKey() throws Exception {
        Path keys = dir.resolve("parallel-keys");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<String>> got = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 8; i++) {
                got.add(pool.submit(() -> {
                    start.await();
                    return LabKey.loadOrGenerateTestOnly(keys).identity().fingerprint();
                }));
            }
            start.countDown();
            java.util.Set<String> fingerprints = new java.util.HashSet<>();
            for (java.util.concurrent.Future<String> f : got) {
                fingerprints.add(f.get());
            }
            assertThat(fingerprints).hasSize(1);
            assertThat(LabKey.loadOrGenerateTestOnly(keys).identity().fingerprint()).isEqualTo(fingerprints.iterator().next());
        } finally {
            pool.shutdownNow();
        }
    }
}
