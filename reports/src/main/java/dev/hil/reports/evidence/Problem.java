package dev.hil.reports.evidence;

/**
 * One way a results directory differs from what was sealed, phrased for an auditor's log:
 * {@code "changed: attachments/x.txt (sha256 ab.. expected cd..)"}.
 */
public record Problem(Kind kind, String subject, String detail) {
    public enum Kind {
        MISSING_MANIFEST("missing manifest"),
        MISSING_SIGNATURE("missing signature"),
        MALFORMED_SIGNATURE("malformed signature"),
        MALFORMED_MANIFEST("malformed manifest"),
        MANIFEST_EDITED("manifest edited"),
        BAD_SIGNATURE("bad signature"),
        CERTIFICATE_NOT_VALID("certificate not valid"),
        FOREIGN_SIGNER("signed by another key"),
        UNTRUSTED_SIGNER("untrusted signer"),
        CHANGED("changed"),
        REMOVED("removed"),
        ADDED("added"),
        INPUT_CHANGED("input changed"),
        INPUT_MISSING("input missing");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Override
    public String toString() {
        return kind.label + ": " + printable(subject) + (detail.isEmpty() ? "" : " (" + printable(detail) + ")");
    }

    /** A planted file name with a newline must not forge a second line of the report. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
