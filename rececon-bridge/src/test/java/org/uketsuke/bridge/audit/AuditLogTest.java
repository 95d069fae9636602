package org.uketsuke.bridge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.audit.AuditVerification.Broken;
import org.uketsuke.bridge.audit.AuditVerification.Reason;

/** The audit log in a real file: append and verify, every kind of tampering found at its entry, torn tails typed. */
class AuditLogTest {

    @TempDir
    Path dir;

    private Path file;
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
                .isEqualTo(new AuditVerification.Intact(5, entries.get(4).hash()));
        assertThat(entries).extracting(AuditLog.Entry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        String text = Files.readString(file);
        assertThat(text)
                .doesNotContain("06131010")
                .doesNotContain("004567")
                .contains("\"prev\":\"" + AuditLog.GENESIS + "\"");
        assertThat(lines().get(1)).contains("\"prev\":\"" + entries.get(0).hash() + "\"");
        // Reopening continues the chain.
        AuditLog again = AuditLog.open(file);
        assertThat(again.append(event(6)).seq()).isEqualTo(6);
        assertThat(AuditLog.verify(file)).isInstanceOf(AuditVerification.Intact.class);
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
    void anEditedValueIsAHashMismatch() throws Exception {
        List<String> lines = lines();
        lines.set(2, lines.get(2).replace("\"outcome\":\"CONFIRMED\"", "\"outcome\":\"CONFIRMEE\""));
        write(lines);
        assertThat(AuditLog.verify(file)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.entry()).isEqualTo(3);
            assertThat(b.reason()).isEqualTo(Reason.HASH_MISMATCH);
        });
    }

    @Test
    void aDeletedLineIsFoundWhereTheGapIs() throws Exception {
        List<String> lines = lines();
        lines.remove(2);
        write(lines);
        assertThat(AuditLog.verify(file)).isEqualTo(new Broken(3, Reason.SEQUENCE_GAP, "entry 3 carries number 4"));
    }

    @Test
    void aRechainedLogAfterADeletionStillDisagreesWithTheHead() throws Exception {
        // Delete entry 3 and recompute every later entry as an attacker with the format would.
        List<String> lines = lines();
        Path other = dir.resolve("other.jsonl");
        AuditLog forged = AuditLog.open(other);
        for (int i : new int[] {1, 2, 4, 5}) {
            forged.append(event(i));
        }
        Files.copy(other, file, StandardCopyOption.REPLACE_EXISTING);
        assertThat(lines).hasSize(5);
        assertThat(AuditLog.verify(file)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.entry()).isEqualTo(5);
            assertThat(b.reason()).isEqualTo(Reason.TRUNCATED);
        });
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
        // Cut in the middle of entry 5: the head knows entry 5 was complete, so this is no crash.
        write(lines);
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 40));
        assertThat(AuditLog.verify(file)).isInstanceOfSatisfying(Broken.class, b -> {
            assertThat(b.entry()).isEqualTo(5);
            assertThat(b.reason()).isEqualTo(Reason.TRUNCATED);
        });
        // Everything gone but the head.
        Files.delete(file);
        assertThat(AuditLog.verify(file))
                .isInstanceOfSatisfying(Broken.class, b -> assertThat(b.entry()).isEqualTo(1));
    }

    @Test
    void aTornLastLineIsATypedIncompleteTailAndOpeningRecordsTheRecovery() throws Exception {
        // What a crash in the middle of an append leaves: part of entry 6, and the head still at 5.
        String sixth = AuditLog.body(6, event(6), entries.get(4).hash());
        byte[] torn = sixth.substring(0, 57).getBytes(StandardCharsets.UTF_8);
        Files.write(file, torn, StandardOpenOption.APPEND);

        assertThat(AuditLog.verify(file)).isEqualTo(new AuditVerification.IncompleteTail(5, 57));

        AuditLog reopened = AuditLog.open(file);
        assertThat(Files.readAllBytes(dir.resolve("audit.jsonl.torn-6"))).isEqualTo(torn);
        assertThat(reopened.head().seq()).isEqualTo(6);
        assertThat(lines().get(5))
                .contains("\"outcome\":\"RECOVERED_TORN_TAIL\"")
                .contains(AuditEvent.hash(torn));
        assertThat(AuditLog.verify(file))
                .isEqualTo(new AuditVerification.Intact(6, reopened.head().hash()));
    }

    @Test
    void aCrashBetweenTheLogAndTheHeadLeavesAnIntactLog() throws Exception {
        Path head = dir.resolve("audit.jsonl.head");
        byte[] before = Files.readAllBytes(head);
        AuditLog.open(file).append(event(6));
        Files.write(head, before); // the head's replacement never happened
        assertThat(AuditLog.verify(file))
                .isInstanceOfSatisfying(
                        AuditVerification.Intact.class,
                        i -> assertThat(i.entries()).isEqualTo(6));
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
