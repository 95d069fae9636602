package org.uketsuke.app.cli;

import java.util.List;

/**
 * Sub-commands that an optional package adds to {@code uketsuke}: the training package's {@code demo},
 * {@code backend} and {@code card simulate}, the tools' {@code bench}, {@code soak} and {@code face eval}. Found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/org.uketsuke.app.cli.CommandContribution}), so the
 * production package runs without them.
 */
public interface CommandContribution {

    /** picocli command objects (each annotated with {@code @Command}) to add under {@code uketsuke}. */
    List<Object> commands();
}
