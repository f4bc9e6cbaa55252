package dev.hil.scenarios.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The engine's configuration parameters (set by {@code hil run}, by Surefire's
 * {@code configurationParameters}, or in {@code junit-platform.properties}).
 */
record EngineSettings(Optional<Path> rig, Path results, long seed, boolean seedGiven, Optional<Shard> shard,
                      List<Path> scenarioPaths, Path stateRoot, Optional<String> caseId, boolean evidence,
                      Optional<Path> labKey, Optional<Path> labCert, Path projectRoot) {
    static final String RIG = "hil.rig";
    static final String RESULTS = "hil.results";
    static final String SEED = "hil.seed";
    static final String SHARD = "hil.shard";
    static final String SCENARIOS = "hil.scenarios";
    static final String STATE = "hil.state";
    /** Run only the case with this id, e.g. {@code UPD-PWR-SWEEP[transferred=30%]} (a sweep point). */
    static final String CASE = "hil.case";
    /** Seal the results as a signed evidence bundle; default: when the CI environment variable is set. */
    static final String EVIDENCE = "hil.evidence";
    /** Lab signing key and certificate (PEM) for the evidence; default: a TEST-ONLY pair in target/lab-keys. */
    static final String LAB_KEY = "hil.lab-key";
    static final String LAB_CERT = "hil.lab-cert";
    /**
     * The project root the evidence records its inputs against, where {@code hil evidence verify}
     * runs (default: the working directory; a Surefire run in a module sets it to the project's).
     */
    static final String ROOT = "hil.root";

    /** A combination of parameters that cannot run, as a one-line reason. */
    Optional<String> problem() {
        return labKey.isPresent() != labCert.isPresent()
                ? Optional.of("hil: --lab-key and --lab-cert go together (" + LAB_KEY + ", " + LAB_CERT + ")")
                : Optional.empty();
    }

    /** Shard {@code index}/{@code count}, 1-based: keeps every count-th scenario starting at index. */
    record Shard(int index, int count) {
        static Shard parse(String text) {
            String[] p = text.trim().split("/");
            try {
                Shard s = new Shard(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
                if (p.length == 2 && s.count >= 1 && s.index >= 1 && s.index <= s.count) {
                    return s;
                }
            } catch (RuntimeException ignored) {
                // reported below with the accepted form
            }
            throw new IllegalArgumentException("shard '" + text + "' must be i/n with 1 <= i <= n");
        }

        boolean keeps(int position) {
            return position % count == index - 1;
        }

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    static EngineSettings from(ConfigurationParameters p) {
        List<Path> scenarioPaths = new ArrayList<>();
        p.get(SCENARIOS).ifPresent(s -> {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    scenarioPaths.add(Path.of(part.trim()));
                }
            }
        });
        Optional<String> seed = p.get(SEED);
        return new EngineSettings(p.get(RIG).map(Path::of),
                Path.of(p.get(RESULTS).orElse("target/allure-results")),
                seed.map(Long::parseLong).orElseGet(() -> System.currentTimeMillis() & 0xFFFFFFFFL),
                seed.isPresent(),
                p.get(SHARD).map(Shard::parse),
                scenarioPaths,
                Path.of(p.get(STATE).orElse("target/hil-state")),
                p.get(CASE).map(String::trim).filter(c -> !c.isEmpty()),
                p.getBoolean(EVIDENCE).orElseGet(() -> System.getenv("CI") != null && !System.getenv("CI").isBlank()),
                p.get(LAB_KEY).map(Path::of),
                p.get(LAB_CERT).map(Path::of),
                Path.of(p.get(ROOT).orElse("")).toAbsolutePath().normalize());
    }
}
