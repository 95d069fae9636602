package org.uketsuke.tools.bench;

import java.net.URI;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.ConfirmationStatement;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.NonceOutcome;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.client.TlsMaterial;
import org.uketsuke.mockbackend.IssuedCard;

/**
 * Card confirmations against the card → store rows' mock backend before the rows, from a JVM of its own that then
 * exits (its connections close as a terminal's do): each one a nonce, the card's signature over the statement and the
 * confirmation, the very requests of a PIN visit, on a few connections at once. The backend's checks are the rows'
 * (nonce single use, the certificate's chain and revocation, the signature, mTLS); a refusal ends the bench.
 *
 * <p>Why (docs/tuning.md, issue #23 ninth round): a request's methods reach the C2 compiler only after thousands of
 * calls (tier 4 thresholds: 5,000 invocations, 15,000 with loops), so after the throwaway terminals' 1,300 visits
 * much of the backend's request path still ran as tier-3 code (C1 with full profiling) in the rows while its C2
 * thread compiled it: ≈ 60 % of the backend's CPU per visit was that thread's. The national system has long
 * finished compiling when a counter's visit reaches it.
 *
 * <p>Arguments: backend URI, terminal PKCS#12 file, its password, backend CA PEM file, card file
 * ({@link TerminalProcess#writeCard}), connections, confirmations per connection. Prints {@code done}.
 */
public final class BackendWarmUp {

    private BackendWarmUp() {}

    public static void main(String[] args) throws Exception {
        URI backend = URI.create(args[0]);
        TlsMaterial tls = TlsMaterial.fromPkcs12(Path.of(args[1]), args[2].toCharArray(), Path.of(args[3]));
        IssuedCard card = TerminalProcess.readCard(Path.of(args[4]));
        int connections = Integer.parseInt(args[5]);
        int each = Integer.parseInt(args[6]);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int connection = c;
                running.add(pool.submit(() -> {
                    confirm(backend, tls, card, connection, each);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        System.out.println("done");
    }

    /** {@code count} PIN confirmations on one connection of its own, as {@code TerminalProcess.pinVisit} sends them. */
    private static void confirm(URI backend, TlsMaterial tls, IssuedCard card, int connection, int count)
            throws Exception {
        HttpsEligibilityClient client = new HttpsEligibilityClient(
                backend, tls, Duration.ofSeconds(10), HistorySeed.INSTITUTION, Clock.systemUTC());
        Signature rsa = Signature.getInstance("SHA256withRSA");
        Consents consents = Consents.all(Consent.NO);
        for (int i = 0; i < count; i++) {
            if (!(client.nonce() instanceof NonceOutcome.Issued(byte[] nonce))) {
                throw new IllegalStateException("the mock backend issued no nonce");
            }
            rsa.initSign(card.authKey());
            rsa.update(new ConfirmationStatement(
                            nonce, client.institutionCode(), consents, ConsentScenario.OUTPATIENT, null)
                    .bytes());
            CardConfirmationRequest request = new CardConfirmationRequest(
                    card.authCertDer(),
                    nonce,
                    rsa.sign(),
                    IdentityMethod.PIN,
                    consents,
                    "warm-up-" + connection + "-" + i);
            if (!(client.confirmByCard(request) instanceof ConfirmationOutcome.Confirmed)) {
                throw new IllegalStateException("a warm-up confirmation was refused");
            }
        }
    }
}
