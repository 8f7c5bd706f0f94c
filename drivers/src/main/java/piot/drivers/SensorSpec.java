package piot.drivers;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A sensor as the drivers need it (the lead maps the YAML {@code sensors:} list onto these).
 * Constructors check their arguments and throw {@link IllegalArgumentException} naming the sensor.
 */
public sealed interface SensorSpec permits SensorSpec.I2c, SensorSpec.GpioInput {
    Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    String id();

    /** The I2C sensor types and the quantities they report. */
    enum I2cType {
        BME280("bme280", 0x76), SHT31("sht31", 0x44), BH1750("bh1750", 0x23), ADS1115("ads1115", 0x48);

        private final String configName;
        private final int defaultAddress;

        I2cType(String configName, int defaultAddress) {
            this.configName = configName;
            this.defaultAddress = defaultAddress;
        }

        /** The name used in the config, e.g. {@code bme280}. */
        public String configName() {
            return configName;
        }

        /** The address the chip answers on with its address pin at its default level. */
        public int defaultAddress() {
            return defaultAddress;
        }

        /** The type for a config name ({@code bme280}, …), or an {@link IllegalArgumentException} listing them. */
        public static I2cType fromConfig(String name) {
            for (I2cType t : values()) {
                if (t.configName.equals(name)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("i2c sensor type '" + name + "' is not one of bme280, sht31, bh1750, ads1115");
        }
    }

    /** Pull resistor of a gpio input. */
    enum Pull {
        UP, DOWN, OFF;

        /** {@code up}, {@code down} or {@code off}. */
        public static Pull fromConfig(String name) {
            return switch (name == null ? "" : name) {
                case "up" -> UP;
                case "down" -> DOWN;
                case "off" -> OFF;
                default -> throw new IllegalArgumentException("pull '" + name + "' is not one of up, down, off");
            };
        }
    }

    /**
     * One ADS1115 input: {@code value = volts * scale + offset} reported under {@code key} in {@code unit}.
     *
     * @param gain full-scale range in volts: 6.144, 4.096, 2.048, 1.024, 0.512 or 0.256
     */
    record AdsChannel(String key, int channel, double gain, double scale, double offset, String unit) {
        public AdsChannel {
            if (key == null || !ID.matcher(key).matches()) {
                throw new IllegalArgumentException("ads1115 channel key '" + key + "' must match " + ID);
            }
            if (channel < 0 || channel > 3) {
                throw new IllegalArgumentException("ads1115 channel " + key + ": channel " + channel + " not in 0..3");
            }
            if (piot.drivers.i2c.Ads1115.pgaBits(gain) < 0) {
                throw new IllegalArgumentException("ads1115 channel " + key + ": gain " + gain
                        + " not one of 6.144 4.096 2.048 1.024 0.512 0.256");
            }
            if (!Double.isFinite(scale) || !Double.isFinite(offset)) {
                throw new IllegalArgumentException("ads1115 channel " + key + ": scale and offset must be finite");
            }
            unit = unit == null ? "" : unit;
        }
    }

    /**
     * An I2C sensor.
     *
     * @param interval   how often it is read (100 ms .. 24 h)
     * @param channels   ads1115 only (1..4, unique channel and key); empty for the other types
     * @param stuckReads report a fault when every value stayed exactly the same for this many reads in
     *                   a row; 0 = off
     */
    record I2c(String id, I2cType type, int bus, int address, Duration interval, List<AdsChannel> channels,
               int stuckReads) implements SensorSpec {
        public I2c {
            checkId(id);
            if (type == null) {
                throw new IllegalArgumentException("sensor " + id + ": type missing");
            }
            if (bus < 0 || bus > 31) {
                throw new IllegalArgumentException("sensor " + id + ": i2c bus " + bus + " not in 0..31");
            }
            if (address < 0x03 || address > 0x77) {
                throw new IllegalArgumentException("sensor " + id + ": i2c address 0x" + Integer.toHexString(address)
                        + " not in 0x03..0x77");
            }
            if (interval == null || interval.compareTo(Duration.ofMillis(100)) < 0
                    || interval.compareTo(Duration.ofHours(24)) > 0) {
                throw new IllegalArgumentException("sensor " + id + ": interval " + interval + " not in 100ms..24h");
            }
            channels = List.copyOf(channels == null ? List.of() : channels);
            if (type == I2cType.ADS1115) {
                checkChannels(id, channels);
            } else if (!channels.isEmpty()) {
                throw new IllegalArgumentException("sensor " + id + ": channels are for ads1115 only");
            }
            if (stuckReads < 0 || stuckReads == 1) {
                throw new IllegalArgumentException("sensor " + id + ": stuckReads " + stuckReads + " must be 0 (off) or >= 2");
            }
        }

        /** A sensor with the default 10 s interval and no stuck check. */
        public static I2c of(String id, I2cType type, int bus, int address) {
            return new I2c(id, type, bus, address, Duration.ofSeconds(10), List.of(), 0);
        }

        public String where() {
            return "i2c-" + bus + " 0x" + String.format("%02x", address);
        }

        private static void checkChannels(String id, List<AdsChannel> channels) {
            if (channels.isEmpty() || channels.size() > 4) {
                throw new IllegalArgumentException("sensor " + id + ": ads1115 needs 1..4 channels");
            }
            Set<Integer> numbers = new HashSet<>();
            Set<String> keys = new HashSet<>();
            for (AdsChannel c : channels) {
                if (!numbers.add(c.channel()) || !keys.add(c.key())) {
                    throw new IllegalArgumentException("sensor " + id + ": ads1115 channel " + c.channel()
                            + " / key " + c.key() + " used twice");
                }
            }
        }
    }

    /**
     * A digital input (door contact, button). Its level (0/1, after {@code invert}) is reported
     * under key {@code level} at start and on every change that stayed stable for {@code debounce}.
     */
    record GpioInput(String id, int pin, Pull pull, Duration debounce, boolean invert) implements SensorSpec {
        public GpioInput {
            checkId(id);
            checkPin(id, pin);
            if (pull == null) {
                throw new IllegalArgumentException("sensor " + id + ": pull missing (up, down or off)");
            }
            if (debounce == null || debounce.isNegative() || debounce.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("sensor " + id + ": debounce " + debounce + " not in 0..10s");
            }
        }

        public String where() {
            return "gpio " + pin;
        }
    }

    static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id '" + id + "' must match [a-z][a-z0-9_-]{0,31}");
        }
    }

    static void checkPin(String id, int pin) {
        if (pin < 0 || pin > 27) {
            throw new IllegalArgumentException(id + ": pin " + pin + " not a BCM GPIO 0..27");
        }
    }
}
