package org.uketsuke.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.csv.CsvExportSink;
import org.uketsuke.eligibility.ReceivedMessage;

/**
 * A page of entries goes to each sink at once (one transaction, one folder sync, one CSV rewrite); what fails in the
 * middle of it keeps only the entries it concerns pending, with their reason, and everything else is delivered — each
 * key exactly once in every sink, compared key by key.
 */
class BatchDeliveryTest {

    private static final List<String> KEYS = List.of("mid-0", "mid-1", "mid-2", "mid-3", "mid-4", "mid-5");

    @TempDir
    Path dir;

    /** SQLite store, face folder and CSV export: the crash test's sinks. */
    private BridgeConfig config() {
        return CrashChild.config(dir, null);
    }

    /**
     * In one page: an entry whose message no sink can read, a face file whose name is taken by a folder, and a row the
     * store refuses inside its batch transaction (a trigger: the transaction rolls back and the entries go again one
     * by one). After the folder and the trigger are gone, a second drain delivers the rest once; the unreadable entry
     * stays pending with its reason.
     */
    @Test
    void failuresInTheMiddleOfABatchKeepOnlyTheirEntriesPending() throws Exception {
        Path takenByAFolder;
        try (RececonBridge bridge = RececonBridge.open(config())) {
            takenByAFolder = dir.resolve("face")
                    .resolve(new FaceFolderSink(dir.resolve("face"), Fixtures.INSTITUTION, StandardCharsets.UTF_8)
                            .fileName("mid-3", "20261124100003", "1"));
            Files.createDirectory(takenByAFolder);
            refuseInTheStore("mid-4");
            List<Confirmation> batch = new ArrayList<>();
            for (int i = 0; i < KEYS.size(); i++) {
                batch.add(Fixtures.confirmation(KEYS.get(i), i));
            }
            Confirmation readable = batch.get(1);
            batch.set(
                    1,
                    new Confirmation(
                            readable.idempotencyKey(),
                            readable.confirmedAt(),
                            readable.method(),
                            readable.result()
                                    .withReceived(
                                            new ReceivedMessage("<not a result".getBytes(StandardCharsets.UTF_8)))));
            bridge.submitAll(batch);

            assertThat(bridge.drain()).isEqualTo(3);
            Map<String, DeliveryStatus> status = statuses(bridge);
            assertThat(status.get("mid-1").lastError()).contains("unreadable result message");
            assertThat(status.get("mid-1").sinks()).doesNotContainValue(true);
            assertThat(status.get("mid-3").lastError()).startsWith("face-folder:");
            assertThat(status.get("mid-3").sinks())
                    .containsEntry("sqlite", true)
                    .containsEntry("face-folder", false)
                    .containsEntry("csv", true);
            assertThat(status.get("mid-4").lastError()).startsWith("sqlite:").contains("refused");
            assertThat(status.get("mid-4").sinks())
                    .containsEntry("sqlite", false)
                    .containsEntry("face-folder", true)
                    .containsEntry("csv", true);
            assertThat(List.of("mid-0", "mid-2", "mid-5"))
                    .allMatch(key -> status.get(key).state() == DeliveryStatus.State.DELIVERED);

            Files.delete(takenByAFolder);
            acceptInTheStore();
            assertThat(bridge.drain()).isEqualTo(2);
            assertThat(statuses(bridge).get("mid-1").state()).isEqualTo(DeliveryStatus.State.PENDING);
        }
        List<String> delivered = List.of("mid-0", "mid-2", "mid-3", "mid-4", "mid-5");
        assertThat(storeKeys()).containsExactlyInAnyOrderElementsOf(delivered);
        assertThat(faceKeys())
                .containsExactlyInAnyOrderElementsOf(
                        delivered.stream().map(FaceFolderSink::keyDigest).toList());
        assertThat(csvKeys()).containsExactlyInAnyOrderElementsOf(delivered);
    }

    /** The bridge's own entry in a batch that another sink already holds (a crash before the marks) is not doubled. */
    @Test
    void aBatchRedeliveredAfterTheSinksTookItDoublesNothing() throws Exception {
        try (RececonBridge bridge = RececonBridge.open(config())) {
            List<Confirmation> batch = new ArrayList<>();
            for (int i = 0; i < KEYS.size(); i++) {
                batch.add(Fixtures.confirmation(KEYS.get(i), i));
            }
            bridge.submitAll(batch);
            bridge.drain();
        }
        try (Connection outbox = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
                Statement s = outbox.createStatement()) {
            // As if the process had died after the sinks' transactions and before the outbox's.
            s.execute("delete from delivery");
            s.execute("update entry set state = 'PENDING'");
        }
        try (RececonBridge bridge = RececonBridge.open(config())) {
            assertThat(bridge.drain()).isEqualTo(KEYS.size());
        }
        assertThat(storeKeys()).containsExactlyInAnyOrderElementsOf(KEYS);
        assertThat(faceKeys())
                .containsExactlyInAnyOrderElementsOf(
                        KEYS.stream().map(FaceFolderSink::keyDigest).toList());
        assertThat(csvKeys()).containsExactlyInAnyOrderElementsOf(KEYS);
    }

