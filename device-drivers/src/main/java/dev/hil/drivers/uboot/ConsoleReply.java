package dev.hil.drivers.uboot;

import java.nio.charset.StandardCharsets;

/**
 * What U-Boot prints in answer to one command line: the echo of the line, the output, then the
 * prompt {@code "=> "} at the start of a line with nothing after it. The prompt text alone is not
 * enough: {@code crc32} prints {@code "... ==> 7617f2e2"}, which contains "=> " mid-line.
 */
final class ConsoleReply {
    static final String PROMPT = "=> ";

    private final StringBuilder text = new StringBuilder();

    /** Appends console bytes (ISO-8859-1: U-Boot's output is bytes, and this never fails to decode). */
    void add(byte[] data, int len) {
        for (int i = 0; i < len; i++) {
            char c = (char) (data[i] & 0xFF);
            if (c != '\r') {
                text.append(c);
            }
        }
    }

    /** The console sits at a fresh prompt: the text ends with "=> " that starts a line. */
    boolean atPrompt() {
        int n = text.length();
        if (n < PROMPT.length() || !text.substring(n - PROMPT.length()).equals(PROMPT)) {
            return false;
        }
        return n == PROMPT.length() || text.charAt(n - PROMPT.length() - 1) == '\n';
    }

    boolean contains(String s) {
        return text.indexOf(s) >= 0;
    }

    /**
     * The output of {@code command}: text after the echoed command line, before the final
     * prompt, lines joined with '\n' and without a trailing one.
     */
    String output(String command) {
        String all = text.toString();
        int echo = all.indexOf(command);
        int start = echo < 0 ? 0 : all.indexOf('\n', echo + command.length());
        start = start < 0 ? all.length() : start + 1;
        int end = atPrompt() ? all.length() - PROMPT.length() : all.length();
        if (end < start) {
            return "";
        }
        String out = all.substring(start, end);
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
