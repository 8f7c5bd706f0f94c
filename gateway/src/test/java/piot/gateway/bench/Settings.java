package piot.gateway.bench;

/** The sizes of one harness run; {@link #QUICK} is a smoke run, {@link #FULL} the published one. */
record Settings(String name, int runs, int meshEvents, int mqttEvents, int profileEvents, int outageRate,
                int outageSeconds, int cutSeconds, int drainCapSeconds, int[] scaleSizes, int bodyBytes) {
    static final Settings QUICK = new Settings("quick", 3, 300, 3_000, 300, 200, 6, 2, 5, new int[] {10_000}, 100);
    static final Settings FULL = new Settings("full", 3, 2_000, 30_000, 500, 2_000, 30, 10, 45,
            new int[] {10_000, 100_000, 1_000_000}, 100);
}
