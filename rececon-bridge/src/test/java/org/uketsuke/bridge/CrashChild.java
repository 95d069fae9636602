package org.uketsuke.bridge;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The process the crash test kills: submits and drains in a loop, saying each key once its commit returned. */
public final class CrashChild {

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        String prefix = args[1];
        try (RececonBridge bridge = RececonBridge.open(new BridgeConfig(dir.resolve("outbox.db"),
                dir.resolve("rececon.db"), dir.resolve("face"), Fixtures.INSTITUTION, StandardCharsets.UTF_8))) {
            for (int i = 0; ; i++) {
                String key = prefix + "-" + i;
                bridge.submit(Fixtures.confirmation(key, i));
                System.out.println("submitted " + key);
                System.out.flush();
                bridge.drain();
            }
        }
    }
}
