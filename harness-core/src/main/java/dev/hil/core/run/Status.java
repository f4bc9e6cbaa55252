package dev.hil.core.run;

/**
 * Outcome of a scenario or step. FAILED: the device broke a property the scenario states (a
 * product defect). BROKEN: the harness or rig could not carry the scenario out.
 */
public enum Status { PASSED, FAILED, BROKEN, SKIPPED }
