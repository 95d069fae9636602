package org.uketsuke.bridge.audit;

/** What {@link AuditLog#verify} found. Entries are numbered from 1, as lines of the file. */
public sealed interface AuditVerification {

    /**
     * Every entry is canonical, carries its own MAC under the terminal's key and links to the one before; the head
     * file's MAC verifies and it names the last entry.
     */
    record Intact(long entries, String headMac) implements AuditVerification {}

    /** Entry {@code entry} (or the place where it should be) breaks the chain. */
    record Broken(long entry, Reason reason, String detail) implements AuditVerification {}

    /**
     * The last line is incomplete — an append was cut by a crash or power loss — and everything before it is intact.
     * Not silent: {@link AuditLog#open} moves the torn bytes aside and records the recovery as an entry.
     */
    record IncompleteTail(long intactEntries, int tailBytes) implements AuditVerification {}

    /**
     * The log holds exactly one entry past the head, and that entry carries a valid MAC: a crash between the log's
     * fsync and the head's. A forged line cannot get here (it has no valid MAC); {@link AuditLog#open} advances the
     * head and records that as an entry.
     */
    record HeadBehind(long entries) implements AuditVerification {}

    /** No log, no head, no key: this log was never started. Nothing to verify — a terminal starts one here. */
    record Absent() implements AuditVerification {}

    /**
     * A log an earlier version wrote before the key existed: an unkeyed SHA-256 chain that verifies, with no key
     * and no anchor receipts beside it (those versions kept neither). An upgrade, not an attack:
     * {@link AuditLog#open} keeps it aside read-only and starts a keyed log whose first entry records it and its
     * SHA-256 {@code digest}. A keyed log whose key is gone is {@link Reason#KEY_MISSING}, never this.
     */
    record Unkeyed(long entries, String digest) implements AuditVerification {}

    /** Why a chain is broken; an application words each for the administrator. */
    enum Reason {
        /** The entry is not in canonical form (edited?). */
        NOT_CANONICAL,
        /** The entry's content does not match its MAC (edited, or written without the key). */
        HASH_MISMATCH,
        /** The entry does not link to the one before (deleted or reordered). */
        CHAIN_BROKEN,
        /** The sequence number is out of order (deleted or reordered). */
        SEQUENCE_GAP,
        /** Entries at the end are missing (truncated). */
        TRUNCATED,
        /** The last entry does not match the saved head, or the head's own MAC does not verify (rewritten). */
        HEAD_MISMATCH,
        /** The head file is gone while the log is there. */
        HEAD_MISSING,
        /** The key exists but the log is gone (deleted). */
        DELETED,
        /** The log is there but its key is gone or unreadable: nothing can be verified. */
        KEY_MISSING,
        /** Something outside the log (the outbox, the anchors) shows entries the log does not have. */
        MISSING_ENTRIES
    }
}
