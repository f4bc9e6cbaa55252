package dev.hil.scenarios.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hil.core.rig.BenchWiring;
import dev.hil.core.rig.DeviceProfile;
import dev.hil.core.rig.ProvisionSpec;
import dev.hil.core.rig.RigAssembly;
import dev.hil.core.rig.SafeState;
import dev.hil.core.rig.RigSpec;
import dev.hil.core.scenario.Quantities;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads rig files (design.md section 5), checked against {@code dev/hil/scenarios/rig.schema.json}
 * and then for what a schema cannot see: the boot budget, phase regexes, the root folder and the
 * trust key. Command words are left as written: the process starts with the root as its working
 * directory, so relative words there already mean the right thing.
 */
public final class RigFiles {
    private static final FileSchema SCHEMA = FileSchema.load("rig.schema.json");
    static final int DEFAULT_BAUD = 115_200;
    static final Duration DEFAULT_BOOT_BUDGET = Duration.ofSeconds(10);

    private RigFiles() {
    }

    /** @throws InputError the first problem in file order; {@link InputError#all()} has the rest */
    public static RigSpec load(Path file) throws InputError {
        MarkedDocument doc = MarkedDocument.read(file);
        Problems problems = new Problems();
        SCHEMA.check(doc, problems);
        JsonNode root = doc.root();

        Path rigDir = file.toAbsolutePath().normalize().getParent();
        Path base = root.path("root").isTextual() && !problems.touches("/root")
                ? folder(doc, rigDir, problems) : rigDir;
        Path trust = base != null && root.at("/keys/trust").isTextual() && !problems.touches("/keys/trust")
                ? trustKey(doc, base, problems) : null;
        Duration boot = duration(doc, "/budgets/boot", DEFAULT_BOOT_BUDGET, problems);
        Duration portBudget = duration(doc, "/budgets/port", RigSpec.DEFAULT_PORT_BUDGET, problems);
        BenchFields bench = new BenchFields(doc, base, problems);
        RigSpec.PortSpec port = bench.port();
        BenchWiring wiring = bench.wiring();
        DeviceProfile profile = bench.profile();
        ProvisionSpec provision = bench.provision();
        SafeState safe = bench.safeState();
        resetPin(doc, problems);
        providers(doc, problems);
        Map<String, String> phases = phases(doc, problems);
        if (base != null) {
            fixture(doc, base, "/device/firmware", problems);
            fixture(doc, base, "/device/environment", problems);
        }
        problems.throwIfAny();

        JsonNode device = root.path("device");
        List<String> command = new ArrayList<>();
        device.path("command").forEach(w -> command.add(w.asText()));
        JsonNode baud = device.path("baud");
        int baudRate = baud.isMissingNode() ? DEFAULT_BAUD : baud.isInt() ? baud.intValue() : 0;
        JsonNode power = root.path("power");
        return new RigSpec(file.toAbsolutePath().normalize(), base, root.path("name").asText(),
                new RigSpec.DeviceSpec(device.path("kind").asText(), command,
                        device.path("serial").asText("pty"), baudRate,
                        fixture(doc, base, "/device/firmware", problems),
                        fixture(doc, base, "/device/environment", problems), port),
                root.path("protocol").asText(),
                new RigSpec.PowerSpec(power.path("kind").asText(), power.path("provider").asText("mock"),
                        power.path("pin").asInt(), !"low".equals(power.path("active").asText("high")),
                        reset(power.path("reset")), wiring),
                trust, boot, phases, profile, provision, portBudget, safe);
    }

    /**
     * The device kind and protocol name providers on the classpath (a new board kind or protocol
     * is a provider, not a schema change), and the two must suit each other.
     */
    private static void providers(MarkedDocument doc, Problems problems) {
        if (!doc.at("/device/kind").isTextual() || !doc.at("/protocol").isTextual()
                || problems.touches("/device/kind") || problems.touches("/protocol")) {
            return;
        }
        RigAssembly assembly = RigAssembly.load();
        String kind = doc.at("/device/kind").asText();
        String protocol = doc.at("/protocol").asText();
        assembly.unknownKind(kind).ifPresent(p -> problems.add("/device/kind", doc.mark("/device/kind"), p));
        assembly.unknownProtocol(protocol).ifPresent(p -> problems.add("/protocol", doc.mark("/protocol"), p));
        if (!problems.touches("/device/kind") && !problems.touches("/protocol")) {
            assembly.problem(kind, protocol).ifPresent(p -> problems.add("/protocol", doc.mark("/protocol"), p));
        }
    }

