package org.uketsuke.mockbackend;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fault the backend injects into its next answers (none by default); the expired server certificate is a TLS
 * fault and is switched at once instead.
 */
final class FaultInjector {

    private final BackendTls tls;
    private final AtomicInteger budget = new AtomicInteger();
    private volatile Fault fault = new Fault.None();

    FaultInjector(BackendTls tls) {
        this.tls = tls;
    }

    /** The fault for the next {@code times} answers ({@code Integer.MAX_VALUE}: until another is injected). */
    void inject(Fault next, int times) {
        boolean expired = next instanceof Fault.ExpiredServerCertificate;
        tls.serveExpiredCertificate(expired);
        fault = expired ? new Fault.None() : next;
        budget.set(times);
    }

    /** The fault for this answer (uses one of its budget), or {@link Fault.None}. */
    Fault take() {
        Fault current = fault;
        if (current instanceof Fault.None) {
            return current;
        }
        if (budget.getAndDecrement() <= 0) {
            fault = new Fault.None();
            return fault;
        }
        return current;
    }
}
