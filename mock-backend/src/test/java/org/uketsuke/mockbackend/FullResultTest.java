package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentKind;
import org.uketsuke.eligibility.ConsentRecord;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.MedicalSubsidies;
import org.uketsuke.eligibility.MedicalSubsidy;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.ResultParticulars;
import org.uketsuke.eligibility.SubsidyKind;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultMessage;

/**
 * The backend's results carry the full element set (docs/spec-notes/results.md): over a population every
 * 被保険者証区分 the generator deals, address and postal code, card dates, 医療扶助, and on every result the consents of
 * every kind with their times; the client keeps the bytes it received.
 */
class FullResultTest {

    private static final int PEOPLE = 200;
    private static final int CONNECTED = MedicalSubsidyRegister.CONNECTED_FIRST;
    private static final int PAPER = MedicalSubsidyRegister.PAPER_FIRST;

    @TempDir
    static Path state;

    private static MockBackend backend;
    private static HttpsEligibilityClient client;

    @BeforeAll
    static void start() {
        backend = MockBackend.start(new MockBackendConfig(state, 0, 42L, PEOPLE));
        client = new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void resultsByInsuranceNumberCarryEveryElement() throws Exception {
        Set<String> classifications = new TreeSet<>();
        int tickets = 0;
        int confirmed = 0;
        for (int person = 0; person < PEOPLE; person++) {
            Qualification held = backend.person(person);
            ConfirmationOutcome outcome =
                    client.confirmByInsurance(new InsuranceSearch(held.card(), held.birthdate(), true, "p" + person));
            if (!(outcome instanceof ConfirmationOutcome.Confirmed c)) {
                continue;
            }
            confirmed++;
            ResultMessage received =
                    QualificationXml.parseResult(c.received().orElseThrow().bytes());
            assertThat(received.referenceClassification()).isEqualTo("2");
            ResultParticulars p = c.qualification().particulars();
            classifications.add(p.cardClassification().code());
            assertThat(p.address()).startsWith("東京都");
            assertThat(p.postNumber()).matches("\\d{3}-\\d{4}");
            assertThat(p.insuredName()).isNotBlank();
            assertThat(p.certificateIssuanceDate()).isEqualTo(held.qualificationDate());
            assertThat(p.cardValidDate()).isEqualTo(held.qualificationDate());
            Set<ConsentKind> kinds = EnumSet.noneOf(ConsentKind.class);
            for (ConsentRecord consent : p.consents()) {
                kinds.add(consent.kind());
                assertThat(consent.consentTime()).matches("\\d{14}");
            }
            assertThat(kinds).containsExactlyInAnyOrder(ConsentKind.values());
            assertThat(p.consent(ConsentKind.LIMIT_APPLICATION)
                            .orElseThrow()
                            .flag()
                            .code())
                    .isEqualTo("1");
            if (held.card().insurer().value().startsWith("39")) {
                assertThat(p.cardExpirationDate())
                        .as("後期高齢者 cards end on 31 July")
                        .isNotNull();
            }
            tickets += p.medicalTickets().size();
        }
        assertThat(confirmed).isGreaterThan(PEOPLE * 8 / 10);
        assertThat(classifications).contains("01", "02", "03", "04", "05", "07", "A1");
        assertThat(tickets).isPositive();
    }

    @Test
    void aCardResultCarriesTheViewingConsentsWithTheirExpiry() {
        ConfirmationOutcome outcome = TestCards.confirmWithPin(client, backend.issueCard(0));
        assertThat(outcome).isInstanceOfSatisfying(ConfirmationOutcome.Confirmed.class, c -> {
            ResultParticulars p = c.qualification().particulars();
            assertThat(p.consents()).hasSize(ConsentKind.values().length);
            p.consents().stream()
                    .filter(consent ->
                            consent.flag().code().equals("1") && consent.kind().expiring())
                    .forEach(consent -> assertThat(consent.expiry()).matches("\\d{14}"));
            assertThat(c.received()).isPresent();
        });
    }

    // PMH 医療費助成 by municipality and 医療扶助 without a registered 医療券 (docs/spec-notes/pmh.md#the-mock-backend).

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
