package dev.hil.core.scenario;

/** The two images a scenario knows: the one provisioned first and the one the update brings. */
public enum ImageRole {
    GIVEN, UPDATE;

    public String yamlName() {
        return name().toLowerCase();
    }
}
