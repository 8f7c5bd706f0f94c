package piot.gateway.bench;

import java.lang.management.ManagementFactory;

/** CPU time of this JVM and of other processes (the broker), in nanoseconds. */
final class Cpu {
    private Cpu() {}

    static long selfNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    static long ofNanos(ProcessHandle p) {
        return p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }
}
