package dev.hil.drivers.smp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A responder thread on the device side of a {@link MemoryLink}: decodes each request and sends
 * back whatever the script returns (wire bytes, or null for silence).
 */
final class ScriptedDevice implements AutoCloseable {
    interface Script {
        byte[] answer(SmpPacket request, int index);
    }

    final List<SmpPacket> requests = new CopyOnWriteArrayList<>();
    final List<String> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stop;

    ScriptedDevice(MemoryLink link, Script script) {
        thread = new Thread(() -> {
            SmpFrameDecoder decoder = new SmpFrameDecoder();
            byte[] buf = new byte[512];
            while (!stop) {
                int n;
                try {
                    n = link.deviceRead(buf, Duration.ofMillis(20));
                } catch (RuntimeException e) {
                    return; // link down
                }
                for (SmpDecoded d : decoder.feed(buf, 0, n)) {
                    if (d instanceof SmpDecoded.Packet p) {
                        requests.add(p.packet());
                        byte[] reply = script.answer(p.packet(), requests.size() - 1);
                        if (reply != null) {
                            link.deviceWrite(reply);
                        }
                    } else {
                        failures.add(((SmpDecoded.Failure) d).reason());
                    }
                }
            }
        }, "scripted-smp-device");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(2000);
    }
}
