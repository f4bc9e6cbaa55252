package dev.hil.scenarios.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hil.core.image.GeometryImages;
import dev.hil.core.rig.Requirement;
import dev.hil.core.rig.RigCapability;
import dev.hil.core.run.SignatureCheckTimes;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.ImageRole;
import dev.hil.core.scenario.Quantities;
import dev.hil.core.scenario.Scenario;
import dev.hil.core.scenario.SourceMark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads scenario files (design.md section 4): YAML, checked against
 * {@code dev/hil/scenarios/scenario.schema.json}, then the checks a schema cannot make (durations,
 * fault kinds, image paths, sweeps). Every problem found in a file is reported together.
 */
public final class ScenarioFiles {
    private static final FileSchema SCHEMA = FileSchema.load("scenario.schema.json");

    private ScenarioFiles() {
    }

    /**
     * The scenario in {@code file}: one, or one per point of its {@code sweep}. A sweep over every
     * occurrence of a phase without {@code max} has no points before a reference run: it yields
     * none here; {@link #read} gives it as a {@link PhaseSweep}.
     *
     * @param knownFaultKinds the fault kinds the fault factory can build, e.g. {@code power-cut}
     * @throws InputError the first problem in file order; {@link InputError#all()} has the rest
     */
    public static List<Scenario> load(Path file, Set<String> knownFaultKinds) throws InputError {
        return read(file, knownFaultKinds).cases();
    }

    /** The file's cases, or its phase sweep whose points a reference run counts. */
    public static ScenarioFile read(Path file, Set<String> knownFaultKinds) throws InputError {
        MarkedDocument doc = MarkedDocument.read(file);
        Problems problems = new Problems();
        SCHEMA.check(doc, problems);
        SuiteRoot suite = SuiteRoot.of(file);

        // The finer checks run where the schema found nothing wrong, so each mistake is told once.
        Path running = path(doc, "/given/running", suite, problems);
        Path image = path(doc, "/when/update/image", suite, problems);
        Duration within = duration(doc, "/then/recovers/within", problems);
        Duration signatureCheck = duration(doc, "/then/signature-check/within", problems);
        List<FaultSpec> faults = faults(doc, knownFaultKinds, problems);
        Sweep sweep = doc.at("/sweep").isObject() && !problems.touches("/sweep")
                ? Sweep.read(doc, faults, image, problems) : null;
        problems.throwIfAny();
        JsonNode root = doc.root();
        Scenario base = new Scenario(
                root.path("id").asText(),
                root.path("title").asText(),
                new Scenario.Traceability(texts(root.at("/traceability/requirements")),
                        texts(root.at("/traceability/risks"))),
                file.toAbsolutePath().normalize(),
                suite.dir(),
                new Scenario.Given(running, state(root.at("/given/state"))),
                new Scenario.When(image, root.at("/when/update/authorize").isTextual()
                        ? Scenario.Authorize.byYamlName(root.at("/when/update/authorize").asText())
                        : Scenario.Authorize.NEVER),
                faults,
                new Scenario.Then(recoversTo(root.at("/then/recovers/to")), within,
                        root.at("/then/verified").asBoolean(false), root.at("/then/rejected").asBoolean(false),
                        signatureCheck == null ? null
                                : new Scenario.TimeBudget(signatureCheck, doc.mark("/then/signature-check"))),
                Map.of());
        List<Requirement> needs = needs(doc, base);
        needs.addAll(geometryNeeds(doc, base));
        if (sweep == null) {
            return new ScenarioFile(List.of(base), Optional.empty(), needs);
        }
        return sweep.known() ? new ScenarioFile(sweep.apply(base), Optional.empty(), needs)
                : new ScenarioFile(List.of(), Optional.of(new PhaseSweep(base, sweep)), needs);
    }

