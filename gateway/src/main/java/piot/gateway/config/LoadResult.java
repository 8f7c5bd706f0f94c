package piot.gateway.config;

import java.util.List;

/** The outcome of loading a device file: a valid configuration, or every problem found in it. */
public sealed interface LoadResult {
    /** The file is valid. */
    record Loaded(DeviceConfig config) implements LoadResult {}

    /** The file is invalid; {@code problems} is never empty and is sorted by position. */
    record Invalid(List<ConfigProblem> problems) implements LoadResult {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid result needs at least one problem");
            }
        }
    }
}
