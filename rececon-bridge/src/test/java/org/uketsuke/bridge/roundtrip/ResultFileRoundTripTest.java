package org.uketsuke.bridge.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.Confirmation;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.csv.CsvExport;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultMessage;

/**
 * A generated result with every optional block present travels backend → client → outbox → face folder → SQLite store
 * → CSV (seeded generator loop, {@value #CASES} cases per character set): the face file is the very bytes the backend
 * sent (or, for a Shift_JIS folder, the same message converted), and every field reaches the store and the CSV.
 */
class ResultFileRoundTripTest {

    private static final int CASES = 120;
    private static final String UNMODELLED = "<FutureElement>未知の要素</FutureElement>";

    @TempDir
    Path dir;

    @Test
    void everyFieldArrivesAndTheUtf8FaceFileIsWhatTheBackendSent() throws Exception {
        roundTrip(StandardCharsets.UTF_8, CharacterCode.UTF_8, 20261204L);
    }

    @Test
    void aShiftJisFaceFolderGetsTheSameMessageConverted() throws Exception {
        roundTrip(Charset.forName("Shift_JIS"), CharacterCode.UTF_8, 20261205L);
    }

    @Test
    void aShiftJisMessageReachesAUtf8FolderConverted() throws Exception {
        roundTrip(StandardCharsets.UTF_8, CharacterCode.SHIFT_JIS, 20261206L);
    }

    private void roundTrip(Charset folderCharset, CharacterCode sent, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, byte[]> sentBytes = new HashMap<>();
        Map<String, ResultMessage> sentMessages = new HashMap<>();
        BridgeConfig config = new BridgeConfig(
                        dir.resolve("outbox.db"),
                        dir.resolve("rececon.db"),
                        dir.resolve("face"),
                        FullResults.INSTITUTION,
                        folderCharset)
                .withCsvExport(new CsvExport(dir.resolve("csv"), StandardCharsets.UTF_8));
        try (RececonBridge bridge = RececonBridge.open(config)) {
            for (int i = 0; i < CASES; i++) {
                String key = "rt" + seed + "-" + i;
                ResultMessage message = FullResults.result(random, key, sent);
                byte[] bytes = asTheSystemSendsIt(QualificationXml.write(message), sent);
                ConfirmationOutcome outcome = QualificationXml.outcomeOf(bytes); // what the client hands on
                assertThat(outcome).isInstanceOf(ConfirmationOutcome.Confirmed.class);
                bridge.submit(new Confirmation(
                        key, Instant.parse("2026-12-04T01:00:00Z"), IdentityMethod.FACE, (ConfirmationOutcome.Confirmed)
                                outcome));
                sentBytes.put(key, bytes);
                sentMessages.put(key, message);
            }
            assertThat(bridge.drain()).isEqualTo(CASES);
        }
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("rececon.db"))) {
            assertEveryFile(sqlite, folderCharset, sent, sentBytes, sentMessages);
        }
    }

    private void assertEveryFile(
            Connection sqlite,
            Charset folderCharset,
            CharacterCode sent,
            Map<String, byte[]> sentBytes,
            Map<String, ResultMessage> sentMessages)
            throws Exception {
        Map<String, byte[]> faceFiles = FullResults.faceFilesByKey(dir.resolve("face"));
        Map<String, Map<String, String>> rows = FullResults.storeRows(sqlite);
        Map<String, Map<String, String>> csv = FullResults.csvRows(dir.resolve("csv"));
        for (Map.Entry<String, ResultMessage> e : sentMessages.entrySet()) {
            String key = e.getKey();
            ResultMessage message = e.getValue();
            byte[] face = faceFiles.get(key);
            if (CharacterCode.of(folderCharset) == sent) {
                assertThat(face).as("face file of %s", key).isEqualTo(sentBytes.get(key));
            } else {
                assertThat(FullResults.parse(face))
                        .isEqualTo(message.withCharacterCode(CharacterCode.of(folderCharset)));
                assertThat(new String(face, folderCharset))
                        .contains(UNMODELLED)
                        .contains("<CharacterCodeIdentifier>"
                                + CharacterCode.of(folderCharset).identifier() + "</CharacterCodeIdentifier>");
            }
            Qualification q = message.qualifications().getFirst();
            FullResults.assertStore(rows.get(key), message, q);
            FullResults.assertCsv(csv.get(key), message, q);
            FullResults.assertChildren(sqlite, key, q);
        }
    }

    /**
     * The written message with what a real one has beside our model: an element Uketsuke does not know (a newer
     * version of the interface) and line breaks between elements. A sink that rewrote the message would lose both.
     */
    private static byte[] asTheSystemSendsIt(byte[] written, CharacterCode code) {
        String text = new String(written, code.charset())
                .replace("</ResultOfQualificationConfirmation>", UNMODELLED + "</ResultOfQualificationConfirmation>")
                .replace("<MessageBody>", "\r\n<MessageBody>\r\n");
        return text.getBytes(code.charset());
    }
}
