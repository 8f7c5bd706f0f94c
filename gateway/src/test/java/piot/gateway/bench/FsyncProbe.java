package piot.gateway.bench;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The cost of one fsync in the benchmark's data directory: what bounds a serial commit. */
final class FsyncProbe {
    private FsyncProbe() {}

    /** Median microseconds of {@code n} write+fsync pairs of 4 KiB. */
    static double medianMicros(Path root, int n) throws Exception {
        Path dir = Temp.dir(root, "fsync-");
        try (FileChannel ch = FileChannel.open(dir.resolve("probe"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer page = ByteBuffer.allocate(4096);
            double[] us = new double[n];
            for (int i = 0; i < n; i++) {
                page.clear();
                long t = System.nanoTime();
                ch.write(page, (long) (i % 64) * 4096);
                ch.force(false);
                us[i] = (System.nanoTime() - t) / 1e3;
            }
            java.util.Arrays.sort(us);
            return us[n / 2];
        } finally {
            Temp.delete(dir);
        }
    }
}
