package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.UnavailableReason;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;

/** A bad day at the national system, over real mTLS: every fault ends in a typed outcome, never an exception. */
class FaultInjectionTest {

    @TempDir
    static Path state;

    private static MockBackend backend;
    private static HttpsEligibilityClient client;

    @BeforeAll
    static void start() {
        backend = MockBackend.start(new MockBackendConfig(state, 0, 11L, 30));
        client = new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(2));
    }

    @AfterEach
    void clear() {
        backend.injectFault(new Fault.None(), 0);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static ConfirmationOutcome confirm(IssuedCard card) throws Exception {
        byte[] nonce = TestCards.nonce(client);
        return client.confirmByCard(new CardConfirmationRequest(
                card.authCertDer(),
                nonce,
                TestCards.signStatement(card.authKey(), client, nonce),
                IdentityMethod.PIN,
                Consents.none(),
                "fault"));
    }

    private static UnavailableReason unavailable(ConfirmationOutcome outcome) {
        assertThat(outcome).isInstanceOf(Unavailable.class);
        return ((Unavailable) outcome).reason();
    }

    @Test
    void maintenanceStatusIsAServerError() throws Exception {
        backend.injectFault(new Fault.Status(503), 1);
        assertThat(unavailable(confirm(backend.issueCard(0)))).isEqualTo(UnavailableReason.SERVER_ERROR);
        assertThat(confirm(backend.issueCard(0)))
                .as("the fault was one-shot")
                .isInstanceOf(ConfirmationOutcome.Confirmed.class);
    }

    @Test
    void aTruncatedResultIsAMalformedResponse() throws Exception {
        backend.injectFault(new Fault.Malformed(), 1);
        assertThat(unavailable(confirm(backend.issueCard(1)))).isEqualTo(UnavailableReason.MALFORMED_RESPONSE);
    }

    @Test
    void anAnswerSlowerThanTheClientTimeoutIsATimeout() throws Exception {
        backend.injectFault(new Fault.Latency(Duration.ofSeconds(4)), 1);
        assertThat(unavailable(confirm(backend.issueCard(2)))).isEqualTo(UnavailableReason.TIMEOUT);
    }

    @Test
    void aSlowButInTimeAnswerStillConfirms() throws Exception {
        backend.injectFault(new Fault.Latency(Duration.ofMillis(300)), 1);
        assertThat(confirm(backend.issueCard(2))).isInstanceOf(ConfirmationOutcome.Confirmed.class);
    }

    @Test
    void aDroppedConnectionIsUnreachable() throws Exception {
        backend.injectFault(new Fault.Reset(), 1);
        assertThat(unavailable(confirm(backend.issueCard(3))))
                .isIn(UnavailableReason.UNREACHABLE, UnavailableReason.SERVER_ERROR);
    }

    @Test
    void aRefusedNonceIsARejection() throws Exception {
        backend.injectFault(new Fault.WrongNonce(), 1);
        assertThat(confirm(backend.issueCard(4)))
                .isInstanceOfSatisfying(
                        ConfirmationOutcome.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(RejectionReason.NONCE_INVALID));
    }

    @Test
    void faultSpecsParse() {
        assertThat(Fault.parse("latency=250")).isEqualTo(new Fault.Latency(Duration.ofMillis(250)));
        assertThat(Fault.parse("status=500")).isEqualTo(new Fault.Status(500));
        assertThat(Fault.parse("reset")).isEqualTo(new Fault.Reset());
        assertThat(Fault.parse("none")).isEqualTo(new Fault.None());
    }

    @Test
    void aQualificationIsFoundByInsuranceNumberAndBirthDate() {
        Qualification person = backend.issueCard(5).expected();
        ConfirmationOutcome found =
                client.confirmByInsurance(new InsuranceSearch(person.card(), person.birthdate(), false, "desk-1"));
        assertThat(found).isInstanceOfSatisfying(ConfirmationOutcome.Confirmed.class, c -> {
            assertThat(c.qualification().card()).isEqualTo(person.card());
            assertThat(c.qualification().details().limit()).isEmpty();
        });
        InsuranceCardId noBranch = new InsuranceCardId(
                person.card().insurer(), person.card().symbol(), person.card().number(), "");
        assertThat(client.confirmByInsurance(new InsuranceSearch(noBranch, person.birthdate(), false, "desk-2")))
                .as("枝番 is optional on older cards")
                .isInstanceOf(ConfirmationOutcome.Confirmed.class);
        assertThat(client.confirmByInsurance(
                        new InsuranceSearch(person.card(), person.birthdate().plusDays(1), false, "desk-3")))
                .isInstanceOfSatisfying(
                        ConfirmationOutcome.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(RejectionReason.NO_QUALIFICATION));
    }
}
