package dev.hil.refdevice;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;

/** A powered-on device serving SMP on an in-memory UART, with a {@link DeviceHost} to talk to it. */
final class DeviceOnUart implements AutoCloseable {
    final Bench bench;
    final VirtualDevice device;
    final DeviceHost host;
    private final PipedOutputStream hostOut;
    private final Thread server;

    DeviceOnUart(Bench bench) throws IOException {
        this.bench = bench;
        device = bench.device(PowerFailure.NEVER);
        device.boot();
        PipedInputStream deviceIn = new PipedInputStream(1 << 16);
        hostOut = new PipedOutputStream(deviceIn);
        PipedInputStream hostIn = new PipedInputStream(1 << 16);
        PipedOutputStream deviceOut = new PipedOutputStream(hostIn);
        server = new Thread(() -> {
            try {
                new SmpServer(device, bench.log::add).serve(deviceIn, deviceOut);
            } catch (Exception e) {
                bench.log.add("server ended: " + e);
            }
        }, "reference-device-uart");
        server.setDaemon(true);
        server.start();
        host = new DeviceHost(hostIn, hostOut);
    }

    @Override
    public void close() throws Exception {
        try {
            hostOut.close();
            server.join();
        } finally {
            Bench.close(device);
        }
    }
}
