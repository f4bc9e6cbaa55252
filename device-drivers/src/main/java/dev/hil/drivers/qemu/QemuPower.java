package dev.hil.drivers.qemu;

import dev.hil.core.rig.PowerSwitch;
import dev.hil.drivers.serial.SerialPortLink;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The supply of a {@link QemuBoard}: on launches QEMU and lets the CPU run, off kills QEMU with
 * SIGKILL. The UART link is marked down before the kill, so a write racing with the cut fails
 * cleanly instead of landing on the dying PTY, and up before the CPU runs, so the first console
 * bytes are there to read.
 */
public final class QemuPower implements PowerSwitch {
    private final QemuBoard board;
    private final SerialPortLink link;

    /** @param link a link on {@link QemuBoard#consolePort()} */
    public QemuPower(QemuBoard board, SerialPortLink link) {
        if (!link.path().equals(board.consolePort())) {
            throw new IllegalArgumentException("link " + link.path() + " is not the board's console " + board.consolePort());
        }
        this.board = board;
        this.link = link;
    }

    @Override
    public void on() {
        if (board.isRunning()) {
            return;
        }
        try {
            board.launch();
            link.markUp();
            board.resume();
        } catch (IOException e) {
            link.markDown();
            board.kill();
            throw new UncheckedIOException("QEMU power-on failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void off() {
        link.markDown();
        board.kill();
    }

    @Override
    public boolean isOn() {
        return board.isRunning();
    }
}
