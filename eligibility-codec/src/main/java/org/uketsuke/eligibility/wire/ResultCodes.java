package org.uketsuke.eligibility.wire;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.uketsuke.eligibility.RejectionReason;

/**
 * {@code ProcessingResultCode} values: the one table of them, listed row for row in docs/backend-api.md ("Result
 * codes"). The official list (別紙6-1 処理結果コード) is not public (where we looked: docs/spec-notes/results.md, "Result
 * codes"), so these are Uketsuke's own codes, spoken by the mock backend and understood by the client; {@code
 * UK}-prefixed so nobody mistakes them for official ones. Unknown codes fall back on {@code QualificationValidity}.
 * When an official code is at hand, replace the reason's entry here and its row there.
 */
public final class ResultCodes {

    /** A notice on a normal answer (e.g. certificate expiring within 3 months). */
    public static final String NOTICE = "UK0000";

    private static final Map<RejectionReason, String> CODES = Map.ofEntries(
            Map.entry(RejectionReason.NO_QUALIFICATION, "UK1001"),
            Map.entry(RejectionReason.QUALIFICATION_LOST, "UK1002"),
            Map.entry(RejectionReason.NOT_REGISTERED, "UK1003"),
            Map.entry(RejectionReason.CERTIFICATE_INVALID, "UK2001"),
            Map.entry(RejectionReason.CERTIFICATE_EXPIRED, "UK2002"),
            Map.entry(RejectionReason.CERTIFICATE_REVOKED, "UK2003"),
            Map.entry(RejectionReason.SIGNATURE_INVALID, "UK2004"),
            Map.entry(RejectionReason.NONCE_INVALID, "UK2005"),
            Map.entry(RejectionReason.PASSCODE_INVALID, "UK2006"),
            Map.entry(RejectionReason.PASSCODE_EXPIRED, "UK2007"),
            Map.entry(RejectionReason.PASSCODE_USED, "UK2008"),
            Map.entry(RejectionReason.ATTESTATION_INVALID, "UK2009"),
            Map.entry(RejectionReason.CARD_FACE_INVALID, "UK2010"),
            Map.entry(RejectionReason.CARD_FACE_MISMATCH, "UK2011"),
            Map.entry(RejectionReason.CONSENTS_ALTERED, "UK2012"),
            Map.entry(RejectionReason.BELOW_POLICY, "UK2013"),
            Map.entry(RejectionReason.REQUEST_INVALID, "UK9001"));

    private ResultCodes() {}

    /** Every code of the table, the notice included. */
    public static SortedSet<String> all() {
        SortedSet<String> all = new TreeSet<>(CODES.values());
        all.add(NOTICE);
        return Collections.unmodifiableSortedSet(all);
    }

    public static String codeOf(RejectionReason reason) {
        return CODES.get(reason);
    }

    public static Optional<RejectionReason> reasonOf(String code) {
        return CODES.entrySet().stream()
                .filter(e -> e.getValue().equals(code))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
