package dev.hil.scenarios.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hil.core.rig.BenchWiring;
import dev.hil.core.rig.DeviceProfile;
import dev.hil.core.rig.ProvisionSpec;
import dev.hil.core.rig.RigSpec;
import dev.hil.core.rig.SafeState;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a rig file that describe a real bench (design.md section 5): the board's port, the
 * power driver's wiring, the device profile, the provisioning strategy and the safe state. The
 * schema has checked their shapes; this turns them into the rig's records and checks what a schema
 * cannot (sizes, a flasher without {@code ${image}}, a recovery strategy without a boot-mode line).
 */
final class BenchFields {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|K|M)?");

    private final MarkedDocument doc;
    private final Path base;
    private final Problems problems;

    BenchFields(MarkedDocument doc, Path base, Problems problems) {
        this.doc = doc;
        this.base = base;
        this.problems = problems;
    }

    /** The serial board's port and log, or null for a device that has none in the file. */
    RigSpec.PortSpec port() {
        if (!doc.at("/device/port").isTextual() || problems.touches("/device/port")) {
            return null;
        }
        return new RigSpec.PortSpec(path("/device/port"), doc.at("/device/parity").asText("none"),
                doc.at("/device/flow-control").asText("none"),
                doc.at("/device/log").isTextual() ? path("/device/log") : null);
    }

    BenchWiring wiring() {
        JsonNode settle = doc.at("/power/settle");
        Duration on = Duration.ZERO;
        Duration off = Duration.ZERO;
        if (settle.isObject()) {
            on = RigFiles.duration(doc, "/power/settle/on", Duration.ZERO, problems);
            off = RigFiles.duration(doc, "/power/settle/off", Duration.ZERO, problems);
        } else if (!settle.isMissingNode()) {
            on = RigFiles.duration(doc, "/power/settle", Duration.ZERO, problems);
            off = on;
        }
        Path gpio = doc.at("/power/gpio").isTextual() ? path("/power/gpio") : null;
        BenchWiring.CommandSpec command = new BenchWiring.CommandSpec(argv("/power/on"), argv("/power/off"),
                argv("/power/cycle"), argv("/power/state"), argv("/power/reset/hold"), argv("/power/reset/release"),
                argv("/power/boot-mode/hold"), argv("/power/boot-mode/release"));
        BenchWiring.PduSpec pdu = "pdudaemon".equals(doc.at("/power/kind").asText())
                ? new BenchWiring.PduSpec(doc.at("/power/host").asText(), doc.at("/power/port").asInt(),
                doc.at("/power/pdu").asText(), doc.at("/power/outlet").asText())
                : null;
        String kind = doc.at("/power/kind").asText();
        for (String line : List.of("/power/reset", "/power/boot-mode")) {
            boolean pinForm = doc.at(line + "/pin").isInt();
            boolean commandForm = doc.at(line + "/hold").isArray();
            if (!"pi4j".equals(kind) && pinForm || "pi4j".equals(kind) && commandForm) {
                problems.add(line, doc.mark(line), Pointers.dotted(line) + ": a " + kind + " driver takes "
                        + ("pi4j".equals(kind) ? "a pin" : "hold/release commands (a PDU switches outlets, not pins)")
                        + " here");
            }
        }
        return new BenchWiring(gpio, RigFiles.reset(doc.at("/power/boot-mode")), on, off, command, pdu);
    }

    DeviceProfile profile() {
        long slot = size("/profile/slot-size");
        long sector = size("/profile/sector-size");
        try {
            return new DeviceProfile(slot, sector);
        } catch (IllegalArgumentException e) {
            problems.add("/profile", doc.mark("/profile"), "profile: " + e.getMessage());
            return DeviceProfile.UNKNOWN;
        }
    }

    /** Default: erase for boards the harness launches (process, qemu), update for a real board. */
    ProvisionSpec provision() {
        JsonNode p = doc.at("/provision/strategy");
        if (!p.isTextual() || problems.touches("/provision")) {
            return "serial".equals(doc.at("/device/kind").asText()) ? ProvisionSpec.UPDATE : ProvisionSpec.ERASE;
        }
        ProvisionSpec.Strategy strategy = ProvisionSpec.Strategy.valueOf(p.asText().toUpperCase(Locale.ROOT));
        if (strategy == ProvisionSpec.Strategy.ERASE && "serial".equals(doc.at("/device/kind").asText())) {
            problems.add("/provision/strategy", doc.mark("/provision/strategy"), "provision.strategy: a serial board"
                    + " cannot be erased from the harness (use update, recovery or command)");
            return ProvisionSpec.UPDATE;
        }
        List<String> command = argv("/provision/command");
        if (strategy == ProvisionSpec.Strategy.COMMAND && command.stream().noneMatch(w -> w.contains("${image}"))) {
            problems.add("/provision/command", doc.mark("/provision/command"),
                    "provision.command: names no ${image} (the flasher must be told which image to write)");
            return ProvisionSpec.UPDATE;
        }
        boolean bootMode = doc.at("/power/boot-mode").isObject();
        if (strategy == ProvisionSpec.Strategy.RECOVERY && !bootMode) {
            problems.add("/provision/strategy", doc.mark("/provision/strategy"), "provision.strategy: recovery"
                    + " needs a boot-mode line (power.boot-mode) to enter the bootloader's serial recovery");
        }
        if (strategy == ProvisionSpec.Strategy.RECOVERY && !doc.at("/power/reset").isObject()) {
            problems.add("/provision/strategy", doc.mark("/provision/strategy"), "provision.strategy: recovery"
                    + " needs a reset line (power.reset) to restart the board with the boot-mode line held");
        }
        if (strategy == ProvisionSpec.Strategy.COMMAND && !doc.at("/power/reset").isObject()) {
            problems.add("/provision/strategy", doc.mark("/provision/strategy"), "provision.strategy: command"
                    + " needs a reset line (power.reset): the flasher runs with the board held in reset");
        }
        return new ProvisionSpec(strategy, command);
    }

    SafeState safeState() {
        return new SafeState("on".equals(doc.at("/safe-state/power").asText("off")),
                "held".equals(doc.at("/safe-state/reset").asText("released")));
    }

    private List<String> argv(String pointer) {
        List<String> words = new ArrayList<>();
        doc.at(pointer).forEach(w -> words.add(w.asText()));
        return words;
    }

    private Path path(String pointer) {
        String text = doc.at(pointer).asText();
        try {
            return base == null ? Path.of(text) : base.resolve(text).normalize();
        } catch (InvalidPathException e) {
            problems.add(pointer, doc.mark(pointer), Pointers.dotted(pointer) + ": '" + text + "' is not a valid path ("
                    + e.getReason() + ")");
            return null;
        }
    }

    private long size(String pointer) {
        JsonNode n = doc.at(pointer);
        if (n.isMissingNode() || problems.touches(pointer)) {
            return 0;
        }
        if (n.isIntegralNumber()) {
            return n.longValue();
        }
        Matcher m = SIZE.matcher(n.asText().trim());
        if (!m.matches()) {
            problems.add(pointer, doc.mark(pointer), Pointers.dotted(pointer) + ": '" + n.asText()
                    + "' is not a size (write bytes, or e.g. 60KiB, 1MiB)");
            return 0;
        }
        long v = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        return switch (unit) {
            case "KiB", "K" -> v * 1024;
            case "MiB", "M" -> v * 1024 * 1024;
            default -> v;
        };
    }
}
