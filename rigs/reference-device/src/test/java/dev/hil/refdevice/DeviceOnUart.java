package dev.hil.refdevice;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;

/**
 * A powered-on device serving SMP on an in-memory UART, with a host of the test's choosing on the
 * other end: the device's own codec ({@link DeviceHost}) in this module's tests, the harness's in
 * device-drivers' cross-checks (shared with them through this module's test jar).
 *
 * @param <H> the host end
 */
public final class DeviceOnUart<H> implements AutoCloseable {
    public final VirtualDevice device;
    public final H host;
    private final PipedOutputStream hostOut;
    private final Thread server;

    /** Boots {@code device} and serves it; closing ends the line, waits for the server and closes the flash. */
    public DeviceOnUart(VirtualDevice device, EventLog log, BiFunction<InputStream, OutputStream, H> hostEnd)
            throws IOException {
        this(device, log, ImageList.FULL, false, hostEnd);
    }

    /** The same, for a build with another image list encoding, and with or without slot info. */
    public DeviceOnUart(VirtualDevice device, EventLog log, ImageList imageList, boolean slotInfo,
                        BiFunction<InputStream, OutputStream, H> hostEnd) throws IOException {
        this.device = device;
        device.boot();
        PipedInputStream deviceIn = new PipedInputStream(1 << 16);
        hostOut = new PipedOutputStream(deviceIn);
        PipedInputStream hostIn = new PipedInputStream(1 << 16);
        PipedOutputStream deviceOut = new PipedOutputStream(hostIn);
        server = new Thread(() -> {
            try {
                new SmpServer(device, log, imageList, slotInfo).serve(deviceIn, deviceOut);
            } catch (Exception e) {
                log.event("server ended: " + e);
            }
        }, "reference-device-uart");
        server.setDaemon(true);
        server.start();
        host = hostEnd.apply(hostIn, hostOut);
    }

    @Override
    public void close() throws Exception {
        try {
            hostOut.close();
            server.join();
        } finally {
            try {
                device.flash().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
