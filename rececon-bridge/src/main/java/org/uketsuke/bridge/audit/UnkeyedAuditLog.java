package org.uketsuke.bridge.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit log as versions before the key wrote it (docs/decisions/0006-audit-log-key.md): an unkeyed SHA-256
 * chain ({@code "hash"} in place of {@code "mac"}, no {@code "ref"}) and a plain head file ({@code seq hash}). Read
 * only to decide whether a log without a key is such a log — an upgrade, kept aside and recorded by
 * {@link AuditLog#open} — or a keyed log whose key went missing, which stays {@code KEY_MISSING}.
 */
final class UnkeyedAuditLog {

    private static final Pattern LINE = Pattern.compile(
            "\\{\"seq\":(0|[1-9][0-9]{0,17}),\"at\":\"([^\"]*)\","
                    + "\"terminal\":\"([^\"]*)\",\"staff\":\"([^\"]*)\",\"method\":\"([^\"]*)\",\"outcome\":\"([^\"]*)\","
                    + "\"subject\":\"([^\"]*)\",\"card\":\"([^\"]*)\",\"prev\":\"([0-9a-f]{64})\",\"hash\":\"([0-9a-f]{64})\"\\}");

    private UnkeyedAuditLog() {}

    /**
     * What {@code file} is when read as an unkeyed log: empty when its first line is not in the unkeyed form (then it
     * is not one); {@link AuditVerification.Unkeyed} when the whole chain and its head verify as the earlier versions
     * verified them (a torn last line or a head one behind included: both were normal there); otherwise
     * {@link AuditVerification.Broken} at the first break.
     */
    static Optional<AuditVerification> inspect(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        List<String> lines = AuditLog.lines(all, AuditLog.lastNewline(all) + 1);
        if (lines.isEmpty() || !LINE.matcher(lines.getFirst()).matches()) {
            return Optional.empty();
        }
        String prev = AuditLog.GENESIS;
        String atHead;
        long headSeq;
        try {
            Optional<String[]> head = readHead(file);
            headSeq = head.map(h -> Long.parseLong(h[0])).orElse(0L);
            atHead = head.map(h -> h[1]).orElse(AuditLog.GENESIS);
        } catch (IOException e) {
            return Optional.of(broken(lines.size(), AuditVerification.Reason.HEAD_MISMATCH, e.getMessage()));
        }
        for (int i = 0; i < lines.size(); i++) {
            Optional<AuditVerification.Broken> broken = check(i + 1, lines.get(i), prev);
            if (broken.isPresent()) {
                return Optional.of(broken.get());
            }
            prev = lines.get(i)
                    .substring(lines.get(i).length() - 66, lines.get(i).length() - 2);
            if (i + 1 == headSeq && !prev.equals(atHead)) {
                return Optional.of(broken(headSeq, AuditVerification.Reason.HEAD_MISMATCH, "not the head's entry"));
            }
        }
        if (lines.size() < headSeq) {
            return Optional.of(broken(
                    lines.size() + 1L,
                    AuditVerification.Reason.TRUNCATED,
                    "the head records " + headSeq + " entries, the log holds " + lines.size()));
        }
        if (lines.size() > headSeq + 1) {
            return Optional.of(
                    broken(headSeq + 1, AuditVerification.Reason.HEAD_MISMATCH, "entries after the saved head"));
        }
        return Optional.of(new AuditVerification.Unkeyed(lines.size(), AuditEvent.hash(all)));
    }

    /** The plain head {@code seq hash}; empty when there is none (the earlier versions' reading). */
    private static Optional<String[]> readHead(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file.resolveSibling(file.getFileName() + ".head"), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!text.matches("(0|[1-9][0-9]{0,17}) [0-9a-f]{64}\n")) {
            throw new IOException("the unkeyed log's head file is not a head");
        }
        return Optional.of(text.strip().split(" "));
    }

    private static Optional<AuditVerification.Broken> check(long entry, String line, String prev) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return Optional.of(broken(entry, AuditVerification.Reason.NOT_CANONICAL, "not an unkeyed entry line"));
        }
        String body;
        try {
            body = body(m, AuditLog.event(m, ""));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.of(broken(entry, AuditVerification.Reason.NOT_CANONICAL, e.getMessage()));
        }
        if (!(body.substring(0, body.length() - 1) + ",\"hash\":\"" + m.group(10) + "\"}").equals(line)) {
            return Optional.of(broken(entry, AuditVerification.Reason.NOT_CANONICAL, "not in canonical form"));
        }
        if (Long.parseLong(m.group(1)) != entry) {
            return Optional.of(broken(entry, AuditVerification.Reason.SEQUENCE_GAP, "out of order"));
        }
        if (!AuditEvent.hash(body.getBytes(StandardCharsets.UTF_8)).equals(m.group(10))) {
            return Optional.of(broken(entry, AuditVerification.Reason.HASH_MISMATCH, "recomputed hash differs"));
        }
        if (!m.group(9).equals(prev)) {
            return Optional.of(broken(entry, AuditVerification.Reason.CHAIN_BROKEN, "prev is not the entry before"));
        }
        return Optional.empty();
    }

    /** The earlier versions' canonical encoding without the hash. */
    private static String body(Matcher m, AuditEvent e) {
        return "{\"seq\":" + m.group(1) + ",\"at\":\"" + e.at() + "\",\"terminal\":\"" + e.terminalId()
                + "\",\"staff\":\"" + e.staffId() + "\",\"method\":\"" + e.method() + "\",\"outcome\":\""
                + e.outcome() + "\",\"subject\":\"" + e.subjectHash() + "\",\"card\":\"" + e.cardHash()
                + "\",\"prev\":\"" + m.group(9) + "\"}";
    }

    private static AuditVerification.Broken broken(long entry, AuditVerification.Reason reason, String detail) {
        return new AuditVerification.Broken(entry, reason, "the unkeyed log of an earlier version: " + detail);
    }
}
