package org.uketsuke.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.sink.DeliveryId;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultMessage;

/** Real SQLite files and real folders: one row and one file per confirmation, whatever happens around them. */
class RececonBridgeTest {

    @TempDir
    Path dir;

    private BridgeConfig config(Charset charset) {
        return new BridgeConfig(
                dir.resolve("outbox.db"),
                dir.resolve("rececon.db"),
                dir.resolve("face"),
                Fixtures.INSTITUTION,
                charset);
    }

    @Test
    void aConfirmationBecomesOneRowAndOneOfficialFaceFile() throws Exception {
        try (RececonBridge bridge = RececonBridge.open(config(StandardCharsets.UTF_8))) {
            bridge.submit(Fixtures.confirmation("k1", 1));
            assertThat(bridge.drain()).isEqualTo(1);
            assertThat(bridge.statuses()).singleElement().satisfies(s -> {
                assertThat(s.state()).isEqualTo(DeliveryStatus.State.DELIVERED);
                assertThat(s.sinks()).containsEntry("sqlite", true).containsEntry("face-folder", true);
            });
        }
        assertThat(rows()).isEqualTo(1);
        List<Path> files = faceFiles();
        assertThat(files)
                .singleElement()
                .satisfies(file -> assertThat(file.getFileName().toString())
                        .matches("OQSsiquc01res_face_1311234567[0-9a-f]{20}_20261124100001\\.xml"));
        ResultMessage message = QualificationXml.parseResult(Files.readAllBytes(files.getFirst()));
        assertThat(message.toOutcome())
                .isInstanceOfSatisfying(
                        ConfirmationOutcome.Confirmed.class,
                        c -> assertThat(c.qualification()).isEqualTo(Fixtures.qualification(1)));
        assertThat(message.medicalInstitutionCode()).isEqualTo(Fixtures.INSTITUTION);
    }

    @Test
    void shiftJisFilesDeclareAndUseShiftJis() throws Exception {
        try (RececonBridge bridge = RececonBridge.open(config(Charset.forName("Shift_JIS")))) {
            bridge.submit(Fixtures.confirmation("sjis", 2));
            bridge.drain();
        }
        byte[] bytes = Files.readAllBytes(faceFiles().getFirst());
        assertThat(new String(bytes, 0, 50, StandardCharsets.US_ASCII)).contains("encoding=\"Shift_JIS\"");
        assertThat(new String(bytes, Charset.forName("Shift_JIS"))).contains("受付　太郎2");
        assertThat(QualificationXml.parseResult(bytes).characterCode()).isEqualTo(CharacterCode.SHIFT_JIS);
    }

    @Test
    void submittingOrDrainingTwiceNeverDoubles() throws Exception {
        try (RececonBridge bridge = RececonBridge.open(config(StandardCharsets.UTF_8))) {
            DeliveryId first = bridge.submit(Fixtures.confirmation("same", 3));
            DeliveryId second = bridge.submit(Fixtures.confirmation("same", 3));
            assertThat(second).isEqualTo(first);
            bridge.drain();
            bridge.drain();
            assertThat(bridge.statuses()).hasSize(1);
        }
        assertThat(rows()).isEqualTo(1);
        assertThat(faceFiles()).hasSize(1);
    }

    @Test
    void aBrokenFolderKeepsTheEntryPendingWithItsReasonAndTheOtherSinkDelivers() throws Exception {
        BridgeConfig blocked = new BridgeConfig(
                dir.resolve("outbox.db"),
                dir.resolve("rececon.db"),
                dir.resolve("face"),
                Fixtures.INSTITUTION,
                StandardCharsets.UTF_8);
        try (RececonBridge bridge = RececonBridge.open(blocked)) {
            Path face = dir.resolve("face");
            // The folder disappears and a file takes its name: the share went away under us.
            Files.delete(face);
            Files.writeString(face, "oops");
            bridge.submit(Fixtures.confirmation("k-broken", 4));
            assertThat(bridge.drain()).isZero();
            DeliveryStatus status = bridge.statuses().getFirst();
            assertThat(status.state()).isEqualTo(DeliveryStatus.State.PENDING);
            assertThat(status.lastError()).startsWith("face-folder:");
            assertThat(status.sinks()).containsEntry("sqlite", true).containsEntry("face-folder", false);
            assertThat(rows()).isEqualTo(1);

            Files.delete(face);
            Files.createDirectory(face);
            assertThat(bridge.drain()).isEqualTo(1);
            assertThat(bridge.statuses().getFirst().state()).isEqualTo(DeliveryStatus.State.DELIVERED);
        }
        assertThat(rows()).isEqualTo(1);
        assertThat(faceFiles()).hasSize(1);
    }

