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

    /**
     * {@code authorize}: when the harness, acting as the therapy owner, releases the device's update
     * lock ({@code when.update.authorize}); {@link Authorize#NEVER} when the file does not say.
     */
    public record When(Path updateImage, Authorize authorize) {
        public When(Path updateImage) {
            this(updateImage, Authorize.NEVER);
        }
    }

    /** When the update is authorized on the device (the therapy owner's release of its update lock). */
    public enum Authorize {
        /** Not at all: a device in therapy must refuse the update. */
        NEVER("never"),
        /** Once the image is staged, before it is marked for test and the device reset. */
        AFTER_UPLOAD("after-upload");

        private final String yamlName;

        Authorize(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        public static Authorize byYamlName(String name) {
            for (Authorize a : values()) {
                if (a.yamlName.equals(name)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown authorize value '" + name + "'");
        }
    }

    /**
     * {@code recoversTo} is the set of images the device may come back on ({@code any-of}); empty
     * when the file has no {@code recovers}. {@code signatureCheck}: the budget every image check
     * the device logs during the update must keep ({@code then.signature-check.within}), or null.
     */
    public record Then(Set<ImageRole> recoversTo, Duration within, boolean verified, boolean rejected,
                       TimeBudget signatureCheck) {
        public Then {
            recoversTo = Set.copyOf(recoversTo);
        }

        public Then(Set<ImageRole> recoversTo, Duration within, boolean verified, boolean rejected) {
            this(recoversTo, within, verified, rejected, null);
        }
    }

    /** A duration the device must keep, and where the scenario file states it (for error messages). */
    public record TimeBudget(Duration within, SourceMark mark) {
    }

    /** A copy whose given and update images are {@code resolve}d (a rig's own geometry images). */
    public Scenario withImages(java.util.function.UnaryOperator<Path> resolve) {
        return new Scenario(id, title, traceability, file, suiteRoot,
                new Given(resolve.apply(given.running()), given.state()),
                new When(resolve.apply(when.updateImage()), when.authorize()), faults, then, parameters);
    }

    /** A copy for one sweep point: different faults, an id suffix and the point as a parameter. */
    public Scenario withPoint(String idSuffix, List<FaultSpec> pointFaults, Map<String, String> pointParameters) {
        return new Scenario(id + idSuffix, title, traceability, file, suiteRoot, given, when, pointFaults, then,
                pointParameters);
    }
}
