package org.uketsuke.bridge;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.uketsuke.bridge.csv.CsvExport;
import org.uketsuke.bridge.csv.CsvExportSink;
import org.uketsuke.bridge.sink.BatchDelivery;
import org.uketsuke.bridge.sink.OutboxEntry;
import org.uketsuke.bridge.sink.RececonSink;
import org.uketsuke.bridge.store.JdbcRececonStore;

/**
 * The process {@code BatchDeliveryTest} kills in the middle of a batch delivery: it submits a batch in one outbox
 * transaction, says each key, then drains through the real SQLite store and face folder and stops before the CSV export
 * and the outbox's marks, at a sink that says "mid-batch" and waits to be killed. With a third argument
 * {@code after-force} it stops earlier, inside the face folder's page write: every file forced, none renamed yet.
 */
public final class MidBatchChild {

    /** Between two real sinks: the SQLite store and the face folder have taken the batch, the CSV export has not. */
    private static final class Halt implements RececonSink {
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
            return haltSaying("mid-batch " + entries.size());
        }
    }

    private static BatchDelivery haltSaying(String line) {
        System.out.println(line);
        System.out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        boolean afterForce = args.length > 2 && args[2].equals("after-force");
        Runnable beforeRenames = afterForce ? () -> haltSaying("forced " + count) : () -> {};
        List<RececonSink> sinks = List.of(
                JdbcRececonStore.sqlite(dir.resolve("rececon.db")),
                new FaceFolderSink(dir.resolve("face"), Fixtures.INSTITUTION, StandardCharsets.UTF_8, beforeRenames),
                new Halt(),
                new CsvExportSink(new CsvExport(dir.resolve("csv"), StandardCharsets.UTF_8)));
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