    @Test
    void reopeningResumesWhatWasNotDelivered() throws Exception {
        try (RececonBridge bridge = RececonBridge.open(config(StandardCharsets.UTF_8))) {
            bridge.submit(Fixtures.confirmation("a", 5));
            bridge.submit(Fixtures.confirmation("b", 6));
        }
        try (RececonBridge bridge = RececonBridge.open(config(StandardCharsets.UTF_8))) {
            assertThat(bridge.statuses()).allMatch(s -> s.state() == DeliveryStatus.State.PENDING);
            assertThat(bridge.drain()).isEqualTo(2);
        }
        assertThat(rows()).isEqualTo(2);
        assertThat(faceFiles()).hasSize(2);
    }

    @Test
    void noTemporaryFileIsEverLeftLookingLikeAResult() throws Exception {
        try (RececonBridge bridge = RececonBridge.open(config(StandardCharsets.UTF_8))) {
            for (int i = 0; i < 10; i++) {
                bridge.submit(Fixtures.confirmation("t" + i, i));
            }
            bridge.drain();
        }
        try (Stream<Path> all = Files.list(dir.resolve("face"))) {
            assertThat(all.map(p -> p.getFileName().toString()))
                    .hasSize(10)
                    .allMatch(n -> n.startsWith("OQS") && n.endsWith(".xml"));
        }
    }

    @Test
    void anEntryThatKeepsFailingIsParkedVisiblyAndStaffCanSendItAgain() throws Exception {
        Path face = dir.resolve("face");
        try (RececonBridge bridge = RececonBridge.open(config(StandardCharsets.UTF_8))) {
            Files.delete(face);
            Files.writeString(face, "the share is gone");
            bridge.submit(Fixtures.confirmation("stuck", 7));
            for (int attempt = 0; attempt < RececonBridge.MAX_ATTEMPTS; attempt++) {
                bridge.drain();
            }
            DeliveryStatus parked = bridge.statuses().getFirst();
            assertThat(parked.state()).isEqualTo(DeliveryStatus.State.FAILED);
            assertThat(parked.attempts()).isEqualTo(RececonBridge.MAX_ATTEMPTS);
            assertThat(parked.lastError()).startsWith("face-folder:");
            bridge.drain();
            assertThat(bridge.statuses().getFirst().attempts())
                    .as("a parked entry is not retried by itself")
                    .isEqualTo(RececonBridge.MAX_ATTEMPTS);

            Files.delete(face);
            Files.createDirectory(face);
            bridge.retry(parked.id());
            assertThat(bridge.statuses().getFirst().state()).isEqualTo(DeliveryStatus.State.PENDING);
            assertThat(bridge.drain()).isEqualTo(1);
            assertThat(bridge.statuses().getFirst().state()).isEqualTo(DeliveryStatus.State.DELIVERED);
        }
        assertThat(rows()).isEqualTo(1);
        assertThat(faceFiles()).hasSize(1);
    }

    @Test
    void theStaffListShowsEveryOpenEntryFirstThenTheNewestDelivered() throws Exception {
        try (RececonBridge bridge = RececonBridge.open(config(StandardCharsets.UTF_8))) {
            for (int i = 0; i < 5; i++) {
                bridge.submit(Fixtures.confirmation("done-" + i, i));
            }
            bridge.drain();
            bridge.submit(Fixtures.confirmation("open-1", 9)); // not drained yet
            assertThat(bridge.recentStatuses(3))
                    .extracting(DeliveryStatus::idempotencyKey)
                    .containsExactly("open-1", "done-4", "done-3");
            assertThat(bridge.recentStatuses(3).getFirst().confirmedAt())
                    .isEqualTo(Fixtures.confirmation("open-1", 9).confirmedAt());
        }
    }

    private int rows() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("rececon.db"));
                ResultSet rs = db.createStatement().executeQuery("select count(*) from qualification")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private List<Path> faceFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("face"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".xml"))
                    .sorted()
                    .toList();
        }
    }
}
