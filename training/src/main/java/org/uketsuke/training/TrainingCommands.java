package org.uketsuke.training;

import java.util.List;
import org.uketsuke.app.cli.CommandContribution;

/** The training package's commands under {@code uketsuke}: {@code demo}, {@code backend} and {@code card simulate}. */
public final class TrainingCommands implements CommandContribution {

    @Override
    public List<Object> commands() {
        return List.of(new DemoCommand(), new BackendCommand(), new CardCommand());
    }
}
