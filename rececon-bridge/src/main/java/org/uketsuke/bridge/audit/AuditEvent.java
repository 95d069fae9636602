package org.uketsuke.bridge.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One confirmation event for the audit log: when, which terminal, which staff member (if one acted), how identity
 * was checked, the outcome, and SHA-256 hashes of the identifiers — never an identifier in clear. The field rules
 * make that structural: ids are short tokens, hashes are 64 hex digits or empty, so a name, a 保険者番号 or a My
 * Number cannot be stored here by mistake.
 *
 * @param terminalId the terminal's configured id (letters, digits, {@code . _ -}; at most 64)
 * @param staffId the staff member who acted (目視確認, staff console), or empty
 * @param method how identity was checked ({@code PIN}, {@code FACE}, {@code VISUAL}, {@code INSURANCE_NUMBER}, …)
 * @param outcome {@code CONFIRMED}, {@code REJECTED_<REASON>}, … (upper case, digits, {@code _})
 * @param subjectHash SHA-256 of the insurance identifiers (保険者番号|記号|番号|枝番), or empty; for a folder exchange
 *     the SHA-256 of the request file
 * @param cardHash SHA-256 of the card's auth certificate, or empty (insurance-number path); for a folder exchange
 *     the SHA-256 of the answer file
 * @param ref what the entry is about when it is no person: a folder request's file name (a token, at most 128); on a
 *     kiosk visit someone helped with, {@link #assisted the kind of help} (介助者: a companion typed the PIN, or the
 *     staff's 目視確認), never who; or empty
 */
public record AuditEvent(
        Instant at,
        String terminalId,
        String staffId,
        String method,
        String outcome,
        String subjectHash,
        String cardHash,
        String ref) {

    private static final String TOKEN = "[A-Za-z0-9._-]{0,64}";
    private static final String HASH = "(|[0-9a-f]{64})";

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        staffId = staffId == null ? "" : staffId;
        subjectHash = subjectHash == null ? "" : subjectHash;
        cardHash = cardHash == null ? "" : cardHash;
        ref = ref == null ? "" : ref;
        if (!ref.matches("[A-Za-z0-9._-]{0,128}")) {
            throw new IllegalArgumentException("ref: at most 128 letters, digits, '.', '_' or '-'");
        }
        if (terminalId == null || terminalId.isEmpty() || !terminalId.matches(TOKEN)) {
            throw new IllegalArgumentException("terminalId: 1–64 letters, digits, '.', '_' or '-'");
        }
        if (!staffId.matches(TOKEN)) {
            throw new IllegalArgumentException("staffId: at most 64 letters, digits, '.', '_' or '-'");
        }
        if (method == null
                || !method.matches("[A-Z_]{1,32}")
                || outcome == null
                || !outcome.matches("[A-Z0-9_]{1,64}")) {
            throw new IllegalArgumentException("method and outcome are upper-case codes");
        }
        if (!subjectHash.matches(HASH) || !cardHash.matches(HASH)) {
            throw new IllegalArgumentException("identifier hashes are 64 lower-case hex digits or empty");
        }
    }

    /** An event about a person or a card (no {@code ref}). */
    public AuditEvent(
            Instant at,
            String terminalId,
            String staffId,
            String method,
            String outcome,
            String subjectHash,
            String cardHash) {
        this(at, terminalId, staffId, method, outcome, subjectHash, cardHash, "");
    }

    /** The {@code ref} of a visit someone helped with: {@code ASSISTED_<KIND>}, the kind an upper-case code. */
    public static String assisted(String kind) {
        if (kind == null || !kind.matches("[A-Z_]{1,64}")) {
            throw new IllegalArgumentException("an assistance kind is an upper-case code");
        }
        return "ASSISTED_" + kind;
    }

    /** {@code name} as a {@code ref}: characters outside the token set become {@code _}, cut to 128. */
    public static String ref(String name) {
        String token = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return token.length() > 128 ? token.substring(0, 128) : token;
    }

    /** SHA-256 of identifier parts joined with '|' (UTF-8), as hex. */
    public static String hash(String... parts) {
        return hash(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
    }

    public static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
