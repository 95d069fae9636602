package org.uketsuke.folders.face;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.folders.LinkAppFixture;

/** The importing terminal of {@link FaceImportCrashTest}: imports and delivers in a loop until it is killed. */
public final class FaceImportChild {

    private FaceImportChild() {}

    public static void main(String[] args) throws Exception {
        Path face = Path.of(args[0]);
        Path data = Path.of(args[1]);
        RececonBridge bridge = RececonBridge.open(new BridgeConfig(
                data.resolve("outbox.db"),
                data.resolve("rececon.db"),
                null,
                LinkAppFixture.INSTITUTION,
                StandardCharsets.UTF_8));
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
