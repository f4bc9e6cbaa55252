package dev.hil.core.fault;

import java.util.Set;

/**
 * SPI (ServiceLoader): builds faults from their scenario-file description. Throwing
 * {@link IllegalArgumentException} reports a bad parameter; the caller adds file and line.
 */
public interface FaultFactory {
    /** Fault kinds this factory builds, as written in scenario files. */
    Set<String> kinds();

    Fault create(dev.hil.core.scenario.FaultSpec spec);
}
