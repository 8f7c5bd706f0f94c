package piot.gateway.holding;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Runs system commands for the storage-fault tests (mounting a small tmpfs needs root). */
public final class Commands {
    private Commands() {
    }

    /** Runs {@code command} for at most 20 s; false (with its output on stderr) when it failed. */
    public static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        boolean done = p.waitFor(20, TimeUnit.SECONDS);
        if (!done || p.exitValue() != 0) {
            System.err.println(String.join(" ", command) + " failed: " + out);
            return false;
        }
        return true;
    }
}
