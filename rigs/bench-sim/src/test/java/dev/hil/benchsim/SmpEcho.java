package dev.hil.benchsim;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One MCUmgr SMP echo over the port, framed by hand (the sim's tests use no harness or device code):
 * start bytes 0x06 0x09, base64 of length + packet + CRC16-CCITT, newline. Proves bytes cross the
 * simulated UART both ways.
 */
final class SmpEcho {
    private SmpEcho() {
    }

    /** Sends an echo of {@code text} and returns the decoded answer packet (header and CBOR). */
    static byte[] echo(Path port, String text) throws Exception {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream cbor = new ByteArrayOutputStream();
        cbor.write(new byte[] {(byte) 0xA1, 0x61, 'd', (byte) (0x60 + t.length)});
        cbor.write(t);
        byte[] body = cbor.toByteArray();
        ByteArrayOutputStream pkt = new ByteArrayOutputStream();
        // op 2 (write), flags 0, length, group 0 (OS), seq 1, command 0 (echo)
        pkt.write(new byte[] {2, 0, (byte) (body.length >> 8), (byte) body.length, 0, 0, 1, 0});
        pkt.write(body);
        byte[] packet = pkt.toByteArray();
        int crc = crc16(packet);
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        int len = packet.length + 2;
        framed.write(new byte[] {(byte) (len >> 8), (byte) len});
        framed.write(packet);
        framed.write(new byte[] {(byte) (crc >> 8), (byte) crc});
        String line = Base64.getEncoder().encodeToString(framed.toByteArray());
        try (FileInputStream in = new FileInputStream(port.toFile());
             FileOutputStream out = new FileOutputStream(port.toFile())) {
            CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> readFrame(in));
            out.write(new byte[] {6, 9});
            out.write(line.getBytes(StandardCharsets.US_ASCII));
            out.write('\n');
            out.flush();
            byte[] wire = answer.get(Sim.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            byte[] decoded = Base64.getDecoder().decode(new String(wire, StandardCharsets.US_ASCII).trim());
            byte[] rsp = new byte[decoded.length - 4];
            System.arraycopy(decoded, 2, rsp, 0, rsp.length);
            return rsp;
        }
    }

    private static byte[] readFrame(FileInputStream in) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            int c;
            boolean started = false;
            while ((c = in.read()) >= 0) {
                if (!started) {
                    started = c == 9; // after 0x06 0x09
                    continue;
                }
                if (c == '\n') {
                    return b.toByteArray();
                }
                b.write(c);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("port closed before an answer");
    }

    static int crc16(byte[] data) {
        int crc = 0;
        for (byte v : data) {
            crc ^= (v & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xFFFF;
        }
        return crc;
    }
}
