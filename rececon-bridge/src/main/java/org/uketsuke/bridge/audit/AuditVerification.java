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

    /** Why a chain is broken; an application words each for the administrator. */
    enum Reason {
        /** The entry is not in canonical form (edited?). */
        NOT_CANONICAL,
        /** The entry's content does not match its hash (edited). */
        HASH_MISMATCH,
        /** The entry does not link to the one before (deleted or reordered). */
        CHAIN_BROKEN,
        /** The sequence number is out of order (deleted or reordered). */
        SEQUENCE_GAP,
        /** Entries at the end are missing (truncated). */
        TRUNCATED,
        /** The last entry does not match the saved head (rewritten). */
        HEAD_MISMATCH
    }
}
