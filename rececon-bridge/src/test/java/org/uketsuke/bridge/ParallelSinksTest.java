package org.uketsuke.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.sink.BatchDelivery;
import org.uketsuke.bridge.sink.DurableWrites;
import org.uketsuke.bridge.sink.OutboxEntry;
import org.uketsuke.bridge.sink.RececonSink;
import org.uketsuke.bridge.store.JdbcRececonStore;

/**
 * A visit's sinks deliver at the same time (the SQLite row and the face file's fsyncs overlap), and still exactly once:
 * each sink's delivery recorded after both answered, nothing delivered twice by the next drain, every write counted
 * on the thread that waited for it.
 */
class ParallelSinksTest {

    @TempDir
    Path dir;

    @Test
    void theStoreAndTheFaceFolderDeliverTogetherAndEachHoldsTheEntryOnce() throws Exception {
        // Each sink waits, before it writes, until the other one has started: one after the other, neither would.
        CyclicBarrier bothStarted = new CyclicBarrier(2);
        List<RececonSink> sinks = List.of(
                new Rendezvous(JdbcRececonStore.sqlite(dir.resolve("rececon.db")), bothStarted),
                new Rendezvous(
                        new FaceFolderSink(dir.resolve("face"), Fixtures.INSTITUTION, StandardCharsets.UTF_8),
                        bothStarted));
        try (RececonBridge bridge = RececonBridge.open(dir.resolve("outbox.db"), sinks, Fixtures.INSTITUTION)) {
            bridge.submit(Fixtures.confirmation("together", 1));
            DurableWrites.Count before = DurableWrites.onThisThread();
            assertThat(bridge.drain()).isEqualTo(1);
            // The store's commit, the outbox's record; the face file's fsync and its folder's, made on the other
            // thread.
            assertThat(DurableWrites.onThisThread().since(before)).isEqualTo(new DurableWrites.Count(2, 2));
            assertThat(bridge.statuses()).singleElement().satisfies(s -> {
                assertThat(s.state()).isEqualTo(DeliveryStatus.State.DELIVERED);
                assertThat(s.sinks()).containsEntry("sqlite", true).containsEntry("face-folder", true);
            });
            bridge.submit(Fixtures.confirmation("together", 1));
            assertThat(bridge.drain()).isZero();
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("rececon.db"));
                ResultSet rs = db.createStatement().executeQuery("select count(*) from qualification")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
        try (Stream<Path> files = Files.list(dir.resolve("face"))) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".xml")))
                    .hasSize(1);
        }
    }

    /** A real sink that first waits for the other sink of the page to have started too. */
    private record Rendezvous(RececonSink sink, CyclicBarrier bothStarted) implements RececonSink {

        @Override
        public String name() {
            return sink.name();
        }

        @Override
        public void deliver(OutboxEntry entry) throws Exception {
            sink.deliver(entry);
        }

        @Override
        public BatchDelivery deliverAll(List<OutboxEntry> entries) {
            try {
                bothStarted.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other sink did not start while this one waited", e);
            }
            return sink.deliverAll(entries);
        }

        @Override
        public void close() {
            sink.close();
        }
    }
}