    /** The reset line drives its own GPIO output: on the power pin it would cut the supply instead. */
    private static void resetPin(MarkedDocument doc, Problems problems) {
        JsonNode reset = doc.at("/power/reset/pin");
        JsonNode power = doc.at("/power/pin");
        if (reset.isInt() && power.isInt() && reset.intValue() == power.intValue()
                && !problems.touches("/power/reset/pin") && !problems.touches("/power/pin")) {
            problems.add("/power/reset/pin", doc.mark("/power/reset/pin"), "power.reset.pin: " + reset.intValue()
                    + " is the power pin (the reset line needs a GPIO output of its own)");
        }
    }

    static Duration duration(MarkedDocument doc, String pointer, Duration fallback, Problems problems) {
        JsonNode n = doc.at(pointer);
        if (n.isMissingNode() || problems.touches(pointer)) {
            return fallback;
        }
        try {
            return Quantities.duration(text(n));
        } catch (IllegalArgumentException e) {
            problems.add(pointer, doc.mark(pointer), Pointers.dotted(pointer) + ": " + e.getMessage());
            return fallback;
        }
    }

    /** Reset active level defaults to low: most reset inputs are nRESET. */
    static RigSpec.ResetSpec reset(JsonNode reset) {
        if (!reset.isObject() || !reset.has("pin")) {
            return null;
        }
        return new RigSpec.ResetSpec(reset.path("pin").asInt(), "high".equals(reset.path("active").asText("low")));
    }

    private static Path folder(MarkedDocument doc, Path rigDir, Problems problems) {
        String text = doc.at("/root").asText();
        try {
            Path dir = rigDir.resolve(text).normalize();
            if (Files.isDirectory(dir)) {
                return dir;
            }
            problems.add("/root", doc.mark("/root"), "root: '" + text + "' is not a directory (looked for " + dir + ")");
        } catch (InvalidPathException e) {
            problems.add("/root", doc.mark("/root"), "root: '" + text + "' is not a valid path (" + e.getReason() + ")");
        }
        return null;
    }

    /** A file a qemu device boots from (firmware, environment), resolved against the root; null if absent. */
    private static Path fixture(MarkedDocument doc, Path base, String pointer, Problems problems) {
        if (!doc.at(pointer).isTextual() || problems.touches(pointer)) {
            return null;
        }
        String text = doc.at(pointer).asText();
        try {
            Path file = base.resolve(text).normalize();
            if (Files.isRegularFile(file)) {
                return file;
            }
            problems.add(pointer, doc.mark(pointer), Pointers.dotted(pointer) + ": '" + text
                    + "' does not exist (looked for " + file + ")");
        } catch (InvalidPathException e) {
            problems.add(pointer, doc.mark(pointer), Pointers.dotted(pointer) + ": '" + text
                    + "' is not a valid path (" + e.getReason() + ")");
        }
        return null;
    }

    private static Path trustKey(MarkedDocument doc, Path base, Problems problems) {
        String text = doc.at("/keys/trust").asText();
        try {
            Path key = base.resolve(text).normalize();
            if (Files.isRegularFile(key)) {
                return key;
            }
            problems.add("/keys/trust", doc.mark("/keys/trust"), "keys.trust: '" + text
                    + "' does not exist (looked for " + key + ")");
        } catch (InvalidPathException e) {
            problems.add("/keys/trust", doc.mark("/keys/trust"), "keys.trust: '" + text + "' is not a valid path ("
                    + e.getReason() + ")");
        }
        return null;
    }

    /** Compiles each phase regex now, so a typo fails before the first device run, not during it. */
    private static Map<String, String> phases(MarkedDocument doc, Problems problems) {
        Map<String, String> phases = new LinkedHashMap<>();
        doc.at("/phases").properties().forEach(e -> {
            String pointer = Pointers.child("/phases", e.getKey());
            if (!e.getValue().isTextual() || problems.touches(pointer)) {
                return;
            }
            try {
                Pattern.compile(e.getValue().asText());
                phases.put(e.getKey(), e.getValue().asText());
            } catch (PatternSyntaxException x) {
                problems.add(pointer, doc.mark(pointer), Pointers.dotted(pointer) + ": '" + x.getPattern()
                        + "' is not a regular expression (" + x.getDescription() + " near index " + x.getIndex() + ")");
            }
        });
        return phases;
    }

    static String text(JsonNode n) {
        return n.isBigDecimal() ? n.decimalValue().toPlainString() : n.asText();
    }
}
