package dev.hil.drivers.uboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hil.core.device.DeviceException;
import org.junit.jupiter.api.Test;

class ConsoleReplyTest {
    private static ConsoleReply of(String... chunks) {
        ConsoleReply r = new ConsoleReply();
        for (String c : chunks) {
            byte[] b = ConsoleReply.bytes(c);
            r.add(b, b.length);
        }
        return r;
    }

    @Test
    void crcArrowMidLineIsNotAPrompt() {
        ConsoleReply r = of("crc32 0x0 0x10\r\n", "crc32 for 00000000 ... 0000000f ==> ");
        assertThat(r.atPrompt()).isFalse();
        byte[] rest = ConsoleReply.bytes("7617f2e2\r\n=> ");
        r.add(rest, rest.length);
        assertThat(r.atPrompt()).isTrue();
        assertThat(r.output("crc32 0x0 0x10")).isEqualTo("crc32 for 00000000 ... 0000000f ==> 7617f2e2");
    }

    @Test
    void outputDropsEchoAndPromptAcrossChunks() {
        ConsoleReply r = of("vers", "ion\r\nU-Boot 2023.01\r\n\r\ngcc 12\r", "\n=", "> ");
        assertThat(r.atPrompt()).isTrue();
        assertThat(r.output("version")).isEqualTo("U-Boot 2023.01\n\ngcc 12");
    }

    @Test
    void commandWithoutOutputGivesEmptyString() {
        assertThat(of("setenv a 'b'\r\n=> ").output("setenv a 'b'")).isEmpty();
    }

    @Test
    void bareFirstPromptCounts() {
        assertThat(of("=> ").atPrompt()).isTrue();
        assertThat(of("x=> ").atPrompt()).isFalse();
    }

    @Test
    void crc32IsParsedOrRefused() {
        assertThat(UbootConsole.parseCrc32("c", "crc32 for 04100000 ... 041fffff ==> bf513fe6")).isEqualTo(0xbf513fe6L);
        assertThatThrownBy(() -> UbootConsole.parseCrc32("c", "Usage: crc32 ..."))
                .isInstanceOf(DeviceException.class).hasMessageContaining("no CRC");
    }
}
