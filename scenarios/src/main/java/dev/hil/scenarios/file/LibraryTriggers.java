package dev.hil.scenarios.file;

import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.Scenario;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A suite whose {@code hil-suite.yaml} says {@code library: true} states what every correct device
 * of its protocol must do, so its triggers may only use rig-mapped phases or what the host sees: a
 * {@code log:} trigger matches one device's texts and is a false alarm (or a fault that never
 * fires) on another correct board. Such triggers are warned about, not refused: a lab's own suite
 * may mean one board.
 */
public final class LibraryTriggers {
    private LibraryTriggers() {
    }

    /** Whether the suite rooted at {@code suiteRoot} is marked {@code library: true}. */
    public static boolean isLibrary(Path suiteRoot) {
        Path marker = suiteRoot.resolve(SuiteRoot.MARKER);
        if (!Files.isRegularFile(marker)) {
            return false;
        }
        try (Reader r = Files.newBufferedReader(marker)) {
            Object doc = new Load(LoadSettings.builder().build()).loadFromReader(r);
            return doc instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("library"));
        } catch (IOException | RuntimeException e) {
            return false; // the marker's own problem is reported where it is read for the suite
        }
    }

    /** "file:line:col: ..." for every log trigger of a library scenario's faults; none elsewhere. */
    public static List<String> warnings(Scenario s) {
        List<String> out = new ArrayList<>();
        if (!isLibrary(s.suiteRoot())) {
            return out;
        }
        for (FaultSpec f : s.faults()) {
            List<Object> patterns = new ArrayList<>();
            logTriggers(f.params().get("at"), patterns);
            for (Object regex : patterns) {
                out.add(f.mark() + ": " + f.kind() + " triggers on the device log /" + regex + "/ in library suite "
                        + s.suiteRoot() + ": a library scenario must hold on any correct board; use a rig-mapped"
                        + " phase ({phase: NAME}) or what the host sees (bytes, transferred, after, random)");
            }
        }
        return out;
    }

    /** Collects the patterns of {@code log} triggers in a trigger and its compositions. */
    private static void logTriggers(Object trigger, List<Object> into) {
        if (trigger instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if ("log".equals(k)) {
                    into.add(v);
                } else {
                    logTriggers(v, into);
                }
            });
        } else if (trigger instanceof List<?> l) {
            l.forEach(t -> logTriggers(t, into));
        }
    }
}
