package dev.hil.scenarios.qualify;

import dev.hil.core.rig.RigSpec;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The rig a qualification run uses: a copy of the given virtual rig with an unpaced UART (what is
 * qualified is what the scenarios decide about the device, not 115200-baud transfer times, and it
 * keeps nine library runs to minutes), an absolute root (the copy lives elsewhere) and, for a
 * defect mode, the device started with {@code --defect FLAG}.
 */
public final class QualificationRig {
    /** The jar the reference device runs from; qualification is defined against it only. */
    static final String VIRTUAL_DEVICE_JAR = "virtual-device.jar";

    private QualificationRig() {
    }

    /** Why {@code spec} cannot be qualified against, or empty if it is the reference virtual device. */
    public static java.util.Optional<String> problem(RigSpec spec) {
        boolean reference = "process".equals(spec.device().kind())
                && spec.device().command().stream().anyMatch(w -> w.endsWith(VIRTUAL_DEVICE_JAR));
        return reference ? java.util.Optional.empty() : java.util.Optional.of("rig '" + spec.name() + "' (" + spec.file()
                + ") does not run the reference virtual device (a process device whose command runs "
                + VIRTUAL_DEVICE_JAR + "); qualification seeds that device's defects");
    }

    /** Writes {@code dir/rig.yaml} for {@code mode} and returns it. */
    public static Path write(RigSpec spec, DeviceMode mode, Path dir) throws IOException {
        Map<String, Object> rig;
        try (Reader r = Files.newBufferedReader(spec.file())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> loaded = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromReader(r);
            rig = new LinkedHashMap<>(loaded);
        }
        rig.put("name", spec.name() + "-qualify-" + mode.name());
        rig.put("root", spec.root().toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> device = new LinkedHashMap<>((Map<String, Object>) rig.get("device"));
        device.put("baud", "unlimited");
        List<Object> command = new ArrayList<>((List<?>) device.get("command"));
        mode.defect().ifPresent(d -> {
            command.add("--defect");
            command.add(d.flag());
        });
        device.put("command", command);
        rig.put("device", device);
        Files.createDirectories(dir);
        Path file = dir.resolve("rig.yaml");
        String header = "# Written by hil qualify from " + spec.file() + " (unpaced; device mode " + mode.name() + ")\n";
        Files.writeString(file, header + new Dump(DumpSettings.builder().build()).dumpToString(rig));
        return file;
    }
}
