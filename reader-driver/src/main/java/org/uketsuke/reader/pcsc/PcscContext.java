package org.uketsuke.reader.pcsc;

import java.lang.reflect.Field;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;

/**
 * The process's PC/SC context. The JDK's provider keeps one {@code SCARDCONTEXT} per JVM in a static field
 * ({@code sun.security.smartcardio.PCSCTerminals.contextId}) and pcsc-lite never reconnects a context whose daemon
 * went away, so after a pcscd restart every call fails with SCARD_E_NO_SERVICE until that field is cleared. With
 * {@code --add-opens java.smartcardio/sun.security.smartcardio=ALL-UNNAMED} (the launcher and the tests pass it)
 * {@link #renew()} clears it and the next factory establishes a fresh context; without it, a restarted service needs
 * the program restarted and {@link #renewHint()} says so.
 */
final class PcscContext {

    private static final String TERMINALS_CLASS = "sun.security.smartcardio.PCSCTerminals";
    private static volatile boolean renewable = true;

    private PcscContext() {}

    /** A new view of the readers on the current context (establishing one when there is none). */
    static CardTerminals terminals() throws CardServiceUnavailableException {
        try {
            return TerminalFactory.getInstance("PC/SC", null).terminals();
        } catch (NoSuchAlgorithmException e) {
            throw new CardServiceUnavailableException(
                    "the card service is not available: " + PcscReaders.reason(e)
                            + " (is pcscd running? start it with: sudo systemctl start pcscd, or pcscd as root)",
                    e);
        }
    }

    /**
     * Forgets the dead context (and the terminals made on it) so the next {@link #terminals()} establishes a new one.
     * Returns false when the JDK does not let us (the package is not opened to us).
     */
    static boolean renew() {
        if (!renewable) {
            return false;
        }
        try {
            Class<?> terminals = Class.forName(TERMINALS_CLASS);
            Field context = terminals.getDeclaredField("contextId");
            Field cache = terminals.getDeclaredField("terminals");
            context.setAccessible(true);
            cache.setAccessible(true);
            // The provider's own lock for both fields (its static synchronized methods).
            synchronized (terminals) {
                context.setLong(null, 0L);
                ((Map<?, ?>) cache.get(null)).clear();
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            renewable = false;
            return false;
        }
    }

    /** What to tell an operator when the context cannot be renewed in-process. */
    static String renewHint() {
        return renewable
                ? ""
                : " — restart Uketsuke once the card service runs again (the JVM keeps its first PC/SC"
                        + " context; run it with --add-opens java.smartcardio/sun.security.smartcardio=ALL-UNNAMED to reconnect"
                        + " by itself)";
    }
}
