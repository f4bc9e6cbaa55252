package dev.hil.drivers.power;

import dev.hil.core.rig.BenchWiring;
import dev.hil.core.rig.RigFault;
import dev.hil.core.rig.RigSpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Power driver {@code pdudaemon}: the PDU daemon LAVA labs use, through its HTTP API
 * ({@code GET /power/control/on|off?hostname=PDU&port=OUTLET}). pdudaemon queues the request and
 * switches from a worker, so the call returning is not the outlet switching: the rig's
 * {@code settle} times must cover the daemon's queue (the port coming back is awaited separately).
 * It has no read-back, so {@link SwitchedOutput#active()} is the last state asked for.
 */
public final class PdudaemonPower implements PowerDriver {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Override
    public String kind() {
        return "pdudaemon";
    }

    @Override
    public BenchLines open(RigSpec spec) {
        BenchWiring.PduSpec pdu = spec.power().wiring().pdu();
        if (pdu == null) {
            throw new IllegalArgumentException(spec.file() + ": power kind pdudaemon needs host, port, pdu and outlet");
        }
        // Reset and boot-mode are not outlets: the rig wires them as hold/release commands.
        return new BenchLines(new Outlet(pdu, HttpClient.newBuilder().connectTimeout(TIMEOUT).build()),
                CommandPower.resetLine(spec), CommandPower.bootModeLine(spec), null);
    }

    /** One outlet of one PDU behind the daemon. */
    private static final class Outlet implements SwitchedOutput {
        private final BenchWiring.PduSpec pdu;
        private final HttpClient http;
        private volatile boolean active;

        Outlet(BenchWiring.PduSpec pdu, HttpClient http) {
            this.pdu = pdu;
            this.http = http;
        }

        @Override
        public void drive(boolean on) {
            URI uri = URI.create("http://" + pdu.host() + ":" + pdu.port() + "/power/control/" + (on ? "on" : "off")
                    + "?hostname=" + URLEncoder.encode(pdu.pdu(), StandardCharsets.UTF_8)
                    + "&port=" + URLEncoder.encode(pdu.outlet(), StandardCharsets.UTF_8));
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new RigFault("pdudaemon " + uri + " answered " + r.statusCode() + ": " + r.body().trim());
                }
            } catch (IOException e) {
                throw new RigFault("pdudaemon at " + pdu.host() + ":" + pdu.port() + " cannot be reached: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RigFault("interrupted while asking pdudaemon " + uri, e);
            }
            active = on;
        }

        @Override
        public boolean active() {
            return active;
        }

        @Override
        public String describe() {
            return "outlet " + pdu.outlet() + " of " + pdu.pdu() + " (pdudaemon " + pdu.host() + ":" + pdu.port() + ")";
        }

        @Override
        public void close() {
            // HttpClient holds no connection worth closing on Java 17.
        }
    }
}
