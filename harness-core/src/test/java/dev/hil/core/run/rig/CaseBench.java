package dev.hil.core.run.rig;

import dev.hil.core.fault.FaultCatalog;
import dev.hil.core.image.FirmwareImage;
import dev.hil.core.image.ImageSigner;
import dev.hil.core.image.ImageVersion;
import dev.hil.core.image.SigningKey;
import dev.hil.core.run.Outcome;
import dev.hil.core.run.ScenarioRunner;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.ImageRole;
import dev.hil.core.scenario.Scenario;
import dev.hil.core.scenario.SourceMark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One scenario against a {@link MemoryRig}: two images signed with a fresh key (given 1.0.0, update
 * 1.1.0) plus one signed with another key, written to a suite folder; the scenario's parts are set
 * by the test before {@link #run}.
 */
public final class CaseBench {
    private static final SigningKey KEY = SigningKey.generate(SigningKey.Type.ED25519);
    private static final SigningKey OTHER_KEY = SigningKey.generate(SigningKey.Type.ED25519);

    public final Path suite;
    public final FirmwareImage given;
    public final FirmwareImage update;
    /** Signed with a key the rig does not trust. */
    public final FirmwareImage foreign;
    public final MemoryRig rig;
    public final List<FaultSpec> faults = new ArrayList<>();
    public Path updateFile;
    public Set<ImageRole> recoversTo = Set.of();
    public Duration within;
    public boolean verified;
    public boolean rejected;
    public Scenario.TimeBudget signatureCheck;

    public CaseBench(Path suite, Duration bootBudget) {
        this.suite = suite;
        this.given = write("app-1.0.0.signed", KEY, "1.0.0", 1);
        this.update = write("app-1.1.0.signed", KEY, "1.1.0", 2);
        this.foreign = write("app-1.1.0.foreign", OTHER_KEY, "1.1.0", 3);
        this.updateFile = suite.resolve("app-1.1.0.signed");
        this.rig = new MemoryRig(KEY.trustKey(), bootBudget);
    }

    private FirmwareImage write(String name, SigningKey key, String version, int seed) {
        byte[] body = new byte[4000];
        new Random(seed).nextBytes(body);
        FirmwareImage image = ImageSigner.signedBy(key).build(body, ImageVersion.parse(version));
        try {
            Files.write(suite.resolve(name), image.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return image;
    }

    public CaseBench fault(String kind, Map<String, Object> params) {
        faults.add(new FaultSpec(kind, params, new SourceMark(suite.resolve("case.yaml"), 9, 5)));
        return this;
    }

    public Scenario scenario() {
        return new Scenario("UNIT-1", "unit case", new Scenario.Traceability(List.of(), List.of()),
                suite.resolve("case.yaml"), suite, new Scenario.Given(suite.resolve("app-1.0.0.signed"), Map.of()),
                new Scenario.When(updateFile), faults,
                new Scenario.Then(recoversTo, within, verified, rejected, signatureCheck), Map.of());
    }

    /** Runs the case and checks what every case must end with: one result, the rig off. */
    public Outcome runToTheEnd(RecordedCase recorder) {
        Outcome outcome = run(recorder);
        org.assertj.core.api.Assertions.assertThat(recorder.finishedCalls).as("results written").isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(rig.supply().isOn()).as("rig left off").isFalse();
        return outcome;
    }

    public Outcome run(RecordedCase recorder) {
        return new ScenarioRunner(rig, new FaultCatalog(List.of(new ScriptedFaults())), 7, line -> { })
                .run(scenario(), recorder);
    }
}
