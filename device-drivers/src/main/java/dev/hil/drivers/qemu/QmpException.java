package dev.hil.drivers.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** QEMU refused a QMP command; the message carries QEMU's error class and description. */
public final class QmpException extends IOException {
    private final String errorClass;

    QmpException(String command, JsonNode error) {
        super("QMP " + command + " failed: " + error.path("class").asText("?") + ": " + error.path("desc").asText(""));
        this.errorClass = error.path("class").asText("");
    }

    /** QEMU's error class, e.g. {@code CommandNotFound}, {@code GenericError}. */
    public String errorClass() {
        return errorClass;
    }
}
