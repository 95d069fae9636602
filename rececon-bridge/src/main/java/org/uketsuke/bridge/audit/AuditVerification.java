package org.uketsuke.bridge.audit;

/** What {@link AuditLog#verify} found. Entries are numbered from 1, as lines of the file. */
public sealed interface AuditVerification {

    /** Every entry is canonical, hashes to its own hash and links to the one before; the head file agrees. */
    record Intact(long entries, String headHash) implements AuditVerification {}

    /** Entry {@code entry} (or the place where it should be) breaks the chain. */
    record Broken(long entry, Reason reason, String detail) implements AuditVerification {}

    /**
     * The last line is incomplete — an append was cut by a crash or power loss — and everything before it is intact.
     * Not silent: {@link AuditLog#open} moves the torn bytes aside and records the recovery as an entry.
     */
    record IncompleteTail(long intactEntries, int tailBytes) implements AuditVerification {}

    /** Why a chain is broken, with the words an administrator reads (ja, en). */
    enum Reason {
        NOT_CANONICAL("記録の形式が正しくありません（書き換えの疑い）", "the entry is not in canonical form (edited?)"),
        HASH_MISMATCH("記録の内容とハッシュが一致しません（書き換え）", "the entry's content does not match its hash (edited)"),
        CHAIN_BROKEN("前の記録とのつながりが切れています（削除・並べ替え）", "the entry does not link to the one before (deleted or reordered)"),
        SEQUENCE_GAP("通し番号が飛んでいます（削除・並べ替え）", "the sequence number is out of order (deleted or reordered)"),
        TRUNCATED("末尾の記録が失われています（切り詰め）", "entries at the end are missing (truncated)"),
        HEAD_MISMATCH("最終記録の控えと一致しません（書き換え）", "the last entry does not match the saved head (rewritten)");

        private final String ja;
        private final String en;

        Reason(String ja, String en) {
            this.ja = ja;
            this.en = en;
        }

        public String ja() {
            return ja;
        }

        public String en() {
            return en;
        }
    }
}
