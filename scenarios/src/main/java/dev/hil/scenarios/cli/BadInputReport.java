package dev.hil.scenarios.cli;

import java.io.PrintWriter;
import java.util.List;

/** How every command tells bad input: one problem per line (file:line:column: reason), then the count. */
final class BadInputReport {
    private BadInputReport() {
    }

    /** @return exit code 2 */
    static int print(PrintWriter err, List<String> problems) {
        problems.forEach(err::println);
        err.println(problems.size() + " problem(s) in the input; nothing was run");
        err.flush();
        return 2;
    }
}
