package piot.gateway.bench;

/** One throughput run: how many got through, how long it took, CPU spent (all processes involved). */
record Rate(long events, long nanos, long cpuNanos, boolean complete) {
    double perSecond() {
        return events * 1e9 / nanos;
    }

    double cpuMicrosPerEvent() {
        return cpuNanos / 1e3 / Math.max(1, events);
    }
}
