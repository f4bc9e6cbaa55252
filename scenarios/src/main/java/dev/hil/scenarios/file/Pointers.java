package dev.hil.scenarios.file;

/**
 * JSON pointers (RFC 6901) as keys into a document's marks, and their dotted form for messages
 * ({@code /faults/0/power-cut/at} reads {@code faults[0].power-cut.at}).
 */
final class Pointers {
    private Pointers() {
    }

    static String child(String parent, String name) {
        return parent + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    static String child(String parent, int index) {
        return parent + "/" + index;
    }

    /** True if {@code inner} is {@code outer} or lies below it. */
    static boolean within(String inner, String outer) {
        return inner.equals(outer) || inner.startsWith(outer + "/");
    }

    static String dotted(String pointer) {
        if (pointer.isEmpty()) {
            return "(top level)";
        }
        StringBuilder out = new StringBuilder();
        for (String raw : pointer.substring(1).split("/", -1)) {
            String name = raw.replace("~1", "/").replace("~0", "~");
            if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                out.append('[').append(name).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(name);
            }
        }
        return out.toString();
    }
}
