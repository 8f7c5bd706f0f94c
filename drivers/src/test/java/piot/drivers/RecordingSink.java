package piot.drivers;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that keeps everything, for assertions. */
final class RecordingSink implements ReadingSink {
    final List<Reading> readings = new CopyOnWriteArrayList<>();
    final List<SensorFault> faults = new CopyOnWriteArrayList<>();
    final List<String> recovered = new CopyOnWriteArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();

    @Override
    public void onReading(Reading r) {
        readings.add(r);
        log.add("reading " + r.thingId() + "." + r.key() + "=" + r.value());
    }

    @Override
    public void onFault(SensorFault f) {
        faults.add(f);
        log.add("fault " + f.describe());
    }

    @Override
    public void onRecovered(String sensorId) {
        recovered.add(sensorId);
        log.add("recovered " + sensorId);
    }

    List<Reading> of(String id, String key) {
        return readings.stream().filter(r -> r.thingId().equals(id) && r.key().equals(key)).toList();
    }

    double last(String id, String key) {
        List<Reading> l = of(id, key);
        if (l.isEmpty()) {
            throw new AssertionError("no reading " + id + "." + key + "; log: " + log);
        }
        return l.get(l.size() - 1).value();
    }

    void clear() {
        readings.clear();
        faults.clear();
        recovered.clear();
        log.clear();
    }
}
