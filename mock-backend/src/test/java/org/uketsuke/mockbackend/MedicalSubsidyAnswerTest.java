package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.MedicalSubsidies;
import org.uketsuke.eligibility.MedicalSubsidy;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.SubsidyKind;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;

/**
 * The mock answers the PMH question by the patient's municipality (docs/spec-notes/pmh.md#the-mock-backend) and
 * 医療扶助 without a registered 医療券 with QualificationValidity 6.
 */
class MedicalSubsidyAnswerTest {

    private static final int CONNECTED = MedicalSubsidyRegister.CONNECTED_FIRST;
    private static final int PAPER = MedicalSubsidyRegister.PAPER_FIRST;

    @TempDir
    static Path state;

    private static MockBackend backend;
    private static HttpsEligibilityClient client;

    @BeforeAll
    static void start() {
        backend = MockBackend.start(new MockBackendConfig(state, 0, 42L, 40));
        client = new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    /** A PIN-path request whose card signed {@code signed} while the request carries {@code sent}. */
    private static ConfirmationOutcome confirm(int person, Consents signed, Consents sent) throws Exception {
        IssuedCard card = backend.issueCard(person);
        byte[] nonce = TestCards.nonce(client);
        return client.confirmByCard(new CardConfirmationRequest(
                card.authCertDer(),
                nonce,
                TestCards.signStatement(card.authKey(), client, nonce, signed, null),
                IdentityMethod.PIN,
                sent,
                "pmh-" + person));
    }

    private static MedicalSubsidies answer(int person, Consent subsidy) throws Exception {
        Consents consents = Consents.none().withSubsidy(subsidy);
        ConfirmationOutcome outcome = confirm(person, consents, consents);
        assertThat(outcome).isInstanceOf(ConfirmationOutcome.Confirmed.class);
        return ((ConfirmationOutcome.Confirmed) outcome)
                .qualification()
                .particulars()
                .subsidies();
    }

    @Test
    void aConnectedMunicipalitysRecipientWhoAgreesGetsTheCertificates() throws Exception {
        MedicalSubsidies answer = answer(CONNECTED, Consent.YES);
        assertThat(answer.status()).isEqualTo(MedicalSubsidies.Status.PROVIDED);
        assertThat(answer.subsidies()).isNotEmpty();
        for (MedicalSubsidy s : answer.subsidies()) {
            assertThat(s.payer().checked()).isTrue();
            assertThat(s.recipient()).isNotNull();
            assertThat(s.municipality()).isEqualTo(MedicalSubsidyRegister.CONNECTED_TOWN);
        }
        assertThat(answer.subsidies().getFirst().kind()).isIn(SubsidyKind.CHILD, SubsidyKind.SINGLE_PARENT);
        // Someone else in a connected municipality holds none: an empty list, not "paper needed".
        assertThat(answer(CONNECTED + 1, Consent.YES)).isEqualTo(MedicalSubsidies.provided(List.of()));
    }

    @Test
    void anUnconnectedMunicipalityMeansPaperAndDecliningOrNotAskingMeansNothing() throws Exception {
        assertThat(answer(PAPER, Consent.YES).paperNeeded()).isTrue();
        assertThat(answer(CONNECTED, Consent.NO)).isEqualTo(MedicalSubsidies.of(MedicalSubsidies.Status.DECLINED));
        assertThat(answer(CONNECTED, Consent.NOT_OBTAINED)).isEqualTo(MedicalSubsidies.NOT_ASKED);
    }

    @Test
    void aPmhAnswerChangedAfterThePatientSignedIsRefused() throws Exception {
        Consents signed = Consents.none().withSubsidy(Consent.NO);
        for (Consents sent : new Consents[] {signed.withSubsidy(Consent.YES), Consents.none()}) {
            assertThat(confirm(CONNECTED, signed, sent))
                    .isInstanceOfSatisfying(
                            ConfirmationOutcome.Rejected.class,
                            r -> assertThat(r.reason()).isEqualTo(RejectionReason.CONSENTS_ALTERED));
        }
    }

    @Test
    void medicalAidWithoutARegisteredTicketIsValidity6AndConfirms() throws Exception {
        for (int person : new int[] {11, 30}) {
            ConfirmationOutcome outcome = confirm(person, Consents.none(), Consents.none());
            assertThat(outcome).isInstanceOfSatisfying(ConfirmationOutcome.Confirmed.class, c -> {
                assertThat(c.qualification().particulars().cardClassification().medicalAid())
                        .isTrue();
                String bytes = new String(c.received().orElseThrow().bytes(), StandardCharsets.UTF_8);
                assertThat(bytes)
                        .contains("<QualificationValidity>" + (person == 30 ? "6" : "1") + "</QualificationValidity>");
            });
        }
    }
}
