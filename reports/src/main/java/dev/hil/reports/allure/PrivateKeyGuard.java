package dev.hil.reports.allure;

import java.nio.charset.StandardCharsets;

/**
 * Refuses attachments carrying a PEM private key (DEVELOPERS rule: private keys are never
 * attached to reports). A cheap marker check, not a secret scanner: it catches the likely slip of
 * attaching a key file or a log that echoed one.
 */
final class PrivateKeyGuard {
    private static final String MARKER = "PRIVATE KEY";

    private PrivateKeyGuard() {
    }

    static void check(String attachmentName, byte[] content) {
        // ISO-8859-1 maps every byte to one char, so the ASCII marker is found in any binary blob too.
        if (new String(content, StandardCharsets.ISO_8859_1).contains(MARKER)) {
            throw new IllegalArgumentException("attachment '" + attachmentName
                    + "' contains a private key; private keys are never attached to reports");
        }
    }
}
