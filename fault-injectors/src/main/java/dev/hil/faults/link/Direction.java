package dev.hil.faults.link;

/** Which way across the link a fault acts. */
public enum Direction {
    HOST_TO_DEVICE("host-to-device"), DEVICE_TO_HOST("device-to-host"), BOTH("both");

    private final String yamlName;

    Direction(String yamlName) {
        this.yamlName = yamlName;
    }

    public static Direction of(String yamlName) {
        for (Direction d : values()) {
            if (d.yamlName.equals(yamlName)) {
                return d;
            }
        }
        throw new IllegalArgumentException("no direction '" + yamlName + "'");
    }

    public boolean outgoing() {
        return this != DEVICE_TO_HOST;
    }

    public boolean incoming() {
        return this != HOST_TO_DEVICE;
    }

    public String yamlName() {
        return yamlName;
    }
}
