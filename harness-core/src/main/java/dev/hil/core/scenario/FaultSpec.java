package dev.hil.core.scenario;

import java.util.Map;

/**
 * One entry of a scenario's {@code faults:} list as written: the kind ({@code power-cut}) and its
 * parameters as plain YAML values (maps, lists, strings, numbers, booleans), e.g.
 * {@code {at: {transferred: "50%"}, off-for: "2s"}}.
 */
public record FaultSpec(String kind, Map<String, Object> params, SourceMark mark) {
    public FaultSpec {
        params = Map.copyOf(params);
    }
}
