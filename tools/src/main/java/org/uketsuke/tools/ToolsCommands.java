package org.uketsuke.tools;

import java.util.List;
import org.uketsuke.app.cli.CommandContribution;
import org.uketsuke.tools.bench.BenchCommand;
import org.uketsuke.tools.bench.SoakCommand;
import org.uketsuke.tools.face.FaceCommand;

/** The developer tools' sub-commands: {@code bench}, {@code soak} and {@code face eval}; never in the installers. */
public final class ToolsCommands implements CommandContribution {

    @Override
    public List<Object> commands() {
        return List.of(new BenchCommand(), new SoakCommand(), new FaceCommand());
    }
}
