package dev.hil.drivers.uboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hil.core.device.DeviceException;
import dev.hil.core.device.ImageSlot;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The host side of the A/B scheme: environment block, device tree encoding, status parsing. */
class AbSchemeFilesTest {
    @Test
    void environmentBlockIsWhatUbootChecks() {
        FactoryEnvironment env = FactoryEnvironment.parse(List.of(
                "# comment", "", "bootdelay=1", "bootcmd=run a; \\", "   echo b", "ab_x=y=z"), "t.env");
        assertThat(env.variables()).containsEntry("bootcmd", "run a; echo b").containsEntry("ab_x", "y=z");

        byte[] block = env.block(0x1000);
        assertThat(block).hasSize(0x1000);
        CRC32 crc = new CRC32();
        crc.update(block, 4, block.length - 4);
        assertThat(ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL).isEqualTo(crc.getValue());
        String data = new String(block, 4, 60, StandardCharsets.ISO_8859_1);
        assertThat(data).startsWith("bootdelay=1\0bootcmd=run a; echo b\0ab_x=y=z\0\0");
    }

    @Test
    void shippedScriptsParse() throws Exception {
        Path rigs = Path.of(System.getProperty("hil.root", "..")).resolve("rigs/qemu-uboot");
        FactoryEnvironment good = FactoryEnvironment.read(rigs.resolve("ab-boot.env"));
        FactoryEnvironment broken = FactoryEnvironment.read(rigs.resolve("broken-switch-before-verify.env"));
        assertThat(good.variables()).containsKeys("bootcmd", "ab_boot", "ab_install", "ab_test", "ab_confirm", "ab_status");
        // The variant differs in exactly one script.
        assertThat(good.variables().keySet()).isEqualTo(broken.variables().keySet());
        assertThat(good.variables().keySet().stream()
                .filter(k -> !good.variables().get(k).equals(broken.variables().get(k)))).containsExactly("ab_install");
        good.block(FactoryEnvironment.QEMU_ARM_ENV_BYTES); // fits the flash sector
    }

    @Test
    void continuationPastTheEndIsAnError() {
        assertThatThrownBy(() -> FactoryEnvironment.parse(List.of("a=b \\"), "t.env"))
                .hasMessageContaining("t.env:1");
    }

    @Test
    void deviceTreeHeaderAndStructureAreConsistent() {
        DeviceTreeBlob dtb = new DeviceTreeBlob();
        dtb.root().string("description", "x").child("images").child("app").bytes("data", new byte[] {1, 2, 3});
        byte[] b = dtb.encode();
        ByteBuffer h = ByteBuffer.wrap(b);
        assertThat(h.getInt(0)).isEqualTo(0xd00dfeed);
        assertThat(h.getInt(4)).isEqualTo(b.length);
        int offStruct = h.getInt(8);
        int offStrings = h.getInt(12);
        assertThat(offStruct + h.getInt(36)).isEqualTo(offStrings);
        assertThat(offStrings + h.getInt(32)).isEqualTo(b.length);
        assertThat(h.getInt(offStrings - 4)).isEqualTo(9); // FDT_END closes the structure
        assertThat(new String(Arrays.copyOfRange(b, offStrings, b.length), StandardCharsets.US_ASCII))
                .isEqualTo("description\0data\0");
    }

    @Test
    void statusMapsBootStateToImageFlags() {
        String a = "a".repeat(64);
        String b = "b".repeat(64);
        String out = String.join("\n", "noise", "ab: slot A ok version 1.0.0 hash " + a,
                "ab: slot B ok version 1.1.0 hash " + b, "ab: state valid 1 seq 3 slot B trial 1 tries 1", "ab: booted B");
        List<ImageSlot> slots = AbBootDevice.parseStatus(out);
        assertThat(slots).hasSize(2);
        assertThat(slots.get(0).active()).isFalse();
        assertThat(slots.get(0).confirmed()).isFalse();
        assertThat(slots.get(1).active()).isTrue();
        assertThat(slots.get(1).pending()).isTrue();
        assertThat(slots.get(1).confirmed()).isFalse();
        assertThat(slots.get(1).hashHex()).isEqualTo(b);

        List<ImageSlot> torn = AbBootDevice.parseStatus(String.join("\n", "ab: slot A ok version 1.0.0 hash " + a,
                "ab: slot B invalid", "ab: state valid 1 seq 4 slot A trial 0 tries 0", "ab: booted A"));
        assertThat(torn).singleElement().satisfies(s -> {
            assertThat(s.active()).isTrue();
            assertThat(s.confirmed()).isTrue();
        });
        assertThatThrownBy(() -> AbBootDevice.parseStatus("ab: slot A invalid"))
                .isInstanceOf(DeviceException.class).hasMessageContaining("incomplete");
    }
}
