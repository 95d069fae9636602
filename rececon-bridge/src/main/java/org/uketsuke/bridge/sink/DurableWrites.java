package org.uketsuke.bridge.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;

/**
 * Counts the synchronous writes the bridge makes, per thread: commits of its SQLite databases (the outbox and the
 * レセコン store; SQLite's own commit hook, so statements in auto-commit count too) and the fsyncs of files and
 * folders ({@link AtomicFiles}). The per-visit budget is a test ({@code DurableWritesPerVisitTest}) and a bench
 * figure, so a change that adds a commit or an fsync to every visit shows. Per thread: what a visit or a drain does
 * on its own thread is counted without the rest of the JVM. Files forced together ({@link AtomicFiles#placeAll}: one
 * fsync each, issued at once from a small pool on the caller's behalf) count as that many fsyncs but one wait.
 */
public final class DurableWrites {

    /**
     * Commits and fsyncs made on one thread since it started, and how many times it waited for fsyncs: once for each
     * fsync made alone, once for a group forced together.
     */
    public record Count(long commits, long fsyncs, long fsyncWaits) {

        /** Every fsync made alone, each a wait of its own. */
        public Count(long commits, long fsyncs) {
            this(commits, fsyncs, fsyncs);
        }

        /** What happened between {@code before} and this count. */
        public Count since(Count before) {
            return new Count(commits - before.commits, fsyncs - before.fsyncs, fsyncWaits - before.fsyncWaits);
        }
    }

    /** What {@code work} returned, with the writes it made on its thread. */
    public record Counted<T>(T value, Count writes) {}

    private static final ThreadLocal<long[]> COUNTS = ThreadLocal.withInitial(() -> new long[3]);

    private static final SQLiteCommitListener COMMITS = new SQLiteCommitListener() {
        @Override
        public void onCommit() {
            COUNTS.get()[0]++;
        }

        @Override
        public void onRollback() {
            // nothing was written
        }
    };

    private DurableWrites() {}

    /** The calling thread's count so far. */
    public static Count onThisThread() {
        long[] counts = COUNTS.get();
        return new Count(counts[0], counts[1], counts[2]);
    }

    /** Counts every commit of {@code connection} when it is SQLite (the hook runs on the committing thread). */
    public static void countCommits(Connection connection) throws SQLException {
        if (connection.isWrapperFor(SQLiteConnection.class)) {
            connection.unwrap(SQLiteConnection.class).addCommitListener(COMMITS);
        }
    }

    /** Runs {@code work} on this thread and tells the writes it made, for the thread waiting for it ({@link #credit}). */
    public static <T> Counted<T> counted(Supplier<T> work) {
        Count before = onThisThread();
        T value = work.get();
        return new Counted<>(value, onThisThread().since(before));
    }

    /**
     * Adds to this thread's count writes another thread made on its behalf while it waited (a sink delivering beside
     * the drain's own): a visit's budget counts every write it waits for, on whichever thread.
     */
    public static void credit(Count writes) {
        long[] counts = COUNTS.get();
        counts[0] += writes.commits();
        counts[1] += writes.fsyncs();
        counts[2] += writes.fsyncWaits();
    }

    static void fsynced() {
        fsyncedTogether(1);
    }

    /** {@code files} fsyncs the calling thread waited for as one group. */
    static void fsyncedTogether(int files) {
        long[] counts = COUNTS.get();
        counts[1] += files;
        counts[2]++;
    }
}
