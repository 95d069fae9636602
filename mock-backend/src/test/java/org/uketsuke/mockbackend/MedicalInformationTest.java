package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.PrescriptionForm;
import org.uketsuke.eligibility.UnavailableReason;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.medical.CheckupItem;
import org.uketsuke.eligibility.medical.CheckupResult;
import org.uketsuke.eligibility.medical.DispensedDrug;
import org.uketsuke.eligibility.medical.MedicalCategory;
import org.uketsuke.eligibility.medical.MedicalOutcome;
import org.uketsuke.eligibility.medical.MedicalPatient;
import org.uketsuke.eligibility.medical.MedicalPdf;
import org.uketsuke.eligibility.medical.MedicalQuery;
import org.uketsuke.eligibility.medical.MedicalRecords;

/**
 * Medical information over real HTTPS with mutual TLS: the consent matrix (each category × consented / not / could
 * not be obtained / expired by the server's clock), no data without consent, the typed outcomes and the PDF.
 */
class MedicalInformationTest {

    @TempDir
    static Path state;

    private static final SettableClock clock = new SettableClock(todayAtTenJst());
    private static MockBackend backend;
    private static HttpsEligibilityClient client;
    /** A person old enough for checkups and with drugs and diagnoses on record. */
    private static int person;

    @BeforeAll
    static void start() {
        backend = MockBackend.start(new MockBackendConfig(state, 0, 11L, 60), clock);
        client = new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(10));
        person = IntStream.range(0, backend.people())
                .filter(i -> backend.medicalHistory(i, MedicalCategory.DRUG).size() > 20)
                .filter(i -> backend.medicalHistory(i, MedicalCategory.CHECKUP).size() >= 3)
                .filter(i ->
                        backend.medicalHistory(i, MedicalCategory.TREATMENT).size() > 0)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no person with a full history in 60"));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static ConfirmationOutcome confirm(
            HttpsEligibilityClient terminal, Consents consents, PrescriptionForm form) throws Exception {
        IssuedCard card = backend.issueCard(person);
        byte[] nonce = TestCards.nonce(terminal);
        return terminal.confirmByCard(new CardConfirmationRequest(
                card.authCertDer(),
                nonce,
                TestCards.signStatement(card.authKey(), terminal, nonce, consents, form),
                IdentityMethod.PIN,
                consents,
                "medical-" + System.nanoTime(),
                null,
                form,
                ConsentScenario.OUTPATIENT));
    }

    /** The answer for one category, the opposite for every other (so a mix-up between categories shows). */
    private static Consents only(MedicalCategory category, Consent answer) {
        Consent other = answer == Consent.YES ? Consent.NO : Consent.YES;
        Consent[] c = new Consent[6];
        for (MedicalCategory m : MedicalCategory.values()) {
            c[m.ordinal()] = m == category ? answer : other;
        }
        return new Consents(c[0], c[1], c[2], c[3], c[4], c[5]);
    }

    private static MedicalQuery query(MedicalCategory category) {
        return MedicalQuery.all(backend.person(person).card(), category);
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (MedicalCategory category : MedicalCategory.viewableCategories()) {
            for (String answer : List.of("YES", "NO", "NOT_OBTAINED", "EXPIRED_BY_TIME", "EXPIRED_AT_READER")) {
                cases.add(Arguments.of(category, answer));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("matrix")
    void eachCategoryIsServedOnlyWhileItsOwnConsentHolds(MedicalCategory category, String answer) throws Exception {
        Consent given = switch (answer) {
            case "YES", "EXPIRED_BY_TIME" -> Consent.YES;
            case "NO" -> Consent.NO;
            case "NOT_OBTAINED" -> Consent.NOT_OBTAINED;
            default -> Consent.EXPIRED;
        };
        Instant confirmedAt = clock.instant();
        assertThat(confirm(client, only(category, given), null)).isInstanceOf(ConfirmationOutcome.Confirmed.class);
        if (answer.equals("EXPIRED_BY_TIME")) {
            clock.advance(Duration.ofHours(24));
        }

        MedicalOutcome<MedicalRecords> records = client.medicalRecords(query(category));
        MedicalOutcome<MedicalPdf> pdf = client.medicalPdf(query(category));

        switch (answer) {
            case "YES" -> {
                assertThat(records)
                        .isEqualTo(new MedicalOutcome.Found<>(
                                backend.medicalHistory(person, category),
                                confirmedAt.plus(Duration.ofHours(24)),
                                MedicalPatient.of(backend.person(person))));
                assertThat(pdf).isInstanceOf(MedicalOutcome.Found.class);
            }
            case "NO", "NOT_OBTAINED" -> {
                assertThat(records).isEqualTo(new MedicalOutcome.NoConsent<>(category, given));
                assertThat(pdf).isEqualTo(new MedicalOutcome.NoConsent<>(category, given));
            }
            case "EXPIRED_BY_TIME" -> {
                assertThat(records)
                        .isEqualTo(
                                new MedicalOutcome.ConsentExpired<>(category, confirmedAt.plus(Duration.ofHours(24))));
                assertThat(pdf).isInstanceOf(MedicalOutcome.ConsentExpired.class);
            }
            default -> {
                assertThat(records).isEqualTo(new MedicalOutcome.ConsentExpired<>(category, null));
                assertThat(pdf).isInstanceOf(MedicalOutcome.ConsentExpired.class);
            }
        }
    }

    @Test
    void theWindowIsOpenUntilTheLastSecondAndAnotherConfirmationOpensANewOne() throws Exception {
        confirm(client, Consents.all(Consent.YES), null);
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(client.medicalRecords(query(MedicalCategory.DRUG))).isInstanceOf(MedicalOutcome.Found.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(client.medicalRecords(query(MedicalCategory.DRUG)))
                .isInstanceOf(MedicalOutcome.ConsentExpired.class);

        confirm(client, Consents.all(Consent.YES), null);
        assertThat(client.medicalRecords(query(MedicalCategory.DRUG))).isInstanceOf(MedicalOutcome.Found.class);
        // A later "no" replaces the earlier "yes" at once.
        confirm(client, Consents.all(Consent.NO), null);
        assertThat(client.medicalRecords(query(MedicalCategory.DRUG)))
                .isEqualTo(new MedicalOutcome.NoConsent<>(MedicalCategory.DRUG, Consent.NO));
    }

    @Test
    void anotherClinicSeesNothingOfAConsentGivenHere() throws Exception {
        confirm(client, Consents.all(Consent.YES), null);
        HttpsEligibilityClient otherClinic = new HttpsEligibilityClient(
                backend.baseUri(), backend.issueTerminal("1319999999"), Duration.ofSeconds(10));
        for (MedicalCategory category : MedicalCategory.viewableCategories()) {
            assertThat(otherClinic.medicalRecords(query(category)))
                    .isEqualTo(new MedicalOutcome.NoConsent<>(category, Consent.NOT_OBTAINED));
            assertThat(otherClinic.medicalPdf(query(category)))
                    .isEqualTo(new MedicalOutcome.NoConsent<>(category, Consent.NOT_OBTAINED));
        }
    }

    @Test
    void anUnknownInsuranceIsNotFoundAndABackendThatIsDownIsUnavailable() throws Exception {
        var card = backend.person(person).card();
        var unknown = new InsuranceCardId(card.insurer(), card.symbol(), card.number() + "9", card.branch());
        assertThat(client.medicalRecords(MedicalQuery.all(unknown, MedicalCategory.DRUG)))
                .isInstanceOf(MedicalOutcome.NotFound.class);
        assertThat(client.medicalPdf(MedicalQuery.all(unknown, MedicalCategory.DRUG)))
                .isInstanceOf(MedicalOutcome.NotFound.class);

        int freePort;
        try (var socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        HttpsEligibilityClient down = new HttpsEligibilityClient(
                URI.create("https://127.0.0.1:" + freePort), backend.terminalTls(), Duration.ofSeconds(2));
        assertThat(down.medicalRecords(query(MedicalCategory.DRUG)))
                .isInstanceOfSatisfying(
                        MedicalOutcome.NotAnswered.class,
                        n -> assertThat(n.unavailable().reason()).isEqualTo(UnavailableReason.UNREACHABLE));
    }

    @Test
    void theDateRangeFiltersAndTheHistoryIsPlausible() throws Exception {
        confirm(client, Consents.all(Consent.YES), null);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Tokyo"));
        var card = backend.person(person).card();
        var lastYear = new MedicalQuery(
                card, MedicalCategory.DRUG, today.minusYears(1), today, ConsentScenario.OUTPATIENT, "");
        var outcome = client.medicalRecords(lastYear);
        assertThat(outcome).isInstanceOf(MedicalOutcome.Found.class);
        List<DispensedDrug> drugs =
                ((MedicalRecords.Drugs) ((MedicalOutcome.Found<MedicalRecords>) outcome).value()).drugs();
        assertThat(drugs).isNotEmpty().allSatisfy(d -> {
            assertThat(d.dispensed()).isBetween(today.minusYears(1), today);
            assertThat(d.days()).isBetween(1, 90);
            assertThat(d.drugName()).matches(".*[錠ｍｇ].*");
            assertThat(d.facility()).isNotBlank();
        });
        assertThat(drugs)
                .isSortedAccordingTo(
                        Comparator.comparing(DispensedDrug::dispensed).reversed());

        var checkups = ((MedicalRecords.Checkups) backend.medicalHistory(person, MedicalCategory.CHECKUP)).checkups();
        assertThat(checkups).extracting(CheckupResult::fiscalYear).doesNotHaveDuplicates();
        assertThat(checkups).allSatisfy(c -> {
            assertThat(c.value(CheckupItem.HBA1C).orElseThrow().doubleValue()).isBetween(4.0, 12.0);
            assertThat(c.value(CheckupItem.SYSTOLIC_BP).orElseThrow().intValue())
                    .isBetween(90, 200);
            assertThat(c.value(CheckupItem.BMI).orElseThrow().doubleValue()).isBetween(15.0, 40.0);
        });
        // Same seed, same person, same day: the same history.
        assertThat(backend.medicalHistory(person, MedicalCategory.DRUG))
                .isEqualTo(backend.medicalHistory(person, MedicalCategory.DRUG));
    }

    @Test
    void thePdfEmbedsAJapaneseFontAndReadsBackWithTheDrugNames() throws Exception {
        confirm(client, Consents.all(Consent.YES), null);
        var outcome = client.medicalPdf(query(MedicalCategory.DRUG));
        assertThat(outcome).isInstanceOf(MedicalOutcome.Found.class);
        byte[] bytes = ((MedicalOutcome.Found<MedicalPdf>) outcome).value().bytes();
        var drugs = ((MedicalRecords.Drugs) backend.medicalHistory(person, MedicalCategory.DRUG)).drugs();
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text)
                    .contains(
                            "薬剤情報",
                            backend.person(person).name(),
                            drugs.get(0).drugName(),
                            drugs.get(drugs.size() - 1).drugName());
            assertThat(pdf.getNumberOfPages()).isGreaterThanOrEqualTo(1);
            var resources = pdf.getPage(0).getResources();
            for (var name : resources.getFontNames()) {
                PDFont font = resources.getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
            }
        }
    }

    @Test
    void thePrescriptionFormTravelsWithTheConfirmation() throws Exception {
        confirm(client, Consents.none(), PrescriptionForm.ELECTRONIC);
        String institution = institutionOfDefaultTerminal();
        assertThat(backend.prescriptionForm(institution, person)).contains(PrescriptionForm.ELECTRONIC);
        confirm(client, Consents.none(), PrescriptionForm.PAPER);
        assertThat(backend.prescriptionForm(institution, person)).contains(PrescriptionForm.PAPER);
        confirm(client, Consents.none(), null);
        assertThat(backend.prescriptionForm(institution, person)).isEmpty();
    }

    private static String institutionOfDefaultTerminal() throws Exception {
        var keys = backend.terminalTls().keyStore();
        var alias = keys.aliases().nextElement();
        var cert = (X509Certificate) keys.getCertificate(alias);
        for (var rdn : new X500Name(cert.getSubjectX500Principal().getName()).getRDNs(BCStyle.CN)) {
            return rdn.getFirst().getValue().toString();
        }
        throw new AssertionError("terminal certificate without CN");
    }

    /**
     * 10:00 JST today by the real clock: the test PKI issues its certificates from the real time (one day back), so
     * a backend clock fixed at a past date would find every terminal certificate not yet valid.
     */
    private static Instant todayAtTenJst() {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(1));
    }
}
