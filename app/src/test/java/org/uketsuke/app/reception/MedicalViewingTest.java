package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.staff.Authorizer;
import org.uketsuke.app.staff.NotPermitted;
import org.uketsuke.app.staff.Role;
import org.uketsuke.app.staff.StaffMember;
import org.uketsuke.app.ui.MedicalInfoViewModel;
import org.uketsuke.app.ui.Messages;
import org.uketsuke.bridge.audit.AuditLog;
import org.uketsuke.bridge.audit.AuditVerification;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.ConfirmationStatement;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.NonceOutcome;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.medical.CheckupItem;
import org.uketsuke.eligibility.medical.MedicalCategory;
import org.uketsuke.eligibility.medical.MedicalOutcome;
import org.uketsuke.eligibility.medical.MedicalQuery;
import org.uketsuke.eligibility.medical.MedicalRecords;
import org.uketsuke.mockbackend.IssuedCard;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;

/**
 * The staff's viewing over real HTTPS with mutual TLS against the mock backend, with a real audit log file: what is
 * served, what is refused, what is logged (and that nothing in clear is), and the view model's rows and charts.
 */
class MedicalViewingTest {

    /** A signed-in medical-information viewer. */
    private static final Authorizer VIEWER =
            Authorizer.fixed(new StaffMember("staff-07", "閲覧 花子", Set.of(Role.MEDICAL_VIEWER)));

    @TempDir
    static Path dir;

    private static MockBackend backend;
    private static HttpsEligibilityClient client;
    private static AuditTrail audit;
    private static MedicalViewing viewing;
    private static int person;