    /**
     * A given device state or an authorized update needs a protocol that can set them; judging a
     * recovery or a verified image reads the device's image list with slot hashes; a
     * signature-check budget is timed between the rig's verify and verified log lines.
     */
    private static List<Requirement> needs(MarkedDocument doc, Scenario s) {
        List<Requirement> needs = new ArrayList<>();
        if (!s.given().state().isEmpty()) {
            needs.add(new Requirement(RigCapability.deviceState(), "given.state", doc.mark("/given/state")));
        }
        if (s.when().authorize() != Scenario.Authorize.NEVER) {
            needs.add(new Requirement(RigCapability.deviceState(), "authorize", doc.mark("/when/update/authorize")));
        }
        Scenario.Then then = s.then();
        if (!then.recoversTo().isEmpty()) {
            needs.add(new Requirement(RigCapability.slotHashes(), "recovers", doc.mark("/then/recovers")));
        }
        if (then.verified()) {
            needs.add(new Requirement(RigCapability.slotHashes(), "verified", doc.mark("/then/verified")));
        }
        if (then.signatureCheck() != null) {
            for (String phase : SignatureCheckTimes.PHASES) {
                needs.add(new Requirement(RigCapability.phase(phase), "signature-check", then.signatureCheck().mark()));
            }
        }
        return needs;
    }

    /** A geometry image is sized from the rig's profile: its slot size, and for some its sector size. */
    private static List<Requirement> geometryNeeds(MarkedDocument doc, Scenario s) {
        List<Requirement> needs = new ArrayList<>();
        Map<String, Path> images = new LinkedHashMap<>();
        images.put("/given/running", s.given().running());
        images.put("/when/update/image", s.when().updateImage());
        images.forEach((pointer, image) -> {
            if (!SuiteTestImages.isGeometryImage(image)) {
                return;
            }
            GeometryImages.Kind kind = GeometryImages.kind(image.getFileName().toString()).orElseThrow();
            String clause = Pointers.dotted(pointer) + " " + kind.file();
            needs.add(new Requirement(RigCapability.slotSize(), clause, doc.mark(pointer)));
            if (kind.needsSectorSize()) {
                needs.add(new Requirement(RigCapability.sectorSize(), clause, doc.mark(pointer)));
            }
        });
        return needs;
    }

    private static Path path(MarkedDocument doc, String pointer, SuiteRoot suite, Problems problems) {
        if (!doc.at(pointer).isTextual() || problems.touches(pointer)) {
            return null;
        }
        return suite.resolve(doc, pointer, problems);
    }

    private static Duration duration(MarkedDocument doc, String pointer, Problems problems) {
        JsonNode value = doc.at(pointer);
        if (value.isMissingNode() || problems.touches(pointer)) {
            return null;
        }
        try {
            return Quantities.duration(value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText());
        } catch (IllegalArgumentException e) {
            problems.add(pointer, doc.mark(pointer), Pointers.dotted(pointer) + ": " + e.getMessage());
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<FaultSpec> faults(MarkedDocument doc, Set<String> known, Problems problems) {
        List<FaultSpec> faults = new ArrayList<>();
        JsonNode list = doc.at("/faults");
        for (int i = 0; i < list.size(); i++) {
            String item = Pointers.child("/faults", i);
            JsonNode fault = list.get(i);
            if (!fault.isObject() || fault.size() != 1 || problems.touches(item)) {
                continue;
            }
            String kind = fault.fieldNames().next();
            String params = Pointers.child(item, kind);
            if (!known.contains(kind)) {
                problems.add(params, doc.keyMark(params), "unknown fault '" + kind + "' (known: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
            Object plain = doc.at(params).isNull() ? Map.of() : doc.plain(params, problems);
            SourceMark mark = doc.mark(item);
            faults.add(new FaultSpec(kind, (Map<String, Object>) plain, mark));
        }
        return faults;
    }

    private static Set<ImageRole> recoversTo(JsonNode to) {
        Set<ImageRole> roles = EnumSet.noneOf(ImageRole.class);
        if (to.isTextual()) {
            roles.add(ImageRole.valueOf(to.asText().toUpperCase()));
        } else {
            to.path("any-of").forEach(r -> roles.add(ImageRole.valueOf(r.asText().toUpperCase())));
        }
        return roles;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> state(JsonNode state) {
        Map<String, String> out = new LinkedHashMap<>();
        state.properties().forEach(e -> out.put(e.getKey(), e.getValue().isBigDecimal()
                ? e.getValue().decimalValue().toPlainString() : e.getValue().asText()));
        return out;
    }
}
