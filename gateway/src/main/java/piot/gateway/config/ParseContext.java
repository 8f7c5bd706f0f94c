package piot.gateway.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the section parsers share: the problems, claimed ids/pins/addresses, and checks that need the whole file. */
final class ParseContext {
    final Problems problems;
    /** thing id to "sensor 'x'" or "actuator 'x'". */
    final Map<String, String> things = new HashMap<>();
    final Map<String, SensorConfig.SensorType> sensorTypes = new HashMap<>();
    final Map<String, List<String>> adsKeys = new HashMap<>();
    final Set<String> actuatorIds = new LinkedHashSet<>();
    final Set<String> linkPeers = new LinkedHashSet<>();
    final List<Runnable> deferred = new ArrayList<>();
    private final Map<Integer, String> pins = new HashMap<>();
    private final Map<String, String> i2c = new HashMap<>();
    String nodeName = "";
    boolean discoveryEnabled;

    ParseContext(Problems problems) {
        this.problems = problems;
    }

    /** Records a thing id, reporting one already taken. */
    void claimId(YamlNode at, String id, String what) {
        String previous = things.putIfAbsent(id, what + " at line " + at.line());
        if (previous != null) {
            problems.at(at, "duplicate id '" + id + "': already used by " + previous + "; sensor and actuator ids must be unique");
        }
    }

    void claimPin(YamlNode at, int pin, String what) {
        String previous = pins.putIfAbsent(pin, what + " at line " + at.line());
        if (previous != null) {
            problems.at(at, "GPIO pin " + pin + " of " + what + " is already used by " + previous);
        }
    }

    void claimI2c(YamlNode at, SensorConfig.I2cAddress address, String what) {
        String previous = i2c.putIfAbsent(address.bus() + "/" + address.address(), what + " at line " + at.line());
        if (previous != null) {
            problems.at(at, "I2C " + address + " of " + what + " is already used by " + previous);
        }
    }
}
