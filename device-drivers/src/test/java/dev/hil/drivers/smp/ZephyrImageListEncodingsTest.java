package dev.hil.drivers.smp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import dev.hil.core.device.ImageSlot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The image state answer as real Zephyr builds send it, written byte by byte with a CBOR generator
 * (not the client's own encoder): zcbor's indefinite-length maps and lists, no "image" key on
 * single-image builds, frugal lists with only the true flags, a top-level "splitStatus" on older
 * builds, and keys this client does not know, anywhere.
 */
class ZephyrImageListEncodingsTest {
    private static final CBORFactory CBOR = new CBORFactory();
    private static final byte[] H0 = filled(0x11);
    private static final byte[] H1 = filled(0x22);

    private final MemoryLink link = new MemoryLink();
    private ScriptedDevice device;

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            device.close();
        }
    }

    @Test
    void singleImageBuildWithoutImageKeyIsImageZero() {
        List<ImageSlot> slots = answer(g -> images(g, () -> {
            entry(g, () -> {
                put(g, "slot", 0);
                put(g, "version", "1.0.0");
                put(g, "hash", H0);
                flags(g, true, false, true, true, false);
            });
            entry(g, () -> {
                put(g, "slot", 1);
                put(g, "version", "1.1.0");
                put(g, "hash", H1);
                flags(g, true, true, false, false, false);
            });
        }));
        assertThat(slots).usingRecursiveFieldByFieldElementComparator().containsExactly(
                new ImageSlot(0, 0, "1.0.0", H0, true, false, true, true, false),
                new ImageSlot(0, 1, "1.1.0", H1, true, true, false, false, false));
    }

    @Test
    void frugalListSendsOnlyTrueFlagsAndAbsentOnesAreFalse() {
        List<ImageSlot> slots = answer(g -> images(g, () -> {
            entry(g, () -> {
                put(g, "slot", 0);
                put(g, "version", "1.0.0");
                put(g, "hash", H0);
                put(g, "bootable", true);
                put(g, "confirmed", true);
                put(g, "active", true);
            });
            entry(g, () -> { // a permanent swap requested: pending and permanent, not bootable-marked
                put(g, "slot", 1);
                put(g, "version", "1.1.0");
                put(g, "hash", H1);
                put(g, "pending", true);
                put(g, "permanent", true);
            });
        }));
        assertThat(slots).usingRecursiveFieldByFieldElementComparator().containsExactly(
                new ImageSlot(0, 0, "1.0.0", H0, true, false, true, true, false),
                new ImageSlot(0, 1, "1.1.0", H1, false, true, false, false, true));
    }

    @Test
    void olderBuildsSplitStatusAtTopLevelIsSkipped() {
        List<ImageSlot> slots = answer(g -> {
            field(g, "images");
            list(g, () -> entry(g, () -> {
                put(g, "image", 0);
                put(g, "slot", 0);
                put(g, "version", "0.9.0");
                put(g, "hash", H0);
                flags(g, true, false, true, true, false);
            }));
            put(g, "splitStatus", 0);
        });
        assertThat(slots).usingRecursiveFieldByFieldElementComparator().containsExactly(new ImageSlot(0, 0, "0.9.0", H0, true, false, true, true, false));
    }

    @Test
    void unknownKeysAnywhereAreSkippedWhateverTheirValue() {
        List<ImageSlot> slots = answer(g -> {
            put(g, "vendor", "acme");
            field(g, "build");
            map(g, () -> {
                put(g, "sha", filled(7));
                field(g, "parts");
                list(g, () -> {
                    write(() -> g.writeNumber(-5));
                    write(() -> g.writeNumber(1.5f));
                    write(g::writeNull);
                    write(() -> g.writeBoolean(false));
                });
            });
            images(g, () -> entry(g, () -> {
                field(g, "sec");
                write(() -> g.writeTag(1)); // an epoch-time tag on an integer
                write(() -> g.writeNumber(1_700_000_000L));
                put(g, "slot", 1);
                field(g, "tlvs");
                list(g, () -> map(g, () -> put(g, "type", 0x10)));
                put(g, "version", "2.0.0");
                put(g, "hash", H1);
                put(g, "bootable", true);
                put(g, "compressed", true);
            }));
            put(g, "rc", 0);
        });
        assertThat(slots).usingRecursiveFieldByFieldElementComparator().containsExactly(new ImageSlot(0, 1, "2.0.0", H1, true, false, false, false, false));
    }

    @Test
    void aSecondImageOfAMultiImageBuildKeepsItsNumber() {
        List<ImageSlot> slots = answer(g -> images(g, () -> {
            entry(g, () -> {
                put(g, "image", 1);
                put(g, "slot", 0);
                put(g, "version", "3.0.0");
                put(g, "hash", H0);
                put(g, "active", true);
            });
            entry(g, () -> { // a slot whose image cannot be read: no hash
                put(g, "image", 1);
                put(g, "slot", 1);
                put(g, "version", "");
            });
        }));
        assertThat(slots).extracting(ImageSlot::image, ImageSlot::slot, ImageSlot::active, ImageSlot::hash)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 0, true, H0),
                        org.assertj.core.groups.Tuple.tuple(1, 1, false, null));
    }

    // --- the device side: a hand-written answer to the image state read ---

    private interface Body {
        void write() throws IOException;
    }

    /** Serves one image-state answer whose top-level map {@code top} fills, and reads it with the client. */
    private List<ImageSlot> answer(Consumer<CBORGenerator> top) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = CBOR.createGenerator(out)) {
            g.writeStartObject(); // Jackson writes an indefinite-length map here, as zcbor does by default
            top.accept(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] cbor = out.toByteArray();
        assertThat(cbor[0] & 0xFF).as("indefinite-length top-level map").isEqualTo(0xBF);
        device = new ScriptedDevice(link, (req, i) -> SmpSerialFraming.encode(
                new SmpPacket(req.op() | 1, 0, req.group(), req.seq(), req.cmd(), cbor)));
        return new SmpClient(link, Duration.ofSeconds(5), 0, 256).images();
    }

    private static void images(CBORGenerator g, Runnable entries) {
        field(g, "images");
        list(g, entries);
    }

    private static void entry(CBORGenerator g, Runnable fields) {
        map(g, fields);
    }

    private static void flags(CBORGenerator g, boolean bootable, boolean pending, boolean confirmed, boolean active,
                              boolean permanent) {
        put(g, "bootable", bootable);
        put(g, "pending", pending);
        put(g, "confirmed", confirmed);
        put(g, "active", active);
        put(g, "permanent", permanent);
    }

    private static void map(CBORGenerator g, Runnable fields) {
        write(g::writeStartObject);
        fields.run();
        write(g::writeEndObject);
    }

    private static void list(CBORGenerator g, Runnable items) {
        write(g::writeStartArray);
        items.run();
        write(g::writeEndArray);
    }

    private static void field(CBORGenerator g, String name) {
        write(() -> g.writeFieldName(name));
    }

    private static void put(CBORGenerator g, String name, Object value) {
        field(g, name);
        write(() -> {
            if (value instanceof String s) {
                g.writeString(s);
            } else if (value instanceof Boolean b) {
                g.writeBoolean(b);
            } else if (value instanceof byte[] b) {
                g.writeBinary(b);
            } else {
                g.writeNumber(((Number) value).longValue());
            }
        });
    }

    private static void write(Body body) {
        try {
            body.write();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] filled(int v) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }
}