    /**
     * kill -9 in the middle of a batch delivery (a real child process): the SQLite store's transaction and the face
     * files are done, the CSV export and the outbox's marks are not. The next drain delivers the batch again: every
     * acknowledged key exactly once in each sink.
     */
    @Test
    void aKillInTheMiddleOfABatchDeliveryLosesAndDoublesNothing() throws Exception {
        int count = 20;
        List<String> acknowledged = killChild("mid-batch " + count, Integer.toString(count));
        assertThat(storeKeys()).as("the store took the batch before the kill").hasSize(count);
        assertThat(csvKeys()).as("the CSV export had not").isEmpty();

        assertEachKeyOnceAfterTheNextDrain(acknowledged);
    }

    /**
     * kill -9 inside the face folder's page write, after every file of the page is forced and before the first rename:
     * no file under a final name (a reader sees none of the page), only dot-temps a reader ignores. The next drain
     * writes the page again: every key once, and nothing of the leftover temps counts as a result.
     */
    @Test
    void aKillBetweenAPagesForcesAndItsRenamesShowsNoFileAndLosesNothing() throws Exception {
        int count = 20;
        List<String> acknowledged = killChild("forced " + count, Integer.toString(count), "after-force");
        assertThat(storeKeys()).as("the store took the batch before the kill").hasSize(count);
        assertThat(faceKeys()).as("no face file under its final name").isEmpty();
        try (Stream<Path> files = Files.list(dir.resolve("face"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("the page's forced temp files, not yet renamed")
                    .hasSize(count)
                    .allMatch(name -> name.startsWith(".") && name.endsWith(".tmp"));
        }

        assertEachKeyOnceAfterTheNextDrain(acknowledged);
    }

    /** Runs {@link MidBatchChild} with {@code args} and kills it when it says {@code stopLine}; the keys it submitted. */
    private List<String> killChild(String stopLine, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                MidBatchChild.class.getName(),
                dir.toString()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> acknowledged = new ArrayList<>();
        List<String> other = new ArrayList<>();
        boolean stopped = false;
        try (BufferedReader out = child.inputReader(StandardCharsets.UTF_8)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("submitted ")) {
                    acknowledged.add(line.substring("submitted ".length()));
                } else if (line.equals(stopLine)) {
                    stopped = true;
                    child.destroyForcibly();
                    break;
                } else {
                    other.add(line);
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(stopped)
                .as("the child reached '%s'; it said %s", stopLine, other)
                .isTrue();
        assertThat(acknowledged).as("the child said %s", other).hasSize(Integer.parseInt(args[0]));
        return acknowledged;
    }

    private void assertEachKeyOnceAfterTheNextDrain(List<String> acknowledged) throws Exception {
        try (RececonBridge bridge = RececonBridge.open(config())) {
            assertThat(bridge.statuses()).allMatch(s -> s.state() == DeliveryStatus.State.PENDING);
            assertThat(bridge.drain()).isEqualTo(acknowledged.size());
        }
        assertThat(storeKeys()).containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(faceKeys())
                .containsExactlyInAnyOrderElementsOf(
                        acknowledged.stream().map(FaceFolderSink::keyDigest).toList());
        assertThat(csvKeys()).containsExactlyInAnyOrderElementsOf(acknowledged);
    }

    private static Map<String, DeliveryStatus> statuses(RececonBridge bridge) {
        return bridge.statuses().stream()
                .collect(Collectors.toMap(DeliveryStatus::idempotencyKey, Function.identity()));
    }

    private void refuseInTheStore(String key) throws Exception {
        try (Connection store = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("rececon.db"));
                Statement s = store.createStatement()) {
            s.execute("create trigger refuse before insert on qualification when new.idempotency_key = '" + key
                    + "' begin select raise(abort, 'refused by the test'); end");
        }
    }

    private void acceptInTheStore() throws Exception {
        try (Connection store = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("rececon.db"));
                Statement s = store.createStatement()) {
            s.execute("drop trigger refuse");
        }
    }

    private List<String> storeKeys() throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection store = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("rececon.db"));
                ResultSet rs = store.createStatement().executeQuery("select idempotency_key from qualification")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    private List<String> faceKeys() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("face"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".xml"))
                    .map(FaceFolderSink::keyDigestOf)
                    .toList();
        }
    }

    private List<String> csvKeys() throws Exception {
        return CsvExportSink.keysIn(dir.resolve("csv"));
    }
}
