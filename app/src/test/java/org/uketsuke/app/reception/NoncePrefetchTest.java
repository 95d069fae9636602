package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.Pin;
import org.uketsuke.app.flow.VisitCommand;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.NonceOutcome;

/**
 * The nonce asked for at card read (mock backend over mTLS, virtual card): used by that card's signature only, once,
 * while fresh; a card removed before its signature leaves its nonce unused, and the next card never gets it.
 */
class NoncePrefetchTest {

    @TempDir
    Path dir;

    @Test
    void aNonceFetchedForACardThatIsRemovedIsNeverSentAndTheNextCardSignsItsOwn() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.start(dir)) {
            Recorded backend = new Recorded();
            ReceptionSteps steps = new ReceptionSteps(new ReceptionServices(
                    fixture.slot, backend.around(fixture.client), fixture.bridge, Clock.systemUTC()));

            fixture.slot.insert();
            assertThat(steps.run(new VisitCommand.ReadCard())).containsInstanceOf(VisitEvent.CardReady.class);
            byte[] first = backend.awaitIssued(1);
            // The patient walks away with the card before the PIN: the visit ends.
            fixture.slot.remove();
            steps.run(new VisitCommand.EndVisit());

            fixture.slot.insert();
            steps.run(new VisitCommand.ReadCard());
            steps.run(new VisitCommand.VerifyPin(Pin.of(fixture.issued.pin())));
            assertThat(steps.run(new VisitCommand.Confirm(Consents.all(Consent.NO))))
                    .containsInstanceOf(VisitEvent.Confirmed.class);
            steps.run(new VisitCommand.EndVisit());

            assertThat(backend.sent).singleElement().satisfies(sent -> {
                assertThat(sent).isNotEqualTo(first);
                // The one fetched at the second card's read: two nonces asked for in all, not three.
                assertThat(sent).isEqualTo(backend.issued.get(1));
            });
            assertThat(backend.issued).hasSize(2);
        }
    }

    @Test
    void aPrefetchedNonceGoesOnlyToItsOwnSessionOnceAndWhileFresh() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.start(dir)) {
            Recorded backend = new Recorded();
            AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
            NoncePrefetch nonces = new NoncePrefetch(backend.around(fixture.client), now::get);
            CardSession first = fixture.cardRead().card().orElseThrow();
            CardSession second = fixture.cardRead().card().orElseThrow();

            nonces.start(first);
            byte[] forFirst = backend.awaitIssued(1);
            // Another session asks: it gets a nonce of its own, and the first one's is gone.
            assertThat(issued(nonces.take(Optional.of(second)))).isNotEqualTo(forFirst);
            assertThat(issued(nonces.take(Optional.of(first)))).isNotEqualTo(forFirst);

            nonces.start(first);
            byte[] once = issued(nonces.take(Optional.of(first)));
            assertThat(once).isEqualTo(backend.issued.getLast());
            assertThat(issued(nonces.take(Optional.of(first)))).isNotEqualTo(once);

            nonces.start(first);
            byte[] stale = backend.awaitIssued(6);
            now.set(now.get().plus(NoncePrefetch.MAX_AGE));
            assertThat(issued(nonces.take(Optional.of(first)))).isNotEqualTo(stale);
            assertThat(backend.issued).hasSize(7);
            first.close();
            second.close();
        }
    }

    private static byte[] issued(NonceOutcome outcome) {
        assertThat(outcome).isInstanceOf(NonceOutcome.Issued.class);
        return ((NonceOutcome.Issued) outcome).nonce();
    }

    /** The real client, with every nonce it was issued and every nonce a confirmation sent, in order. */
    private static final class Recorded {
        final List<byte[]> issued = new CopyOnWriteArrayList<>();
        final List<byte[]> sent = new CopyOnWriteArrayList<>();

        EligibilityClient around(EligibilityClient real) {
            return (EligibilityClient) Proxy.newProxyInstance(
                    EligibilityClient.class.getClassLoader(), new Class<?>[] {EligibilityClient.class}, (p, m, a) -> {
                        if (m.getName().equals("confirmByCard")) {
                            sent.add(((CardConfirmationRequest) a[0]).nonce());
                        }
                        Object answer;
                        try {
                            answer = m.invoke(real, a);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                        if (answer instanceof NonceOutcome.Issued nonce) {
                            issued.add(nonce.nonce());
                        }
                        return answer;
                    });
        }

        /** The {@code n}th nonce issued, once it has come back (a prefetch runs on its own thread). */
        byte[] awaitIssued(int n) throws InterruptedException {
            for (int i = 0; i < 1_000 && issued.size() < n; i++) {
                Thread.sleep(10);
            }
            assertThat(issued).hasSizeGreaterThanOrEqualTo(n);
            return issued.get(n - 1);
        }
    }
}
