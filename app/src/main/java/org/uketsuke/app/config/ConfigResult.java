package org.uketsuke.app.config;

import java.util.List;
import java.util.Objects;

/** What reading a configuration gives: a checked configuration, or every problem found (never just the first). */
public sealed interface ConfigResult {

    record Ok(UketsukeConfig config) implements ConfigResult {
        public Ok {
            Objects.requireNonNull(config, "config");
        }
    }

    record Invalid(List<ConfigProblem> problems) implements ConfigResult {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid configuration has at least one problem");
            }
        }
    }
}
