package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.audit.AuditEvent;
import org.uketsuke.bridge.audit.AuditLog;
import org.uketsuke.bridge.audit.AuditVerification;
import org.uketsuke.bridge.pending.PendingSearches;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.ReferenceNumber;
import org.uketsuke.eligibility.ReferenceRegistration;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.mockbackend.Fault;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;

/**
 * Every confirmation the staff start — by insurance number, a search that waited out an outage, each patient of a
 * 一括照会 — leaves one entry in the tamper-evident audit log, with the insurance only as a hash (real client, mock
 * backend over mTLS, real store and log files).
 */
class StaffConfirmationAuditTest {

    @TempDir
    Path dir;

    @Test
    void lookupsRetriedSearchesAndBatchPatientsAreAuditedWithHashesOnly() throws Exception {
        Path auditFile = dir.resolve("audit.jsonl");
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 5L, 20));
                RececonBridge bridge = RececonBridge.open(new BridgeConfig(
                        dir.resolve("outbox.db"),
                        dir.resolve("rececon.db"),
                        dir.resolve("face"),
                        "1311234567",
                        StandardCharsets.UTF_8));
                PendingSearches pending = PendingSearches.open(dir.resolve("pending.db"))) {
            ConfirmationAudit audit =
                    ConfirmationAudit.to(AuditTrail.open(auditFile, "kiosk-3", Clock.systemUTC(), false));
            HttpsEligibilityClient client =
                    new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(10));
            StaffLookup lookup =
                    new StaffLookup(client, bridge, Clock.systemUTC(), pending).withAudit(audit, "staff-7");

            Qualification known = backend.person(0);
            assertThat(lookup.lookup(new InsuranceSearch(known.card(), known.birthdate(), false, ""))
                            .problem())
                    .isEmpty();
            Qualification other = backend.person(1);
            assertThat(lookup.lookup(new InsuranceSearch(
                                    other.card(), other.birthdate().plusDays(1), false, ""))
                            .problem())
                    .isPresent();
            backend.injectFault(new Fault.Status(503), Integer.MAX_VALUE);
            Qualification later = backend.person(2);
            assertThat(lookup.lookup(new InsuranceSearch(later.card(), later.birthdate(), false, ""))
                            .problem())
                    .contains(Problem.QUEUED_FOR_RETRY);
            backend.injectFault(new Fault.None(), 0);
            try (PendingLookups retries =
                    new PendingLookups(pending, client, bridge, Clock.systemUTC()).withAudit(audit)) {
                retries.retryNow();
            }
            List<InsuranceSearch> booked = List.of(
                    new InsuranceSearch(
                            backend.person(3).card(), backend.person(3).birthdate(), false, "p3"),
                    new InsuranceSearch(
                            backend.person(4).card(),
                            backend.person(4).birthdate().plusYears(2),
                            false,
                            "p4"));
            BatchPreCheck.Summary summary = new BatchPreCheck(client, bridge, Clock.systemUTC())
                    .withAudit(audit)
                    .run(booked, Duration.ofSeconds(30));
            assertThat(summary.confirmed()).isEqualTo(1);

            List<String> lines = Files.readAllLines(auditFile);
            assertThat(lines.removeFirst()).contains("\"outcome\":\"LOG_STARTED\"");
            assertThat(lines).hasSize(6);
            assertThat(lines.get(0))
                    .contains(
                            "\"staff\":\"staff-7\"",
                            "\"method\":\"INSURANCE_NUMBER\"",
                            "\"outcome\":\"CONFIRMED\"",
                            "\"terminal\":\"kiosk-3\"",
                            "\"subject\":\"" + hash(known.card()) + "\"");
            assertThat(lines.get(1)).contains("\"outcome\":\"REJECTED_");
            assertThat(lines.get(2)).contains("\"outcome\":\"QUEUED_BACKEND_UNAVAILABLE\"", hash(later.card()));
            assertThat(lines.get(3))
                    .contains(
                            "\"method\":\"INSURANCE_NUMBER_RETRIED\"", "\"outcome\":\"CONFIRMED\"", hash(later.card()));
            assertThat(lines.get(4)).contains("\"method\":\"BATCH_PRECHECK\"", "\"outcome\":\"CONFIRMED\"");
            assertThat(lines.get(5)).contains("\"method\":\"BATCH_PRECHECK\"", "\"outcome\":\"REJECTED_");
            // No field holds an identifier in clear: each value is a code, a time, a number or a 64-digit hash.
            Matcher field = Pattern.compile("\"(\\w+)\":\"?([^\",}]*)").matcher(String.join("\n", lines));
            Set<String> values = new HashSet<>();
            while (field.find()) {
                values.add(field.group(2));
            }
            for (Qualification q : List.of(known, other, later)) {
                assertThat(values)
                        .doesNotContain(
                                q.card().number(),
                                q.card().insurer().value(),
                                q.card().symbol());
            }
            assertThat(AuditLog.verify(auditFile)).isInstanceOf(AuditVerification.Intact.class);
        }
    }

    @Test
    void consoleReferenceRegistrationsAreAuditedAndNotSentWhileTheAlarmStands() throws Exception {
        Path auditFile = dir.resolve("audit.jsonl");
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 5L, 20));
                RececonBridge bridge = VisitStepFixture.store(dir)) {
            AuditTrail trail = AuditTrail.open(auditFile, "kiosk-3", Clock.systemUTC(), false);
            HttpsEligibilityClient client =
                    new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(10));
            StaffLookup lookup = new StaffLookup(client, bridge, Clock.systemUTC())
                    .withAudit(ConfirmationAudit.to(trail), "staff-7");
            Qualification q = backend.person(6);

            assertThat(lookup.registerReferenceNumbers(List.of(
                            new ReferenceRegistration(q.card(), q.birthdate(), new ReferenceNumber("K-000606")))))
                    .singleElement()
                    .isInstanceOf(RegistrationOutcome.Registered.class);
            List<String> lines = Files.readAllLines(auditFile);
            assertThat(lines.getLast())
                    .contains(
                            "\"staff\":\"staff-7\"",
                            "\"method\":\"REFERENCE_NUMBER\"",
                            "\"outcome\":\"REGISTERED\"",
                            "\"subject\":\"" + hash(q.card()) + "\"")
                    .doesNotContain(q.card().number(), "K-000606");

            trail.alarm(AuditTrail.AlarmCause.ANCHOR_MISMATCH, "test");
            assertThat(lookup.confirmationsAllowed()).isFalse();
            assertThatThrownBy(() -> lookup.registerReferenceNumbers(List.of(
                            new ReferenceRegistration(q.card(), q.birthdate(), new ReferenceNumber("K-000607")))))
                    .isInstanceOf(IllegalStateException.class);
            // Nothing reached the backend: a later confirmation still carries the first number only.
            assertThat(client.confirmByInsurance(new InsuranceSearch(q.card(), q.birthdate(), false, "check")))
                    .isInstanceOfSatisfying(
                            ConfirmationOutcome.Confirmed.class,
                            c -> assertThat(c.qualification().referenceNumber())
                                    .contains(new ReferenceNumber("K-000606")));
        }
    }

    private static String hash(InsuranceCardId card) {
        return AuditEvent.hash(card.insurer().value(), card.symbol(), card.number(), card.branch());
    }
}
