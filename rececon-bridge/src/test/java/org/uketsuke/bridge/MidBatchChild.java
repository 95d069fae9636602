package org.uketsuke.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.uketsuke.bridge.sink.BatchDelivery;
import org.uketsuke.bridge.sink.OutboxEntry;
import org.uketsuke.bridge.sink.RececonSink;
import org.uketsuke.bridge.store.JdbcRececonStore;

/**
 * The process {@code BatchDeliveryTest} kills in the middle of a batch delivery: it submits a batch in one outbox
 * transaction, says each key, then drains through the real SQLite store and face folder and stops before the outbox's
 * marks, at a sink that says "mid-batch" and waits to be killed (there is no CSV export here: the sinks of a page
 * deliver at the same time, so only a sink that is absent surely has not taken the batch). With a third argument
 * {@code after-force} it stops earlier, inside the face folder's page write: every file forced, none renamed yet.
 */
public final class MidBatchChild {

    /** Beside the real sinks: waits until the SQLite store and the face folder hold the whole batch, then halts. */
    private record Halt(Path dir, int count) implements RececonSink {
        @Override
        public String name() {
            return "halt";
        }

        @Override
        public void deliver(OutboxEntry entry) {
            deliverAll(List.of(entry));
        }

        @Override
        public BatchDelivery deliverAll(List<OutboxEntry> entries) {
            while (storeRows(dir) < count || faceFiles(dir) < count) {
                pause(5);
            }
            return haltSaying("mid-batch " + entries.size());
        }
    }

    private static BatchDelivery haltSaying(String line) {
        System.out.println(line);
        System.out.flush();
        while (true) {
            pause(60_000);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int storeRows(Path dir) {
        try (Connection store = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("rececon.db"));
                ResultSet rs = store.createStatement().executeQuery("select count(*) from qualification")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            return 0; // not created yet: the store's sink runs beside this one
        }
    }

    private static long faceFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir.resolve("face"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".xml"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        boolean afterForce = args.length > 2 && args[2].equals("after-force");
        Runnable beforeRenames = afterForce
                ? () -> {
                    while (storeRows(dir) < count) { // the store's transaction runs beside the face folder's page
                        pause(5);
                    }
                    haltSaying("forced " + count);
                }
                : () -> {};
        List<RececonSink> sinks = List.of(
                JdbcRececonStore.sqlite(dir.resolve("rececon.db")),
                new FaceFolderSink(dir.resolve("face"), Fixtures.INSTITUTION, StandardCharsets.UTF_8, beforeRenames),
                new Halt(dir, count));
        try (RececonBridge bridge = RececonBridge.open(dir.resolve("outbox.db"), sinks, Fixtures.INSTITUTION)) {
            List<Confirmation> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                batch.add(Fixtures.confirmation("killed-" + i, i));
            }
            bridge.submitAll(batch);
            batch.forEach(c -> System.out.println("submitted " + c.idempotencyKey()));
            System.out.flush();
            bridge.drain();
        }
    }
}
