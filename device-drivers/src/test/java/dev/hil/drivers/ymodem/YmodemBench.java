package dev.hil.drivers.ymodem;

import dev.hil.drivers.serial.PaceClock;
import dev.hil.drivers.serial.PacedPump;
import dev.hil.drivers.serial.PtyPair;
import dev.hil.drivers.serial.SerialPortLink;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * 1 MiB to lrzsz {@code rb --ymodem}: our sender against {@code sb --ymodem -k}, same pty pair
 * setup, timed from the start of sending until rb has exited with the file complete. Then the same
 * with rb behind a {@link PacedPump} pair at a UART rate (PTYs alone do not rate-limit).
 * Run: java -cp ... dev.hil.drivers.ymodem.YmodemBench [runs] [baud]
 */
public final class YmodemBench {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int baud = args.length > 1 ? Integer.parseInt(args[1]) : 921_600;
        Path dir = Files.createTempDirectory("ymodem-bench");
        byte[] data = new byte[1 << 20];
        new Random(1).nextBytes(data);
        Path file = dir.resolve("out").resolve("image.bin");
        Files.createDirectories(file.getParent());
        Files.write(file, data);
        for (int paced : new int[] {0, baud}) {
            double[] ours = new double[runs];
            double[] sb = new double[runs];
            for (int i = 0; i < runs; i++) {
                ours[i] = once(dir, file, data, false, paced);
                sb[i] = once(dir, file, data, true, paced);
            }
            System.out.printf("%s, %d runs, median seconds: ours %.3f  sb %.3f  ours/sb %.2f   (ours %s, sb %s)%n",
                    paced == 0 ? "unpaced pty" : "paced " + paced + " baud", runs, median(ours), median(sb),
                    median(ours) / median(sb), Arrays.toString(ours), Arrays.toString(sb));
        }
    }

    private static double once(Path dir, Path file, byte[] data, boolean useSb, int baud) throws Exception {
        Path in = dir.resolve("in-" + System.nanoTime());
        Files.createDirectories(in);
        try (PtyPair pair = PtyPair.open(dir.resolve("host"), dir.resolve("device"))) {
            Process rb;
            PacedPump up = null;
            PacedPump down = null;
            FileInputStream fromPty = null;
            FileOutputStream toPty = null;
            if (baud == 0) {
                Path node = pair.devicePath().toRealPath();
                rb = new ProcessBuilder("rb", "--ymodem").directory(in.toFile()).redirectInput(node.toFile())
                        .redirectOutput(node.toFile()).redirectError(dir.resolve("rb.log").toFile()).start();
            } else {
                // rb on pipes; the pumps pace both directions like a UART on the device end
                rb = new ProcessBuilder("rb", "--ymodem").directory(in.toFile())
                        .redirectError(dir.resolve("rb.log").toFile()).start();
                fromPty = new FileInputStream(pair.devicePath().toFile());
                toPty = new FileOutputStream(pair.devicePath().toFile());
                down = new PacedPump("to rb", fromPty, rb.getOutputStream(), baud, PaceClock.SYSTEM).start();
                up = new PacedPump("from rb", rb.getInputStream(), toPty, baud, PaceClock.SYSTEM).start();
            }
            long t0;
            Process sb = null;
            try (SerialPortLink link = new SerialPortLink(pair.hostPath(), 0)) {
                if (useSb) {
                    Path node = pair.hostPath().toRealPath();
                    t0 = System.nanoTime();
                    sb = new ProcessBuilder("sb", "--ymodem", "-k", file.getFileName().toString())
                            .directory(file.getParent().toFile()).redirectInput(node.toFile())
                            .redirectOutput(node.toFile()).redirectError(dir.resolve("sb.log").toFile()).start();
                } else {
                    t0 = System.nanoTime();
                    new YmodemSender(link).send(YmodemFile.of(file));
                }
                if (!rb.waitFor(600, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("rb did not finish");
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (sb != null && !sb.waitFor(2, TimeUnit.SECONDS)) {
                sb.destroyForcibly(); // lrzsz sometimes waits forever for a lost last ACK
            }
            if (!Arrays.equals(Files.readAllBytes(in.resolve("image.bin")), data)) {
                throw new IllegalStateException("rb got a different file");
            }
            for (AutoCloseable c : new AutoCloseable[] {fromPty, toPty, down, up}) {
                if (c != null) {
                    c.close();
                }
            }
            return s;
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
