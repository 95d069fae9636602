package org.uketsuke.bridge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.audit.AuditVerification.Broken;
import org.uketsuke.bridge.audit.AuditVerification.Reason;

/**
 * The audit log in a real file under its key: append and verify; every kind of tampering (edit, recomputed entry,
 * forged extra line, truncation with a copied head, deletion, another key) found at its entry; crashes typed.
 */
class AuditLogTest {

    @TempDir
    Path dir;

    private Path file;
    private Path head;
    private Path key;
    private final List<AuditLog.Entry> entries = new ArrayList<>();

    private static AuditEvent event(int i) {
        return new AuditEvent(
                Instant.parse("2026-12-03T09:00:00Z").plusSeconds(i),
                "kiosk-1",
                i % 2 == 0 ? "staff-07" : "",
                i % 2 == 0 ? "VISUAL" : "PIN",
                "CONFIRMED",
                AuditEvent.hash("06131010", "受付12", "004567", "01"),
                AuditEvent.hash(new byte[] {(byte) i}));
    }

    @BeforeEach
    void fiveEntries() throws Exception {
        file = dir.resolve("audit.jsonl");
        head = dir.resolve("audit.jsonl.head");
        key = dir.resolve("audit.jsonl.key");
        AuditLog log = AuditLog.open(file);
        for (int i = 1; i <= 5; i++) {
            entries.add(log.append(event(i)));
        }
    }

    private List<String> lines() throws Exception {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private void write(List<String> lines) throws Exception {
        Files.writeString(file, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void appendedEntriesVerifyAndHoldNoIdentifierInClear() throws Exception {
        assertThat(AuditLog.verify(file))
                .isEqualTo(new AuditVerification.Intact(6, entries.get(4).mac()));
        assertThat(entries).extracting(AuditLog.Entry::seq).containsExactly(2L, 3L, 4L, 5L, 6L);
        String text = Files.readString(file);
        assertThat(text)
                .doesNotContain("06131010")
                .doesNotContain("004567")
                .doesNotContain(HexFormat.of().formatHex(Files.readAllBytes(key)))
                .contains("\"prev\":\"" + AuditLog.GENESIS + "\"");
        assertThat(lines().get(0)).contains("\"outcome\":\"LOG_STARTED\"");
        assertThat(lines().get(2)).contains("\"prev\":\"" + entries.get(0).mac() + "\"");
        // Reopening continues the chain.
        AuditLog again = AuditLog.open(file);
        assertThat(again.append(event(6)).seq()).isEqualTo(7);
        assertThat(AuditLog.verify(file)).isInstanceOf(AuditVerification.Intact.class);
    }

    @Test
    void theKeyIsCreatedOnFirstUseReadableByItsOwnerOnly() throws Exception {
        assertThat(Files.size(key)).isEqualTo(AuditKey.LENGTH);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aChangedByteAnywhereIsFoundAtTheEntryThatHoldsIt() throws Exception {
        byte[] original = Files.readAllBytes(file);
        int line = 1;
        for (int i = 0; i < original.length; i++) {
            byte[] edited = original.clone();
            edited[i] ^= 0x01;
            Files.write(file, edited);
            AuditVerification verification = AuditLog.verify(file);
            int expected = line;
            int at = i;
            assertThat(verification)
                    .as("byte %d", at)
                    .isInstanceOfSatisfying(
                            Broken.class,
                            b -> assertThat(b.entry()).as("byte %d: %s", at, b).isEqualTo(expected));
            if (original[i] == '\n') {
                line++;
            }
        }
    }

    @Test
    void anEditedValueIsAMacMismatch() throws Exception {
        List<String> lines = lines();
        lines.set(2, lines.get(2).replace("\"outcome\":\"CONFIRMED\"", "\"outcome\":\"CONFIRMEE\""));
        write(lines);
        assertThat(AuditLog.verify(file)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.entry()).isEqualTo(3);
            assertThat(b.reason()).isEqualTo(Reason.HASH_MISMATCH);
        });
    }

    @Test
    void anEntryRecomputedWithoutTheKeyIsAMacMismatch() throws Exception {
        // The old weakness: an unkeyed SHA-256 anyone can recompute after an edit.
        List<String> lines = lines();
        String body = AuditLog.body(3, event(9), entries.get(0).mac());
        lines.set(2, body.substring(0, body.length() - 1) + ",\"mac\":\"" + AuditEvent.hash(body) + "\"}");
        write(lines);
        assertThat(AuditLog.verify(file)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.entry()).isEqualTo(3);
            assertThat(b.reason()).isEqualTo(Reason.HASH_MISMATCH);
        });
    }

