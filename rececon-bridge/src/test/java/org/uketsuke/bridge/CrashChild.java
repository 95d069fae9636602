package org.uketsuke.bridge;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.uketsuke.bridge.csv.CsvExport;
import org.uketsuke.bridge.store.PostgresTarget;
import org.uketsuke.bridge.store.PostgresTls;

/**
 * The process the crash test kills: opens the bridge with every sink (SQLite, face folder, CSV and, when given, a
 * PostgreSQL server over verify-full TLS), says "ready", then submits and drains in a loop (every third round a batch of
 * eight in one transaction), saying each key once its commit returned.
 */
public final class CrashChild {

    private static final int BATCH = 8;

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
                // Every third round a 一括照会-like batch: one outbox transaction, delivered a page at a time.
                List<Confirmation> round = new ArrayList<>();
                for (int j = 0; j < (i % 3 == 2 ? BATCH : 1); j++) {
                    round.add(Fixtures.confirmation(prefix + "-" + i + (j == 0 ? "" : "-" + j), i));
                }
                bridge.submitAll(round);
                round.forEach(c -> System.out.println("submitted " + c.idempotencyKey()));
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
