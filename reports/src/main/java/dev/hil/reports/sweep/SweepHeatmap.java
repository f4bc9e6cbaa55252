package dev.hil.reports.sweep;

import dev.hil.core.run.Status;
import java.util.List;
import java.util.Locale;

/**
 * Renders a sweep as an SVG strip: one cell per point, left to right in sweep order; colour is
 * where the device came back (old / new / bricked / timeout), opacity the recovery time as a share
 * of the budget (pale = quick, solid = at the budget or never). Points that failed their
 * scenario's expectation get a red frame. Plain SVG with inline colours: Allure shows it as an image.
 */
public final class SweepHeatmap {
    private static final int CELL = 28;
    private static final int GAP = 2;
    private static final int LEFT = 16;
    private static final int TOP = 44;
    private static final double PALEST = 0.3;

    private SweepHeatmap() {
    }

    /** @param caption e.g. "UPD-PWR-SWEEP: power lost during the upload (seed 7)" */
    public static String render(String caption, String parameter, List<SweepPoint> points) {
        // Wide enough for every cell and for the caption (about 7 px per character at 13 px bold).
        int width = Math.max(LEFT * 2 + points.size() * (CELL + GAP), Math.max(560, LEFT * 2 + caption.length() * 8));
        int legendTop = TOP + CELL + 60;
        int height = legendTop + PointOutcome.values().length * 18 + 30;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.append("  <title>").append(esc(caption)).append("</title>\n");
        svg.append("  <text x=\"").append(LEFT).append("\" y=\"18\" font-size=\"13\" font-weight=\"bold\">")
                .append(esc(caption)).append("</text>\n");
        svg.append("  <text x=\"").append(LEFT).append("\" y=\"34\">").append(points.size()).append(" points over ")
                .append(esc(parameter)).append("; colour = where the device came back, shade = recovery time / budget")
                .append("</text>\n");
        for (int i = 0; i < points.size(); i++) {
            SweepPoint p = points.get(i);
            int x = LEFT + i * (CELL + GAP);
            double opacity = PALEST + (1 - PALEST) * p.budgetShare();
            boolean failed = p.status() != Status.PASSED;
            svg.append("  <rect class=\"point ").append(p.outcome().cssClass()).append(failed ? " failed" : "")
                    .append("\" data-point=\"").append(esc(p.label())).append("\" data-status=\"")
                    .append(p.status().name().toLowerCase(Locale.ROOT)).append("\" x=\"").append(x).append("\" y=\"")
                    .append(TOP).append("\" width=\"").append(CELL).append("\" height=\"").append(CELL)
                    .append("\" fill=\"").append(p.outcome().colour()).append("\" fill-opacity=\"")
                    .append(String.format(Locale.ROOT, "%.2f", opacity)).append('"')
                    .append(failed ? " stroke=\"#dc2626\" stroke-width=\"3\"" : "").append(">")
                    .append("<title>").append(esc(tooltip(parameter, p))).append("</title></rect>\n");
            svg.append("  <text x=\"").append(x + CELL / 2).append("\" y=\"").append(TOP + CELL + 12)
                    .append("\" text-anchor=\"end\" transform=\"rotate(-60 ").append(x + CELL / 2).append(' ')
                    .append(TOP + CELL + 12).append(")\">").append(esc(p.label())).append("</text>\n");
        }
        int y = legendTop;
        for (PointOutcome o : PointOutcome.values()) {
            svg.append("  <rect class=\"legend ").append(o.cssClass()).append("\" x=\"").append(LEFT).append("\" y=\"")
                    .append(y).append("\" width=\"12\" height=\"12\" fill=\"").append(o.colour()).append("\"/>")
                    .append("<text x=\"").append(LEFT + 18).append("\" y=\"").append(y + 10).append("\">")
                    .append(esc(o.meaning())).append("</text>\n");
            y += 18;
        }
        svg.append("  <text x=\"").append(LEFT).append("\" y=\"").append(y + 10)
                .append("\">red frame: the point failed its expectation</text>\n");
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String tooltip(String parameter, SweepPoint p) {
        String took = p.recovery().took() == null ? "did not recover"
                : "recovered in " + p.recovery().took().toMillis() + " ms";
        String budget = p.recovery().budget() == null ? "" : " of a " + p.recovery().budget().toMillis() + " ms budget";
        return parameter + "=" + p.label() + ": " + p.outcome().meaning() + "; " + took + budget + "; " + p.status();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
