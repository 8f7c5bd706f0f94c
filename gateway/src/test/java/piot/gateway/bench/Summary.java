package piot.gateway.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Min, median and max of a few runs of one figure; what BENCHMARKS.md shows for every number. */
record Summary(double min, double median, double max, int runs) {
    static Summary of(List<Double> values) {
        if (values.isEmpty()) {
            return new Summary(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
        return new Summary(v.get(0), median, v.get(n - 1), n);
    }

    /** "median (min–max)" with a sensible number of digits. */
    String show() {
        if (runs == 0) {
            return "n/a";
        }
        return num(median) + " (" + num(min) + "–" + num(max) + ")";
    }

    static String num(double d) {
        if (Double.isNaN(d)) {
            return "n/a";
        }
        double a = Math.abs(d);
        if (a >= 100 || d == Math.rint(d)) {
            return String.format(Locale.ROOT, "%,.0f", d);
        }
        if (a != 0 && a < 0.1) {
            return String.format(Locale.ROOT, "%.2g", d);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        return String.format(Locale.ROOT, "%.2f", d);
    }
}