    @BeforeAll
    static void start() throws Exception {
        backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 5L, 40));
        client = new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(10));
        audit = AuditTrail.open(dir.resolve("audit.jsonl"), "kiosk-01", Clock.systemUTC(), false);
        viewing = new MedicalViewing(client, audit, Clock.systemUTC());
        person = IntStream.range(0, backend.people())
                .filter(i -> backend.medicalHistory(i, MedicalCategory.DRUG).size() > 10)
                .filter(i -> backend.medicalHistory(i, MedicalCategory.CHECKUP).size() >= 2)
                .findFirst()
                .orElseThrow();
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static void confirm(Consents consents) throws Exception {
        IssuedCard card = backend.issueCard(person);
        NonceOutcome issued = client.nonce();
        assertThat(issued).as("a nonce was issued").isInstanceOf(NonceOutcome.Issued.class);
        byte[] nonce = ((NonceOutcome.Issued) issued).nonce();
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(card.authKey());
        // The card signs the confirmation statement: the nonce with the institution and the answers.
        rsa.update(
                new ConfirmationStatement(nonce, client.institutionCode(), consents, ConsentScenario.OUTPATIENT, null)
                        .bytes());
        assertThat(client.confirmByCard(new CardConfirmationRequest(
                        card.authCertDer(),
                        nonce,
                        rsa.sign(),
                        IdentityMethod.PIN,
                        consents,
                        "view-" + System.nanoTime())))
                .isInstanceOf(ConfirmationOutcome.Confirmed.class);
    }

    private static ReceptionRecord record() {
        Qualification q = backend.person(person);
        return ReceptionRecord.confirmed(Instant.now(), q);
    }

    @Test
    void viewsAndExportsAreAuditedWithoutAnythingInClear() throws Exception {
        confirm(new Consents(Consent.YES, Consent.NO, Consent.NO, Consent.NO, Consent.NO, Consent.NO));
        var card = backend.person(person).card();
        MedicalOutcome<MedicalRecords> drugs = viewing.view(MedicalQuery.all(card, MedicalCategory.DRUG), VIEWER);
        MedicalOutcome<MedicalRecords> checkups = viewing.view(MedicalQuery.all(card, MedicalCategory.CHECKUP), VIEWER);
        Path pdf = dir.resolve("exports/drugs.pdf");
        var exported = viewing.export(MedicalQuery.all(card, MedicalCategory.DRUG), VIEWER, pdf);

        assertThat(drugs).isInstanceOf(MedicalOutcome.Found.class);
        assertThat(checkups).isEqualTo(new MedicalOutcome.NoConsent<>(MedicalCategory.CHECKUP, Consent.NO));
        assertThat(exported).isInstanceOf(MedicalOutcome.Found.class);
        assertThat(Files.readAllBytes(pdf)).startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));

        String log = Files.readString(audit.file());
        assertThat(log).contains("\"MEDICAL_VIEW\"", "VIEWED_DRUG", "NO_CONSENT_CHECKUP", "EXPORTED_DRUG", "staff-07");
        var first = ((MedicalRecords.Drugs) ((MedicalOutcome.Found<MedicalRecords>) drugs).value())
                .drugs()
                .getFirst();
        assertThat(log).doesNotContain(backend.person(person).name(), card.number(), first.drugName());
        assertThat(AuditLog.verify(audit.file())).isInstanceOf(AuditVerification.Intact.class);
    }

    @Test
    void aViewWithoutTheMedicalRoleIsRefusedAndNothingIsAskedOrLogged() throws Exception {
        confirm(new Consents(Consent.YES, Consent.NO, Consent.NO, Consent.NO, Consent.NO, Consent.NO));
        var card = backend.person(person).card();
        Authorizer receptionist =
                Authorizer.fixed(new StaffMember("uketsuke", "受付 花子", Set.of(Role.RECEPTIONIST, Role.ADMINISTRATOR)));
        long before = Files.readAllLines(audit.file()).size();

        assertThatThrownBy(() -> viewing.view(MedicalQuery.all(card, MedicalCategory.DRUG), receptionist))
                .isInstanceOfSatisfying(
                        NotPermitted.class,
                        e -> assertThat(e.needed())
                                .containsExactlyInAnyOrder(Role.MEDICAL_VIEWER, Role.EMERGENCY_VIEWER));
        assertThatThrownBy(() -> viewing.export(
                        MedicalQuery.all(card, MedicalCategory.DRUG), receptionist, dir.resolve("exports/x.pdf")))
                .isInstanceOf(NotPermitted.class);
        assertThat(Files.readAllLines(audit.file())).hasSize((int) before);
        assertThat(dir.resolve("exports/x.pdf")).doesNotExist();
    }

    @Test
    void anEmergencyViewIsAuditedAsAnEmergency() throws Exception {
        confirm(new Consents(Consent.YES, Consent.NO, Consent.NO, Consent.NO, Consent.NO, Consent.NO));
        var card = backend.person(person).card();
        Authorizer emergency = Authorizer.fixed(new StaffMember("er-01", "救急 医師", Set.of(Role.EMERGENCY_VIEWER)));

        assertThat(viewing.view(MedicalQuery.all(card, MedicalCategory.DRUG), emergency))
                .isInstanceOf(MedicalOutcome.Found.class);

        assertThat(Files.readAllLines(audit.file()).getLast()).contains("EMERGENCY_VIEWED_DRUG", "er-01");
    }

    @Test
    void theViewModelShowsRowsChartsAndAPlainRefusal() throws Exception {
        confirm(new Consents(Consent.YES, Consent.YES, Consent.NO, Consent.NO, Consent.NO, Consent.NO));
        MedicalInfoViewModel model = new MedicalInfoViewModel(
                viewing, VIEWER, Runnable::run, Runnable::run, new Messages(Messages.JAPANESE));
        model.add(record());
        model.add(record());
        assertThat(model.patients).hasSize(1);
        assertThat(model.patient.get().label()).isEqualTo(backend.person(person).name());

        model.load();
        var history = ((MedicalRecords.Drugs) backend.medicalHistory(person, MedicalCategory.DRUG)).drugs();
        assertThat(model.status.get()).isEqualTo(MedicalInfoViewModel.Status.SHOWN);
        assertThat(model.rows).hasSize(history.size());
        assertThat(model.drugs).hasSize(history.size());
        assertThat(model.drugs.getFirst().dispensed())
                .isBeforeOrEqualTo(model.drugs.getLast().dispensed());

        String pharmacy = history.getFirst().facility();
        String aDrug = history.getFirst().drugName();
        model.filter.set(aDrug.substring(0, 4));
        assertThat(model.rows)
                .isNotEmpty()
                .allSatisfy(
                        r -> assertThat(r.title() + r.detail() + r.facility()).contains(aDrug.substring(0, 4)));
        model.filter.set(pharmacy);
        assertThat(model.rows).allSatisfy(r -> assertThat(r.facility()).isEqualTo(pharmacy));
        model.filter.set("");

        model.category.set(MedicalCategory.CHECKUP);
        model.load();
        assertThat(model.checkups).hasSizeGreaterThanOrEqualTo(2);
        assertThat(model.series(CheckupItem.HBA1C)).hasSize(model.checkups.size());
        assertThat(model.series(CheckupItem.HBA1C).getFirst().getKey())
                .isBefore(model.series(CheckupItem.HBA1C).getLast().getKey());

        model.category.set(MedicalCategory.TREATMENT);
        model.load();
        assertThat(model.status.get()).isEqualTo(MedicalInfoViewModel.Status.NO_CONSENT);
        assertThat(model.rows).isEmpty();
        assertThat(model.message.get()).contains("同意がない");

        model.category.set(MedicalCategory.DRUG);
        model.from.set(LocalDate.of(2026, 12, 1));
        model.to.set(LocalDate.of(2026, 1, 1));
        model.load();
        assertThat(model.message.get()).contains("終了日");
        assertThat(Optional.ofNullable(model.patient.get())).isPresent();
    }
}
