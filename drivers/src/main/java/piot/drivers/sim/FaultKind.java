package piot.drivers.sim;

/** Faults the simulator injects into an I2C device (config names in brackets). */
public enum FaultKind {
    /** [nack] the device answers no transfer: remote I/O error. */
    NACK("nack"),
    /** [absent] no device at the address at all. */
    ABSENT("absent"),
    /** [stuck] the device keeps reporting the physical values of the moment the fault began. */
    STUCK("stuck"),
    /** [wrong-chip-id] a BME280 reports chip id 0x58 (a BMP280) instead of 0x60. */
    WRONG_CHIP_ID("wrong-chip-id"),
    /** [crc] an SHT31 sends every word with a wrong CRC byte. */
    CRC("crc"),
    /** [intermittent] each transfer fails with probability {@code rate} (seeded). */
    INTERMITTENT("intermittent"),
    /**
     * [hang] the device holds SDA low: every transfer on its bus blocks until the fault ends, as a
     * real hung I2C bus does (only {@link piot.drivers.sample.GuardedSensor}'s timeout gets the
     * sampler past it).
     */
    HANG("hang");

    private final String configName;

    FaultKind(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The kind for a config name, or an {@link IllegalArgumentException} listing the allowed names. */
    public static FaultKind fromConfig(String name) {
        for (FaultKind k : values()) {
            if (k.configName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("fault '" + name + "' is not one of nack, absent, stuck, wrong-chip-id, crc, intermittent, hang");
    }
}
