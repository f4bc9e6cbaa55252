package dev.hil.refdevice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The device command line: the first profile by default, the second by its options. */
class DeviceOptionsTest {
    private static final String[] BASE = {"--state", "s", "--trust", "k.pem"};

    private static VirtualDeviceMain.Options parse(String... extra) {
        String[] all = new String[BASE.length + extra.length];
        System.arraycopy(BASE, 0, all, 0, BASE.length);
        System.arraycopy(extra, 0, all, BASE.length, extra.length);
        return VirtualDeviceMain.Options.parse(all);
    }

    @Test
    void withoutProfileOptionsTheDeviceIsTheFirstProfile() {
        VirtualDeviceMain.Options o = parse();
        assertThat(o.slotSectors()).isEqualTo(16);
        assertThat(o.sectorSize()).isEqualTo(4096);
        assertThat(o.zephyrLog()).isFalse();
        assertThat(o.imageList()).isEqualTo(ImageList.FULL);
        assertThat(o.slotInfo()).isFalse();
    }

    @Test
    void theSecondProfilesOptionsAreTaken() {
        VirtualDeviceMain.Options o = parse("--slot-sectors", "24", "--sector-size", "8192", "--log-style", "zephyr",
                "--image-list", "frugal", "--slot-info");
        assertThat(o.slotSectors()).isEqualTo(24);
        assertThat(o.sectorSize()).isEqualTo(8192);
        assertThat(o.zephyrLog()).isTrue();
        assertThat(o.imageList()).isEqualTo(ImageList.FRUGAL);
        assertThat(o.slotInfo()).isTrue();
    }

    @Test
    void unknownStylesAndOddSectorSizesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> parse("--log-style", "syslog")).hasMessageContaining("unknown log style 'syslog'");
        assertThatThrownBy(() -> parse("--image-list", "short")).hasMessageContaining("unknown image list 'short'");
        assertThatThrownBy(() -> parse("--sector-size", "5000")).hasMessageContaining("multiple of 256");
        assertThatThrownBy(() -> parse("--sector-size", "128")).hasMessageContaining(">= 256");
    }
}
