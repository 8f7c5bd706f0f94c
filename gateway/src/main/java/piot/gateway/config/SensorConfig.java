package piot.gateway.config;

import java.time.Duration;
import java.util.List;

/** A sensor of a device file; switch over the permitted records to build its driver. */
public sealed interface SensorConfig {
    /** Id, unique among the node's sensors and actuators. */
    String id();

    SensorType type();

    /** What the node keeps in holding of its readings for peers without a session. */
    Hold hold();

    /** A BME280, SHT31 or BH1750 on I2C, sampled every {@code interval}. */
    record I2cSensor(String id, SensorType type, I2cAddress i2c, Duration interval, Hold hold) implements SensorConfig {}

    /** An ADS1115 ADC on I2C with its configured channels. */
    record Ads1115(String id, I2cAddress i2c, Duration interval, Hold hold, List<Channel> channels) implements SensorConfig {
        public Ads1115 {
            channels = List.copyOf(channels);
        }

        @Override
        public SensorType type() {
            return SensorType.ADS1115;
        }
    }

    /**
     * One ADS1115 input: the reading {@code key} is {@code volts * scale + offset} in {@code unit}.
     *
     * @param gain full-scale range in volts: 6.144, 4.096, 2.048, 1.024, 0.512 or 0.256
     */
    record Channel(String key, int channel, double gain, double scale, double offset, String unit) {}

    /** A digital input (BCM pin) with pull, debounce and optional inversion; its reading is {@code level}. */
    record GpioInput(String id, int pin, Pull pull, Duration debounce, boolean invert, Hold hold) implements SensorConfig {
        @Override
        public SensorType type() {
            return SensorType.GPIO_INPUT;
        }
    }

    /** An I2C bus number and 7-bit address. */
    record I2cAddress(int bus, int address) {
        @Override
        public String toString() {
            return "bus " + bus + " address 0x" + Integer.toHexString(address);
        }
    }

    /** Which readings are held for absent peers. */
    enum Hold { ALL, LATEST, NONE }

    /** Input pull resistor. */
    enum Pull { UP, DOWN, OFF }

    /** Sensor types with the physical quantities they read (ads1115: its channel keys). */
    enum SensorType {
        BME280("bme280", List.of("temperature", "humidity", "pressure")),
        SHT31("sht31", List.of("temperature", "humidity")),
        BH1750("bh1750", List.of("light")),
        ADS1115("ads1115", List.of()),
        GPIO_INPUT("gpio-input", List.of("level"));

        private final String yamlName;
        private final List<String> quantities;

        SensorType(String yamlName, List<String> quantities) {
            this.yamlName = yamlName;
            this.quantities = quantities;
        }

        /** The name used in device files. */
        public String yamlName() {
            return yamlName;
        }

        /** Quantity names a reading of this type carries (empty for ads1115, whose keys are configured). */
        public List<String> quantities() {
            return quantities;
        }

        boolean onI2c() {
            return this != GPIO_INPUT;
        }
    }
}
