package dev.hil.reports.evidence;

/**
 * One line of the manifest: a file of the run (relative to the results directory) or an input it
 * was run from (relative to the project root), with the hash and size it had when sealed.
 */
public record ManifestEntry(Origin origin, String path, long size, String sha256) {
    public enum Origin {
        RESULT("result"), INPUT("input");

        private final String word;

        Origin(String word) {
            this.word = word;
        }

        /** The word in the manifest's third column. */
        public String word() {
            return word;
        }

        static Origin fromWord(String word) {
            for (Origin o : values()) {
                if (o.word.equals(word)) {
                    return o;
                }
            }
            throw new IllegalArgumentException(word);
        }
    }

    /** Results sort before inputs, then by path in UTF-16 order: stable on every machine and locale. */
    static int compare(ManifestEntry a, ManifestEntry b) {
        int c = a.origin.compareTo(b.origin);
        return c != 0 ? c : a.path.compareTo(b.path);
    }

    boolean matches(FileDigest d) {
        return d.size() == size && d.sha256().equals(sha256);
    }
}
