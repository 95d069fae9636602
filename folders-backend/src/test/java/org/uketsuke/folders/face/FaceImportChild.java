package org.uketsuke.folders.face;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.store.PostgresTarget;

/**
 * The importing terminal of {@link FaceImportCrashTest}: imports and delivers in a loop until it is killed. Arguments:
 * the face folder, the data folder, and optionally a PostgreSQL store (URL, user, password, server CA file).
 */
public final class FaceImportChild {

    private FaceImportChild() {}

    public static void main(String[] args) throws Exception {
        Path face = Path.of(args[0]);
        Path data = Path.of(args[1]);
        PostgresTarget postgres =
                args.length > 2 ? PostgresTarget.configured(args[2], args[3], args[4], Path.of(args[5]), false) : null;
        RececonBridge bridge = RececonBridge.open(FaceImportCrashTest.bridgeConfig(data, postgres));
        FaceFolderImporter importer = FaceImportCrashTest.importer(face, data, bridge, Clock.systemUTC());
        System.out.println("ready");
        System.out.flush();
        while (true) {
            importer.pass();
            bridge.drain();
            Thread.sleep(Duration.ofMillis(2));
        }
    }
}
