package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.PersonalFamily;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.Sex;

class QueueFilterTest {

    private static final Instant AT = Instant.parse("2026-12-03T01:00:00Z");

    private static ReceptionRecord confirmed(
            String kana, String insurer, String symbol, String number, IdentityMethod method) {
        Qualification q = new Qualification(
                new InsuranceCardId(InsurerNumber.of(insurer), symbol, number, "00"),
                "協会けんぽ",
                "山田 花子",
                kana,
                LocalDate.of(1970, 1, 1),
                Sex.FEMALE,
                PersonalFamily.INSURED,
                ContributionRatio.ofWire("030"),
                LocalDate.of(2020, 4, 1),
                null);
        return ReceptionRecord.confirmed(AT, q).withMethod(method);
    }

    private final ReceptionRecord yamadaPin = confirmed("ヤマダ ハナコ", "01130012", "記号１", "1234", IdentityMethod.PIN);
    private final ReceptionRecord satoLookup =
            confirmed("サトウ タロウ", "06131239", "A2", "77", IdentityMethod.INSURANCE_NUMBER);
    private final ReceptionRecord queued =
            ReceptionRecord.failed(AT, Problem.QUEUED_FOR_RETRY).withMethod(IdentityMethod.INSURANCE_NUMBER);
    private final ReceptionRecord down =
            ReceptionRecord.failed(AT, Problem.BACKEND_UNAVAILABLE).withMethod(IdentityMethod.FACE);
    private final ReceptionRecord refused =
            ReceptionRecord.failed(AT, Problem.NO_QUALIFICATION).withMethod(IdentityMethod.VISUAL);

    @Test
    void eachRecordHasOneStatus() {
        assertThat(QueueFilter.statusOf(yamadaPin)).isEqualTo(QueueFilter.Status.CONFIRMED);
        assertThat(QueueFilter.statusOf(queued)).isEqualTo(QueueFilter.Status.WAITING);
        assertThat(QueueFilter.statusOf(down)).isEqualTo(QueueFilter.Status.PENDING);
        assertThat(QueueFilter.statusOf(refused)).isEqualTo(QueueFilter.Status.FAILED);
    }

    @Test
    void allLetsEverythingThrough() {
        for (ReceptionRecord r : new ReceptionRecord[] {yamadaPin, satoLookup, queued, down, refused}) {
            assertThat(QueueFilter.all().matches(r)).isTrue();
        }
    }

    @Test
    void statusAndMethodFilterTogether() {
        QueueFilter confirmedByPin =
                new QueueFilter(Set.of(QueueFilter.Status.CONFIRMED), Optional.of(IdentityMethod.PIN), "");
        assertThat(confirmedByPin.matches(yamadaPin)).isTrue();
        assertThat(confirmedByPin.matches(satoLookup)).isFalse();
        assertThat(confirmedByPin.matches(refused)).isFalse();
        QueueFilter failed = new QueueFilter(Set.of(QueueFilter.Status.FAILED), Optional.empty(), "");
        assertThat(failed.matches(refused)).isTrue();
        assertThat(failed.matches(down)).isFalse();
    }

    @Test
    void searchFindsKanaInEitherScriptAndWidthAndNumbersIgnoringWidthAndSpaces() {
        assertThat(search("やまだ").matches(yamadaPin)).isTrue();
        assertThat(search("ﾔﾏﾀﾞ ﾊﾅｺ").matches(yamadaPin)).isTrue();
        assertThat(search("ヤマダハナコ").matches(yamadaPin)).isTrue();
        assertThat(search("やまだ").matches(satoLookup)).isFalse();
        assertThat(search("０１１３００１２").matches(yamadaPin)).isTrue();
        assertThat(search("記号1・1234").matches(yamadaPin)).isTrue();
        assertThat(search("a2 77").matches(satoLookup)).isTrue();
        assertThat(search("99999").matches(yamadaPin)).isFalse();
        // A row without a qualification has nothing to find.
        assertThat(search("やまだ").matches(refused)).isFalse();
    }

    private static QueueFilter search(String text) {
        return new QueueFilter(EnumSet.allOf(QueueFilter.Status.class), Optional.empty(), text);
    }
}
