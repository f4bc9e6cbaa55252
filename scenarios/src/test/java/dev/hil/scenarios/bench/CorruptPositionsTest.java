package dev.hil.scenarios.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.core.link.ImageSpan;
import dev.hil.drivers.smp.SmpRequest;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The judge of the corrupt-position benchmark: which image position a damaged wire byte sits at. */
class CorruptPositionsTest {
    private final byte[] image = new byte[700];
    private final List<SmpRequest> frames = new ArrayList<>();
    private byte[] clean;

    CorruptPositionsTest() throws Exception {
        new Random(5).nextBytes(image);
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(image);
        for (int off = 0; off < image.length; off += 256) {
            frames.add(SmpRequest.upload(image, sha, off, Math.min(256, image.length - off), off / 256));
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        frames.forEach(r -> b.writeBytes(r.framed().wire()));
        clean = b.toByteArray();
    }

    private List<Long> landedWithFlipsAt(int... wireOffsets) {
        byte[] sent = clean.clone();
        for (int w : wireOffsets) {
            sent[w] ^= 0x01;
        }
        return CorruptPositions.landedAt(clean, sent, frames);
    }

    private int frameStart(int frame) {
        int start = 0;
        for (int i = 0; i < frame; i++) {
            start += frames.get(i).framed().wire().length;
        }
        return start;
    }

    @Test
    void damageRightAfterTheWireOfImageByteNLandsAtN() {
        ImageSpan second = frames.get(1).framed().span(); // image bytes 256..511
        int w = frameStart(1) + second.wirePrefix()[44]; // first wire byte after image byte 256 + 43
        assertThat(landedWithFlipsAt(w)).containsExactly(256L + 44);
    }

    @Test
    void damageOneWireByteEarlierIsSeenAsAnEarlierPosition() {
        ImageSpan second = frames.get(1).framed().span();
        int w = frameStart(1) + second.wirePrefix()[44] - 1; // still carries bits of image byte 256 + 43
        assertThat(landedWithFlipsAt(w)).containsExactly(256L + 43);
    }

    @Test
    void damageInAFrameTailAfterItsLastImageByteLandsAtTheNextFramesFirstByte() {
        int tail = frameStart(1) - 1; // the first frame's last wire byte (its end of frame)
        assertThat(landedWithFlipsAt(0, tail)).containsExactly(0L, 256L);
    }
}
