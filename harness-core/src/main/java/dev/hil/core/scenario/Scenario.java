package dev.hil.core.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed, validated scenario file (design.md section 4). Paths are absolute and were checked
 * to stay inside {@link #suiteRoot()}.
 */
public record Scenario(String id, String title, Traceability traceability, Path file, Path suiteRoot,
                       Given given, When when, List<FaultSpec> faults, Then then,
                       Map<String, String> parameters) {

    public Scenario {
        faults = List.copyOf(faults);
        parameters = Map.copyOf(parameters);
    }

    public record Traceability(List<String> requirements, List<String> risks) {
        public Traceability {
            requirements = List.copyOf(requirements);
            risks = List.copyOf(risks);
        }
    }

    /** {@code state} is optional device state such as {@code therapy: active}. */
    public record Given(Path running, Map<String, String> state) {
        public Given {
            state = Map.copyOf(state);
        }
    }

    public record When(Path updateImage) {
    }

    /**
     * {@code recoversTo} is the set of images the device may come back on ({@code any-of}); empty
     * when the file has no {@code recovers}.
     */
    public record Then(Set<ImageRole> recoversTo, Duration within, boolean verified, boolean rejected) {
        public Then {
            recoversTo = Set.copyOf(recoversTo);
        }
    }

    /** A copy for one sweep point: different faults, an id suffix and the point as a parameter. */
    public Scenario withPoint(String idSuffix, List<FaultSpec> pointFaults, Map<String, String> pointParameters) {
        return new Scenario(id + idSuffix, title, traceability, file, suiteRoot, given, when, pointFaults, then,
                pointParameters);
    }
}
