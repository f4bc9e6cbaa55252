package dev.hil.core.fault;

import dev.hil.core.rig.Requirement;
import dev.hil.core.scenario.FaultSpec;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** Every fault kind on the classpath ({@link FaultFactory} services), by scenario-file name. */
public final class FaultCatalog {
    private final Map<String, FaultFactory> byKind = new TreeMap<>();

    public FaultCatalog(Iterable<FaultFactory> factories) {
        for (FaultFactory f : factories) {
            for (String kind : f.kinds()) {
                FaultFactory previous = byKind.putIfAbsent(kind, f);
                if (previous != null) {
                    throw new IllegalStateException("fault kind '" + kind + "' is offered by both "
                            + previous.getClass().getName() + " and " + f.getClass().getName());
                }
            }
        }
    }

    public static FaultCatalog load() {
        return new FaultCatalog(ServiceLoader.load(FaultFactory.class));
    }

    public Set<String> kinds() {
        return byKind.keySet();
    }

    /** @throws IllegalArgumentException "file:line:col: reason" for an unknown kind or bad parameter */
    public Fault create(FaultSpec spec) {
        FaultFactory f = byKind.get(spec.kind());
        if (f == null) {
            throw new IllegalArgumentException(spec.mark() + ": unknown fault '" + spec.kind() + "' (known: "
                    + String.join(", ", kinds()) + ")");
        }
        try {
            return f.create(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(spec.mark() + ": " + spec.kind() + ": " + e.getMessage(), e);
        }
    }

    /**
     * What the fault described by {@code spec} needs of a rig, each need marked with the fault's
     * place in the scenario file.
     *
     * @throws IllegalArgumentException as {@link #create} for an unknown kind or bad parameter
     */
    public List<Requirement> needs(FaultSpec spec) {
        return create(spec).needs().stream().map(c -> new Requirement(c, spec.kind(), spec.mark())).toList();
    }
}
