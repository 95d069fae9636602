package org.uketsuke.bridge.exchange;

/**
 * What the folder exchanges tell the terminal's audit trail: each request answered or refused (its file name, its
 * bytes and the answer's — the trail keeps SHA-256 hashes of both, never their contents), and whether requests may be
 * answered at all (no while the audit alarm stands: they wait in {@code req}).
 */
public interface ExchangeAudit {

    /** Records nothing and always accepts (tests and tools without an audit trail). */
    ExchangeAudit NONE = new ExchangeAudit() {
        @Override
        public boolean accepting() {
            return true;
        }

        @Override
        public void exchanged(String requestFile, byte[] request, Answer answer) {}
    };

    /** The file written in {@code res} for a request: an answer, or the {@code .err} of a refused one. */
    record Answer(String file, byte[] bytes, boolean refused) {}

    /** Whether a pass may answer requests now. */
    boolean accepting();

    /** One request that was answered or refused (not one left waiting); {@code request} null when left unread. */
    void exchanged(String requestFile, byte[] request, Answer answer);
}
