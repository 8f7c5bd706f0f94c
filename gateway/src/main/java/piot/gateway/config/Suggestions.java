package piot.gateway.config;

import java.util.List;

/** "Did you mean" hints for misspelt keys and names. */
final class Suggestions {
    private Suggestions() {}

    /** {@code " (did you mean 'x'?)"} for a close candidate, else {@code "; allowed: a, b, c"}. */
    static String hint(String given, List<String> candidates) {
        return hint(given, candidates, "allowed");
    }

    /** As {@link #hint(String, List)}, listing the candidates under {@code label} ("sensors: a, b"). */
    static String hint(String given, List<String> candidates, String label) {
        if (candidates.isEmpty()) {
            return "; there are no " + label;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(given.toLowerCase(java.util.Locale.ROOT), c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        if (best != null && bestDistance <= Math.max(1, Math.min(3, best.length() / 3))) {
            return " (did you mean '" + best + "'?)";
        }
        return "; " + label + ": " + String.join(", ", candidates);
    }

    /** Levenshtein distance, bounded by the short strings keys are. */
    static int distance(String a, String b) {
        if (a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
