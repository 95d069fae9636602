package org.uketsuke.bridge;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.uketsuke.bridge.csv.CsvExport;
import org.uketsuke.bridge.store.PostgresTarget;
import org.uketsuke.bridge.store.PostgresTls;

/**
 * The process the crash test kills: opens the bridge with every sink (SQLite, face folder, CSV and, when given, a
 * PostgreSQL server over verify-full TLS), says "ready", then submits and drains in a loop, saying each key once its commit returned.
 */
public final class CrashChild {

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        String prefix = args[1];
        PostgresTarget postgres = args.length > 3
                ? new PostgresTarget(args[2], "uketsuke", "", new PostgresTls.VerifyFull(Path.of(args[3])))
                : null;
        try (RececonBridge bridge = RececonBridge.open(config(dir, postgres))) {
            System.out.println("ready");
            System.out.flush();
            // "warmup" runs a few rounds and exits normally, so the JVM can write the class-data archive at exit.
            int rounds = prefix.equals("warmup") ? 5 : Integer.MAX_VALUE;
            for (int i = 0; i < rounds; i++) {
                String key = prefix + "-" + i;
                bridge.submit(Fixtures.confirmation(key, i));
                System.out.println("submitted " + key);
                System.out.flush();
                bridge.drain();
            }
        }
    }

    static BridgeConfig config(Path dir, PostgresTarget postgres) {
        BridgeConfig config = new BridgeConfig(
                        dir.resolve("outbox.db"),
                        dir.resolve("rececon.db"),
                        dir.resolve("face"),
                        Fixtures.INSTITUTION,
                        StandardCharsets.UTF_8)
                .withCsvExport(new CsvExport(dir.resolve("csv"), StandardCharsets.UTF_8));
        return postgres == null ? config : config.withPostgres(postgres);
    }
}
