package org.uketsuke.app.ui;

import java.lang.management.ManagementFactory;

/**
 * The cold start's own milestones (docs/tuning.md): with {@code -Duketsuke.startTrace=true} each one prints its time
 * since JVM start and its thread on stderr, so a profile of the start needs no class-load log (with an AOT cache every
 * class is "loaded" at once when the cache is mapped, and a class-load timeline says nothing).
 */
public final class StartTrace {

    private static final boolean ON = Boolean.getBoolean("uketsuke.startTrace");

    private StartTrace() {}

    /** The milliseconds since the JVM started (what the bench's cold-start row reports). */
    public static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    public static void mark(String milestone) {
        if (ON) {
            System.err.println("start-trace " + sinceJvmStart() + " ms " + milestone + " ["
                    + Thread.currentThread().getName() + "]");
        }
    }
}
