package dev.hil.reports.timeline;

import static dev.hil.reports.timeline.RecordedCase.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.core.run.FailureCode;
import dev.hil.core.run.Status;
import dev.hil.core.timeline.Timeline;
import dev.hil.core.timeline.TimelineEvent;
import dev.hil.core.timeline.TimelineEvent.PowerChanged;
import java.time.Duration;
import java.util.OptionalLong;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class TimelineSvgTest {
    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    @Test
    void doubleCutShowsBothFaultsWithTriggerAndExactPoint() throws Exception {
        String svg = TimelineSvg.render("UPD-PWR-DOUBLE", RecordedCase.doubleCutEvents());
        keepForLooking("double-cut.svg", svg);

        Document doc = parse(svg);
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(SVG_NS);
        List<String> texts = texts(doc, "//*[local-name()='text']");
        assertThat(texts).contains("power-cut @ transferred 40%", "byte 9903 of 24759 · 6237.366 ms",
                "power-cut @ phase boot", "byte 9903 · 7550.491 ms");
        assertThat(texts).anyMatch(t -> t.startsWith("recovered in 239 ms of a 30 s budget (0.8 %)"));
        assertThat(texts).contains("provision images/app-1.0.0.signed", "recovery", "off", "on");
        // Too narrow for its name, the verify band still names itself on hover.
        assertThat(texts(doc, "//*[local-name()='rect']/*[local-name()='title']")).anyMatch(t -> t.startsWith("verify\n"));
        assertThat(texts).contains("24759 / 24759 B").anyMatch(t -> t.matches("9\\d{3} / 24759 B"));
        // Self-contained: nothing the browser would fetch.
        assertThat(svg).doesNotContain("href").doesNotContain("<script").doesNotContain("url(");
    }

    @Test
    void deviceLogLinesAreTicksWhoseTooltipsCarryTheLines() throws Exception {
        Document doc = parse(TimelineSvg.render("x", RecordedCase.doubleCutEvents()));
        List<String> tooltips = texts(doc, "//*[local-name()='g']/*[local-name()='title']");
        assertThat(tooltips).anyMatch(t -> t.contains("7548.709 ms  boot: slot 0 version 1.0.0"));
        assertThat(tooltips).anyMatch(t -> t.contains("13717.399 ms  boot: start"));
    }

    @Test
    void logLinesSharingAPixelAreGroupedIntoOneTickNotDropped() throws Exception {
        List<Timeline.Event> burst = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            burst.add(event(500 + i * 0.01, new TimelineEvent.DeviceLogged("flash: write sector 0 off " + i * 256)));
        }
        burst.add(event(10_000, new TimelineEvent.Verdict(Status.PASSED, null, null)));
        Document doc = parse(TimelineSvg.render("burst", burst));
        List<String> tooltips = texts(doc, "//*[local-name()='g']/*[local-name()='title']");
        assertThat(tooltips).hasSize(1);
        assertThat(tooltips.get(0)).contains("flash: write sector 0 off 0").endsWith("… and 18 more lines");
    }

    @Test
    void powerLaneFollowsSwitchesAndCuts() {
        List<PowerLane.State> states = PowerLane.of(RecordedCase.doubleCutEvents(), 13844.478).spans().stream()
                .map(PowerLane.Span::state).toList();
        assertThat(states).containsExactly(PowerLane.State.UNKNOWN, PowerLane.State.ON, PowerLane.State.OFF,
                PowerLane.State.ON, PowerLane.State.OFF, PowerLane.State.ON, PowerLane.State.OFF);
        PowerLane.Span firstCut = PowerLane.of(RecordedCase.doubleCutEvents(), 13844.478).spans().get(2);
        assertThat(firstCut.fromMillis()).isEqualTo(6248.624, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(firstCut.toMillis()).isEqualTo(7260.702, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void brownoutDipsAreOffSpansInThePowerLane() {
        // What Brownout records for two dips of 300 ms, 1 s apart.
        List<Timeline.Event> events = List.of(event(1, new PowerChanged(true, "flash erased")),
                event(100, new PowerChanged(false, "brownout dip 1 of 2 (trigger: transferred 50%; image byte 2048 of"
                        + " 4096 written)")),
                event(400, new PowerChanged(true, "after 300 ms off (brownout dip 1)")),
                event(1100, new PowerChanged(false, "brownout dip 2 of 2 (2048 image bytes written)")),
                event(1400, new PowerChanged(true, "after 300 ms off (brownout dip 2)")));
        List<PowerLane.Span> spans = PowerLane.of(events, 2000).spans();
        assertThat(spans).extracting(PowerLane.Span::state).containsExactly(PowerLane.State.UNKNOWN,
                PowerLane.State.ON, PowerLane.State.OFF, PowerLane.State.ON, PowerLane.State.OFF, PowerLane.State.ON);
        assertThat(spans.get(2).fromMillis()).isEqualTo(100.0);
        assertThat(spans.get(2).toMillis()).isEqualTo(400.0);
    }

    @Test
    void failedPowerSwitchDoesNotChangeTheLane() {
        List<Timeline.Event> events = List.of(event(1, new PowerChanged(true, "flash erased")),
                event(5, new TimelineEvent.PowerSwitchFailed(false, "java.io.IOException")));
        assertThat(PowerLane.of(events, 10).spans()).extracting(PowerLane.Span::state)
                .containsExactly(PowerLane.State.UNKNOWN, PowerLane.State.ON);
    }

    @Test
    void aFaultMarkerTakesTriggerAndObservationFromTheEventsFields() {
        List<Timeline.Event> events = List.of(event(1, new TimelineEvent.FaultArmed("power-cut", "log /retry at boot/")),
                event(9, new TimelineEvent.FaultFired("power-cut", "log /retry at boot/", "device log: retry at boot 3",
                        OptionalLong.empty(), OptionalLong.empty())));
        FaultMarker f = FaultMarker.of(events).get(0);
        assertThat(f.kind()).isEqualTo("power-cut");
        assertThat(f.trigger()).isEqualTo("log /retry at boot/");
        assertThat(f.observed()).isEqualTo("device log: retry at boot 3");
        assertThat(f.imageByte()).isEmpty();
        assertThat(f.where()).isEqualTo("9.000 ms");
    }

    @Test
    void uploadCurveComesFromTheAcksAndFallsBackToEventByteCounts() {
        List<UploadProgress.Upload> measured = UploadProgress.of(RecordedCase.doubleCutEvents());
        assertThat(measured).hasSize(2).allMatch(UploadProgress.Upload::measured);
        assertThat(last(measured.get(0))).isEqualTo(24759);
        assertThat(last(measured.get(1))).isBetween(9000L, 9903L);

        List<Timeline.Event> withoutAcks = new ArrayList<>(RecordedCase.doubleCutMilestones());
        withoutAcks.add(6, event(4627.0, new TimelineEvent.UploadStarted(24759)));
        List<UploadProgress.Upload> sparse = UploadProgress.of(withoutAcks);
        assertThat(sparse).hasSize(1);
        assertThat(sparse.get(0).measured()).isFalse();
        assertThat(sparse.get(0).samples()).extracting(UploadProgress.Sample::bytes).containsExactly(0L, 9903L);
        assertThat(sparse.get(0).totalBytes()).isEqualTo(24759);
    }

    @Test
    void stepsEndWhereTheNextBeginsAndTheLastAtTheVerdict() {
        List<StepBand> bands = StepBand.of(RecordedCase.doubleCutEvents(), 20000);
        assertThat(bands).extracting(StepBand::name).containsExactly("provision images/app-1.0.0.signed",
                "update to images/app-1.1.0.signed", "recovery", "verify");
        assertThat(bands.get(2).toMillis()).isEqualTo(bands.get(3).fromMillis());
        assertThat(bands.get(3).toMillis()).isEqualTo(13844.478, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void recoveryOverBudgetIsReadFromTheEvent() {
        RecoveryBudget r = RecoveryBudget.of(List.of(event(9000, new TimelineEvent.Recovered(Duration.ofMillis(1500),
                Duration.ofMillis(1200), "slot 0")))).orElseThrow();
        assertThat(r.budgetMillis()).isEqualTo(1200);
        assertThat(r.startMillis()).isEqualTo(7500);
        assertThat(r.withinBudget()).isFalse();
    }

    @Test
    void hostileLogTextStaysWellFormedXml() throws Exception {
        String svg = TimelineSvg.render("a <b> & \"c\"", List.of(event(1, new TimelineEvent.StepStarted("provision")),
                event(2, new TimelineEvent.DeviceLogged("<script>alert('x')</script> & \u0001\u0007 \"q\" \ud800")),
                event(3, new TimelineEvent.Verdict(Status.BROKEN, FailureCode.HARNESS_ERROR, "harness error"))));
        Document doc = parse(svg);
        assertThat(texts(doc, "//*[local-name()='g']/*[local-name()='title']"))
                .anyMatch(t -> t.contains("<script>alert('x')</script> & "));
        assertThat(svg).doesNotContain("<script>");
        assertThat(texts(doc, "//*[local-name()='text']")).contains("device did not recover (no recovered event)");
    }

    @Test
    void emptyTimelineStillDraws() throws Exception {
        Document doc = parse(TimelineSvg.render(List.of()));
        assertThat(texts(doc, "//*[local-name()='text']")).contains("verdict: no verdict", "no device log");
    }

    @Test
    void axisStepsAreRoundNumbers() {
        assertThat(TimelineSvg.niceStep(1384)).isEqualTo(2000);
        assertThat(TimelineSvg.niceStep(0.9)).isEqualTo(1);
        assertThat(TimelineSvg.niceStep(450)).isEqualTo(500);
    }

    private static long last(UploadProgress.Upload u) {
        return u.samples().get(u.samples().size() - 1).bytes();
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> texts(Document doc, String xpath) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    /** Written under target/ so a person (or CI artifact upload) can open the picture. */
    private static void keepForLooking(String name, String svg) throws Exception {
        Path dir = Path.of("target", "timeline-svg");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), svg);
    }
}
