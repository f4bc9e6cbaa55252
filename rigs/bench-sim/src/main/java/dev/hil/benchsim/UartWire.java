package dev.hil.benchsim;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Connects whichever device program runs now to whichever port is up now. Host bytes that arrive
 * while no device runs (board off with {@code --port-stays}, or held in reset) are dropped, as a CPU
 * that is not running reads nothing; device bytes with no port up are dropped too. Writes happen
 * outside the lock, so a device that stops reading cannot block a power cut.
 */
final class UartWire implements UartPort.Sink {
    private final Object lock = new Object();
    private OutputStream deviceIn; // guarded by lock
    private OutputStream hostIn;   // guarded by lock

    void connectDevice(OutputStream stdin) {
        synchronized (lock) {
            deviceIn = stdin;
        }
    }

    void disconnectDevice() {
        synchronized (lock) {
            deviceIn = null;
        }
    }

    void connectPort(OutputStream socatStdin) {
        synchronized (lock) {
            hostIn = socatStdin;
        }
    }

    void disconnectPort() {
        synchronized (lock) {
            hostIn = null;
        }
    }

    /** Host → device. */
    @Override
    public void received(byte[] b, int n) {
        OutputStream target;
        synchronized (lock) {
            target = deviceIn;
        }
        if (target != null) {
            try {
                target.write(b, 0, n);
                target.flush(); // Process stdin is buffered: the device must see the bytes now
            } catch (IOException e) {
                // the device is gone (killed or crashed): a dead CPU takes nothing
            }
        }
    }

    /** Device → host, from {@code device}'s stdout pump; ignored unless that device is still the connected one. */
    void transmit(OutputStream device, byte[] b, int n) {
        OutputStream target;
        synchronized (lock) {
            target = deviceIn == device ? hostIn : null;
        }
        if (target != null) {
            try {
                target.write(b, 0, n);
                target.flush();
            } catch (IOException e) {
                // the port went down under us: bytes are lost, as on an unplugged adapter
            }
        }
    }
}
