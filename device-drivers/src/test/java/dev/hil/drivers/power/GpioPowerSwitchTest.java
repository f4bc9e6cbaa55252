package dev.hil.drivers.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.io.gpio.digital.DigitalState;
import dev.hil.core.rig.RigSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpioPowerSwitchTest {
    private static RigSpec.PowerSpec mock(int pin, boolean activeHigh) {
        return new RigSpec.PowerSpec("pi4j", "mock", pin, activeHigh);
    }

    @Test
    void activeHighDrivesThePinHighWhilePowered() {
        try (GpioPowerSwitch sw = GpioPowerSwitch.open(mock(17, true))) {
            assertThat(sw.pin().state()).isEqualTo(DigitalState.LOW);
            assertThat(sw.isOn()).isFalse();
            sw.on();
            assertThat(sw.pin().state()).isEqualTo(DigitalState.HIGH);
            assertThat(sw.isOn()).isTrue();
            sw.off();
            assertThat(sw.pin().state()).isEqualTo(DigitalState.LOW);
            assertThat(sw.isOn()).isFalse();
        }
    }

    @Test
    void activeLowDrivesThePinLowWhilePowered() {
        try (GpioPowerSwitch sw = GpioPowerSwitch.open(mock(22, false))) {
            assertThat(sw.pin().state()).isEqualTo(DigitalState.HIGH);
            sw.on();
            assertThat(sw.pin().state()).isEqualTo(DigitalState.LOW);
            assertThat(sw.isOn()).isTrue();
            sw.off();
            assertThat(sw.pin().state()).isEqualTo(DigitalState.HIGH);
        }
    }

    @Test
    void relayFollowsThePinAndActsBeforeTheSwitchReturns() {
        List<String> events = new ArrayList<>();
        Load load = new Load() {
            @Override
            public void powerOn() {
                events.add("on");
            }

            @Override
            public void powerOff() {
                events.add("off");
            }
        };
        try (GpioPowerSwitch sw = GpioPowerSwitch.open(mock(5, false));
             VirtualRelay relay = VirtualRelay.wire(sw, load)) {
            sw.on();
            assertThat(events).containsExactly("on");
            sw.on(); // no edge, no event
            sw.off();
            assertThat(events).containsExactly("on", "off");
            assertThat(relay.takeFailure()).isNull();
        }
    }

    @Test
    void aFailingLoadIsKeptForTheCallerBecausePi4jSwallowsIt() {
        Load broken = new Load() {
            @Override
            public void powerOn() {
                throw new IllegalStateException("no such program");
            }

            @Override
            public void powerOff() {
            }
        };
        try (GpioPowerSwitch sw = GpioPowerSwitch.open(mock(6, true));
             VirtualRelay relay = VirtualRelay.wire(sw, broken)) {
            sw.on();
            assertThat(relay.takeFailure()).hasMessage("no such program");
            assertThat(relay.takeFailure()).isNull();
        }
    }

    @Test
    void piProvidersSayWhatIsMissing() throws Exception {
        boolean chip;
        try (var dev = java.nio.file.Files.list(java.nio.file.Path.of("/dev"))) {
            chip = dev.anyMatch(p -> p.getFileName().toString().startsWith("gpiochip"));
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(chip, "this machine has a GPIO chip: GpiodOnAPiTest covers it");
        assertThatThrownBy(() -> GpioPowerSwitch.open(new RigSpec.PowerSpec("pi4j", "gpiod", 17, true)))
                .hasMessageContaining("power provider 'gpiod' needs a kernel GPIO chip (/dev/gpiochip*)");
        assertThatThrownBy(() -> GpioPowerSwitch.open(new RigSpec.PowerSpec("pi4j", "bogus", 17, true)))
                .hasMessageContaining("unknown Pi4J power provider 'bogus'");
    }

    @Test
    void closeLeavesThePinOffAndIsIdempotent() {
        GpioPowerSwitch sw = GpioPowerSwitch.open(mock(17, true));
        sw.on();
        sw.close();
        sw.close();
        assertThat(sw.pin().state()).isEqualTo(DigitalState.LOW);
        assertThat(sw.isOn()).isFalse();
        assertThatThrownBy(sw::on).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resetLineIsASecondPinOnTheSameContextStartingReleased() {
        List<String> events = new ArrayList<>();
        ResetInput input = new ResetInput() {
            @Override
            public void holdInReset() {
                events.add("hold");
            }

            @Override
            public void releaseFromReset() {
                events.add("release");
            }
        };
        try (GpioPowerSwitch sw = GpioPowerSwitch.open(mock(17, true));
             GpioResetLine reset = sw.openResetLine(new RigSpec.ResetSpec(27, false));
             VirtualRelay wire = VirtualRelay.wire(reset, input)) {
            assertThat(reset.pin().state()).isEqualTo(DigitalState.HIGH); // active low: released is HIGH
            assertThat(reset.held()).isFalse();
            reset.hold();
            assertThat(reset.pin().state()).isEqualTo(DigitalState.LOW);
            assertThat(reset.held()).isTrue();
            assertThat(sw.pin().state()).as("the power pin is another pin").isEqualTo(DigitalState.LOW);
            reset.hold(); // no edge, no event
            reset.release();
            assertThat(events).containsExactly("hold", "release");
            assertThat(wire.takeFailure()).isNull();
        }
    }

    @Test
    void resetLineOnThePowerPinIsRefused() {
        try (GpioPowerSwitch sw = GpioPowerSwitch.open(mock(17, true))) {
            assertThatThrownBy(() -> sw.openResetLine(new RigSpec.ResetSpec(17, false)))
                    .hasMessageContaining("reset pin 17 is the power pin");
        }
    }

    @Test
    void closingEitherLeavesTheResetPinReleased() {
        GpioPowerSwitch sw = GpioPowerSwitch.open(mock(17, true));
        GpioResetLine reset = sw.openResetLine(new RigSpec.ResetSpec(27, true));
        reset.hold();
        reset.close();
        reset.close();
        assertThat(reset.pin().state()).isEqualTo(DigitalState.LOW);
        assertThat(reset.held()).isFalse();
        assertThatThrownBy(reset::hold).isInstanceOf(IllegalStateException.class);

        GpioResetLine second = sw.openResetLine(new RigSpec.ResetSpec(22, true));
        second.hold();
        sw.close(); // the context's shutdown drives every pin to its shutdown level
        assertThat(second.pin().state()).isEqualTo(DigitalState.LOW);
    }
}
