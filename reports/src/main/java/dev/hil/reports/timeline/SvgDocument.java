package dev.hil.reports.timeline;

import java.util.Locale;

/**
 * A growing SVG text. Everything that came from a device or a scenario file goes through
 * {@link #text}: device logs can hold markup characters and control bytes XML forbids.
 */
final class SvgDocument {
    private final StringBuilder body = new StringBuilder();

    SvgDocument raw(String markup) {
        body.append(markup).append('\n');
        return this;
    }

    /** Opens an element with attributes given as name/value pairs; numbers are formatted compactly. */
    SvgDocument open(String element, Object... attributes) {
        body.append('<').append(element);
        attributes(attributes);
        body.append(">");
        return this;
    }

    SvgDocument close(String element) {
        body.append("</").append(element).append(">\n");
        return this;
    }

    /** A self-closed element, or one holding a tooltip when {@code tooltip} is not null. */
    SvgDocument element(String element, String tooltip, Object... attributes) {
        body.append('<').append(element);
        attributes(attributes);
        if (tooltip == null) {
            body.append("/>\n");
        } else {
            body.append("><title>").append(text(tooltip)).append("</title></").append(element).append(">\n");
        }
        return this;
    }

    SvgDocument label(double x, double y, String content, Object... attributes) {
        body.append("<text x=\"").append(number(x)).append("\" y=\"").append(number(y)).append('"');
        attributes(attributes);
        body.append('>').append(text(content)).append("</text>\n");
        return this;
    }

    private void attributes(Object[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            Object v = attributes[i + 1];
            String value = v instanceof Double d ? number(d) : String.valueOf(v);
            body.append(' ').append(attributes[i]).append("=\"").append(text(value)).append('"');
        }
    }

    static String number(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String text(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    boolean allowed = c == '\n' || c == '\t' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF
                            && !Character.isSurrogate(c));
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else {
                        out.append(allowed ? c : '\uFFFD');
                    }
                }
            }
        }
        return out.toString();
    }

    String finish(int width, int height, String title) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"DejaVu Sans, Arial, sans-serif\""
                + " font-size=\"12\">\n<title>" + text(title) + "</title>\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n" + body + "</svg>\n";
    }
}
