package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.bridge.DeliveryStatus;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;

/**
 * 資格無効 at the kiosk because the insurer has not registered the new insurance yet: the visit waits on the list, the
 * staff record the 資格情報のお知らせ and its insurance, the system is asked now and once on each later day (across a
 * restart), and when the registration has reached it the レセコン gets the confirmed result and the visit is marked.
 */
class ReconfirmListTest {

    private static final Instant VISIT = Instant.parse("2026-12-01T01:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aVisitWithoutQualificationIsAskedAgainOnLaterDaysUntilTheQualificationAppears() throws Exception {
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 9L, 8));
                RececonBridge bridge = VisitStepFixture.store(dir)) {
            backend.loseQualification(3);
            Qualification patient = backend.person(3);
            StaffLookup lookup = new StaffLookup(
                    new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(10)),
                    bridge,
                    Clock.systemUTC());
            Clock today = Clock.fixed(VISIT, ZoneOffset.UTC);
            Path file = dir.resolve("reconfirm.db");
            long id;
            try (ReconfirmList list = ReconfirmList.open(file, lookup::lookup, today)) {
                list.add(ReceptionRecord.failed(VISIT, Problem.QUALIFICATION_LOST)
                        .withMethod(IdentityMethod.PIN));
                list.add(ReceptionRecord.failed(VISIT, Problem.CARD_REMOVED).withMethod(IdentityMethod.PIN));
                list.add(ReceptionRecord.failed(VISIT, Problem.NO_QUALIFICATION)
                        .withMethod(IdentityMethod.INSURANCE_NUMBER));
                assertThat(list.entries())
                        .as("only the kiosk visit the guide marks; a staff search is not re-listed")
                        .singleElement()
                        .satisfies(e -> assertThat(e.state()).isEqualTo(ReconfirmList.State.NEEDS_DOCUMENT));
                id = list.entries().getFirst().id();
                assertThat(list.runDue())
                        .as("nothing to ask before the document is recorded")
                        .isEmpty();

                list.document(id, ReconfirmList.Evidence.QUALIFICATION_NOTICE, patient.card(), patient.birthdate());
                assertThat(list.tryNow(id))
                        .hasValueSatisfying(r -> assertThat(r.problem()).contains(Problem.QUALIFICATION_LOST));
                assertThat(list.runDue()).as("asked once a day").isEmpty();
                assertThat(list.entries().getFirst()).satisfies(e -> {
                    assertThat(e.state()).isEqualTo(ReconfirmList.State.WAITING);
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.lastProblem()).contains(Problem.QUALIFICATION_LOST);
                });
                assertThat(bridge.statuses())
                        .as("never a result without a qualification")
                        .isEmpty();
            }
            assertThat(Files.getPosixFilePermissions(file))
                    .doesNotContain(PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_WRITE);

            backend.control().reflectRegistration(3);
            try (ReconfirmList nextDay =
                    ReconfirmList.open(file, lookup::lookup, Clock.offset(today, Duration.ofDays(1)))) {
                assertThat(nextDay.runDue())
                        .singleElement()
                        .satisfies(r -> assertThat(r.qualification())
                                .hasValueSatisfying(q -> assertThat(q.card()).isEqualTo(patient.card())));
                assertThat(nextDay.entries().getFirst()).satisfies(e -> {
                    assertThat(e.id()).isEqualTo(id);
                    assertThat(e.state()).isEqualTo(ReconfirmList.State.CONFIRMED);
                    assertThat(e.evidence()).contains(ReconfirmList.Evidence.QUALIFICATION_NOTICE);
                });
                assertThat(bridge.statuses())
                        .singleElement()
                        .satisfies(s -> assertThat(s.state()).isEqualTo(DeliveryStatus.State.DELIVERED));
                assertThat(nextDay.runDue())
                        .as("a confirmed visit is not asked again")
                        .isEmpty();
            }
        }
    }
}
