package dev.hil.reports.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.core.run.Recovery;
import dev.hil.core.run.Status;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SweepHeatmapTest {
    private static final Duration BUDGET = Duration.ofSeconds(30);

    private static SweepPoint point(String label, Status status, Recovery.Landing landing, Duration took) {
        return new SweepPoint(label, status, new Recovery(landing, took, BUDGET));
    }

    private static List<Element> pointRects(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        NodeList rects = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element e = (Element) rects.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains("point")) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void oneRectPerPointInSweepOrderWithTheOutcomeColourClass() throws Exception {
        List<SweepPoint> points = List.of(
                point("0%", Status.PASSED, Recovery.Landing.GIVEN, Duration.ofMillis(400)),
                point("10%", Status.PASSED, Recovery.Landing.UPDATE, Duration.ofSeconds(3)),
                point("20%", Status.FAILED, Recovery.Landing.NO_ACTIVE_IMAGE, null),
                point("30%", Status.FAILED, Recovery.Landing.NO_ANSWER, null),
                point("40%", Status.BROKEN, Recovery.Landing.NOT_REACHED, null));

        List<Element> rects = pointRects(SweepHeatmap.render("UPD-X: sweep (seed 7)", "transferred", points));

        assertThat(rects).extracting(e -> e.getAttribute("data-point")).containsExactly("0%", "10%", "20%", "30%", "40%");
        assertThat(rects).extracting(e -> e.getAttribute("class").split(" ")[1])
                .containsExactly("outcome-old", "outcome-new", "outcome-bricked", "outcome-timeout", "outcome-other");
        assertThat(rects).extracting(e -> e.getAttribute("fill"))
                .containsExactly(PointOutcome.OLD.colour(), PointOutcome.NEW.colour(), PointOutcome.BRICKED.colour(),
                        PointOutcome.TIMEOUT.colour(), PointOutcome.OTHER.colour());
        assertThat(rects.get(0).getAttribute("class")).doesNotContain("failed");
        assertThat(rects.get(2).getAttribute("class")).contains("failed");
    }

    @Test
    void shadeGrowsWithRecoveryTimeAgainstTheBudget() throws Exception {
        List<SweepPoint> points = List.of(
                point("1", Status.PASSED, Recovery.Landing.GIVEN, Duration.ZERO),
                point("2", Status.PASSED, Recovery.Landing.GIVEN, Duration.ofSeconds(15)),
                point("3", Status.PASSED, Recovery.Landing.GIVEN, Duration.ofSeconds(45)));

        List<Double> opacity = pointRects(SweepHeatmap.render("UPD-X", "nth", points)).stream()
                .map(e -> Double.parseDouble(e.getAttribute("fill-opacity"))).toList();

        assertThat(opacity.get(0)).isLessThan(opacity.get(1));
        assertThat(opacity.get(1)).isLessThan(opacity.get(2));
        assertThat(opacity.get(2)).isEqualTo(1.0); // over budget reads as solid, like never
    }

    @Test
    void captionAndLabelsAreEscaped() throws Exception {
        String svg = SweepHeatmap.render("A<B & \"C\"", "x", List.of(point("<1>", Status.PASSED,
                Recovery.Landing.GIVEN, Duration.ofMillis(1))));
        assertThat(pointRects(svg)).extracting(e -> e.getAttribute("data-point")).containsExactly("<1>");
    }
}
