package dev.hil.benchsim;

import java.io.IOException;

/**
 * The simulated lab bench as a program (see README.md): GPIO folder in, device program and its
 * UART port out, every observed event in the events file. Exit 0 on SIGTERM/SIGINT (after killing
 * the device and removing the port link), 1 on a failure while running, 2 on bad arguments.
 */
public final class BenchSimMain {
    private static volatile int exitCode;

    private BenchSimMain() {
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench-sim: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        try {
            run(o);
        } catch (IOException | RuntimeException e) {
            System.err.println("bench-sim: fatal: " + e);
            exitCode = 1;
            System.exit(1);
        }
    }

    private static void run(Options o) throws IOException {
        EventLog events = EventLog.append(o.events());
        Board board = new Board(o, events, DeviceLog.to(o.deviceLog()));
        GpioTree tree = GpioTree.create(o.gpio(), o.lines());
        // SIGTERM/SIGINT run the hooks; halt() from the hook makes the exit status ours (0), not 143/130.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            board.stop();
            events.now("sim stop");
            Runtime.getRuntime().halt(exitCode);
        }, "bench-sim-stop"));
        LineWatch watch = new LineWatch(tree, o.lines(), o.pollMillis());
        events.now("sim start pid=" + ProcessHandle.current().pid());
        board.start(watch.initial());
        events.now("sim ready");
        watch.run((line, level, seen) -> {
            try {
                board.changed(line, level, seen);
            } catch (IOException e) {
                throw new IllegalStateException("cannot follow line " + line.role() + ": " + e.getMessage(), e);
            }
        });
    }
}
