package dev.hil.reports.allure;

import java.util.Locale;

/** File extension for an attachment's MIME type, so the report viewer and a file browser both open it right. */
final class AttachmentType {
    private AttachmentType() {
    }

    static String extension(String mimeType) {
        if (mimeType == null) {
            return ".bin";
        }
        String base = mimeType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (base) {
            case "text/plain" -> ".txt";
            case "image/svg+xml" -> ".svg";
            case "application/json" -> ".json";
            case "text/csv" -> ".csv";
            case "text/html" -> ".html";
            case "application/xml", "text/xml" -> ".xml";
            case "image/png" -> ".png";
            case "application/yaml", "text/yaml", "application/x-yaml" -> ".yaml";
            default -> ".bin";
        };
    }
}