    @Test
    void aLogExtendedByOneForgedLineIsBroken() throws Exception {
        String body = AuditLog.body(7, event(7), entries.get(4).mac());
        Files.writeString(
                file,
                body.substring(0, body.length() - 1) + ",\"mac\":\"" + AuditEvent.hash(body) + "\"}\n",
                StandardOpenOption.APPEND);
        assertThat(AuditLog.verify(file)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.entry()).isEqualTo(7);
            assertThat(b.reason()).isEqualTo(Reason.HASH_MISMATCH);
        });
        assertThatThrownBy(() -> AuditLog.open(file)).isInstanceOf(AuditLogException.class);
    }

    @Test
    void aLogUnderAnotherKeyIsBrokenAtItsFirstEntry() throws Exception {
        // Rewrite everything as an attacker without the key would: a fresh log of their own copied over ours.
        Path other = dir.resolve("other.jsonl");
        AuditLog forged = AuditLog.open(other);
        for (int i : new int[] {1, 2, 4, 5}) {
            forged.append(event(i));
        }
        Files.copy(other, file, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dir.resolve("other.jsonl.head"), head, StandardCopyOption.REPLACE_EXISTING);
        assertThat(AuditLog.verify(file)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.entry()).isEqualTo(1);
            assertThat(b.reason()).isEqualTo(Reason.HASH_MISMATCH);
        });
        // The same with the wrong key in place of ours.
        Files.copy(AuditKey.fileOf(other), key, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(other, dir.resolve("mine.jsonl"));
        assertThat(AuditLog.verify(dir.resolve("mine.jsonl"))).isInstanceOf(Broken.class);
    }

    @Test
    void aDeletedLineIsFoundWhereTheGapIs() throws Exception {
        List<String> lines = lines();
        lines.remove(2);
        write(lines);
        assertThat(AuditLog.verify(file)).isEqualTo(new Broken(3, Reason.SEQUENCE_GAP, "entry 3 carries number 4"));
    }

    @Test
    void reorderedLinesAreFoundAtTheFirstMovedEntry() throws Exception {
        List<String> lines = lines();
        String second = lines.get(1);
        lines.set(1, lines.get(2));
        lines.set(2, second);
        write(lines);
        assertThat(AuditLog.verify(file)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.entry()).isEqualTo(2);
            assertThat(b.reason()).isEqualTo(Reason.SEQUENCE_GAP);
        });
    }

    @Test
    void truncationIsFoundAtTheFirstMissingEntry() throws Exception {
        List<String> lines = lines();
        write(lines.subList(0, 3));
        assertThat(AuditLog.verify(file)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.entry()).isEqualTo(4);
            assertThat(b.reason()).isEqualTo(Reason.TRUNCATED);
        });
        // Cut in the middle of the last entry: the head knows it was complete, so this is no crash.
        write(lines);
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 40));
        assertThat(AuditLog.verify(file)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.entry()).isEqualTo(6);
            assertThat(b.reason()).isEqualTo(Reason.TRUNCATED);
        });
    }

    @Test
    void truncatingAndCopyingALinesMacIntoTheHeadIsFound() throws Exception {
        // The old attack needed no computation: cut the log, put the last kept line's own hash into the head.
        String oldTag = Files.readString(head).strip().split(" ")[2];
        List<String> lines = lines();
        write(lines.subList(0, 3));
        String third = entries.get(1).mac();
        Files.writeString(head, "3 " + third + "\n", StandardCharsets.US_ASCII);
        assertThat(AuditLog.verify(file))
                .isInstanceOfSatisfying(
                        Broken.class, b -> assertThat(b.reason()).isEqualTo(Reason.HEAD_MISMATCH));
        // Nor with a tag made up or taken from the old head.
        Files.writeString(head, "3 " + third + " " + oldTag + "\n", StandardCharsets.US_ASCII);
        assertThat(AuditLog.verify(file))
                .isInstanceOfSatisfying(
                        Broken.class, b -> assertThat(b.reason()).isEqualTo(Reason.HEAD_MISMATCH));
    }

    @Test
    void aDeletedLogIsBrokenWhateverElseIsDeletedWithIt() throws Exception {
        Files.delete(file);
        assertThat(AuditLog.verify(file))
                .isInstanceOfSatisfying(
                        Broken.class, b -> assertThat(b.reason()).isEqualTo(Reason.DELETED));
        Files.delete(head);
        assertThat(AuditLog.verify(file))
                .isInstanceOfSatisfying(
                        Broken.class, b -> assertThat(b.reason()).isEqualTo(Reason.DELETED));
        assertThatThrownBy(() -> AuditLog.open(file)).isInstanceOf(AuditLogException.class);
        assertThat(file).doesNotExist();
    }

    @Test
    void aMissingHeadOrKeyIsBroken() throws Exception {
        byte[] saved = Files.readAllBytes(head);
        Files.delete(head);
        assertThat(AuditLog.verify(file))
                .isInstanceOfSatisfying(
                        Broken.class, b -> assertThat(b.reason()).isEqualTo(Reason.HEAD_MISSING));
        Files.write(head, saved);
        Files.delete(key);
        assertThat(AuditLog.verify(file))
                .isInstanceOfSatisfying(
                        Broken.class, b -> assertThat(b.reason()).isEqualTo(Reason.KEY_MISSING));
    }

    @Test
    void aTornLastLineIsATypedIncompleteTailAndOpeningRecordsTheRecovery() throws Exception {
        // What a crash in the middle of an append leaves: part of entry 7, and the head still at 6.
        String seventh = AuditLog.body(7, event(6), entries.get(4).mac());
        byte[] torn = seventh.substring(0, 57).getBytes(StandardCharsets.UTF_8);
        Files.write(file, torn, StandardOpenOption.APPEND);

        assertThat(AuditLog.verify(file)).isEqualTo(new AuditVerification.IncompleteTail(6, 57));

        AuditLog reopened = AuditLog.open(file);
        assertThat(Files.readAllBytes(dir.resolve("audit.jsonl.torn-7"))).isEqualTo(torn);
        assertThat(reopened.head().seq()).isEqualTo(7);
        assertThat(lines().get(6))
                .contains("\"outcome\":\"RECOVERED_TORN_TAIL\"")
                .contains(AuditEvent.hash(torn));
        assertThat(AuditLog.verify(file))
                .isEqualTo(new AuditVerification.Intact(7, reopened.head().mac()));
    }

    @Test
    void aCrashBetweenTheLogAndTheHeadIsTypedAndRepairedWithAnEntry() throws Exception {
        byte[] before = Files.readAllBytes(head);
        AuditLog.open(file).append(event(6));
        Files.write(head, before); // the head's replacement never happened
        assertThat(AuditLog.verify(file)).isEqualTo(new AuditVerification.HeadBehind(7));
        AuditLog reopened = AuditLog.open(file);
        assertThat(lines().get(7)).contains("\"outcome\":\"RECOVERED_HEAD\"");
        assertThat(AuditLog.verify(file))
                .isEqualTo(new AuditVerification.Intact(8, reopened.head().mac()));
    }

    @Test
    void aBrokenLogIsNeverAppendedTo() throws Exception {
        List<String> lines = lines();
        lines.remove(0);
        write(lines);
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> AuditLog.open(file))
                .isInstanceOfSatisfying(
                        AuditLogException.class,
                        e -> assertThat(e.verification()).isInstanceOf(Broken.class));
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void eventsCannotCarryAnIdentifierInClear() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> new AuditEvent(now, "kiosk-1", "", "PIN", "CONFIRMED", "06131010", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditEvent(now, "kiosk 1", "受付　花子", "PIN", "CONFIRMED", "", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditEvent(now, "kiosk-1", "", "PIN", "confirmed \"x\"", "", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
