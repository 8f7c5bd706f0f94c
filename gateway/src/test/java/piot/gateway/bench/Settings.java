package piot.gateway.bench;

/** The sizes of one harness run; {@link #QUICK} is a smoke run, {@link #FULL} the published one. */
record Settings(String name, int runs, int meshEvents, int mqttEvents, int profileEvents, int outageRate,
                int outageSeconds, int cutSeconds, int drainCapSeconds, int[] scaleSizes, int bodyBytes,
                int actionSamples, int[] lineSizes, int uplinkEvents) {
    static final Settings QUICK = new Settings("quick", 3, 1_000, 3_000, 500, 200, 6, 2, 5, new int[] {10_000}, 100,
            15, new int[] {2, 5}, 1_000);
    static final Settings FULL = new Settings("full", 3, 10_000, 30_000, 2_000, 2_000, 30, 10, 30,
            new int[] {10_000, 100_000, 1_000_000}, 100, 60, new int[] {2, 5, 10, 25}, 10_000);
}
