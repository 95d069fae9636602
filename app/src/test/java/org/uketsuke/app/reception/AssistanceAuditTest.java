package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.audit.AuditEvent;
import org.uketsuke.bridge.audit.AuditLog;
import org.uketsuke.bridge.audit.AuditVerification;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsurerNumber;

/**
 * The 介助者 in the audit log: a visit someone helped with says which kind of help (a companion typed the PIN, the
 * staff's 目視確認) on the visit's own entry — a kind, never a name or any value of the person — and the chain stays
 * intact.
 */
class AssistanceAuditTest {

    private static final InsuranceCardId CARD = new InsuranceCardId(InsurerNumber.of("01130012"), "記号", "1234", "01");

    @TempDir
    Path dir;

    @Test
    void theKindOfHelpIsRecordedWithTheVisitAndNothingPersonal() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        VisitRecords records = new VisitRecords(new ReceptionServices(
                null,
                null,
                null,
                Clock.systemUTC(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(AuditTrail.open(file, "kiosk-test", Clock.systemUTC(), false))));

        records.audit(
                VisitContext.EMPTY.withProof(new IdentityProof.CardSignature(true)),
                IdentityMethod.PIN,
                "CONFIRMED",
                Optional.of(CARD));
        records.audit(
                VisitContext.EMPTY.withProof(new IdentityProof.VisualCheck("hanako")),
                IdentityMethod.VISUAL,
                "CONFIRMED",
                Optional.of(CARD));
        records.audit(
                VisitContext.EMPTY.withProof(new IdentityProof.CardSignature(false)),
                IdentityMethod.PIN,
                "CONFIRMED",
                Optional.of(CARD));

        List<AuditEvent> visits = AuditLog.read(file).stream()
                .map(AuditLog.Line::event)
                .filter(e -> e.outcome().equals("CONFIRMED"))
                .toList();
        assertThat(visits)
                .extracting(AuditEvent::ref)
                .containsExactly("ASSISTED_COMPANION_ENTERED_PIN", "ASSISTED_STAFF_VISUAL_CHECK", "");
        assertThat(visits.get(1).staffId()).isEqualTo("hanako");
        assertThat(Files.readString(file)).doesNotContain("1234").doesNotContain("01130012");
        assertThat(AuditLog.verify(file)).isInstanceOf(AuditVerification.Intact.class);
    }

    @Test
    void aNameCannotBeRecordedAsTheKindOfHelp() {
        for (String personal : new String[] {"山田花子", "Yamada Hanako", "COMPANION-1990-01-01", ""}) {
            assertThatThrownBy(() -> AuditEvent.assisted(personal)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
