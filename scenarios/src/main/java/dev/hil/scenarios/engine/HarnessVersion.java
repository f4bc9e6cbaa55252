package dev.hil.scenarios.engine;

/** The harness version from the jar manifest (the Maven version), for reports. */
final class HarnessVersion {
    private HarnessVersion() {
    }

    static String get() {
        String v = HarnessVersion.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev (not built as a jar)";
    }
}
