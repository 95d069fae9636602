package org.uketsuke.eligibility;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One 医療費助成 受給者証 a municipality put behind the マイナ保険証 (PMH, docs/spec-notes/pmh.md): the programme, its
 * 公費負担者番号 and 受給者番号, the municipality, the validity and the patient's remaining payment. The 負担者番号 of a
 * local programme (地方単独) may break the check-digit rule ({@link PublicExpensePayerNumber#unchecked}); the system's
 * value is kept as sent.
 *
 * @param recipient null for programmes that issue no 受給者番号 (some 子ども医療 programmes bill without one)
 * @param municipality the issuing municipality's name as sent, or null
 * @param validEnd null when open-ended
 */
public record MedicalSubsidy(
        SubsidyKind kind,
        PublicExpensePayerNumber payer,
        @Nullable PublicExpenseRecipientNumber recipient,
        @Nullable String municipality,
        LocalDate validStart,
        @Nullable LocalDate validEnd,
        SubsidyCopay copay) {

    public MedicalSubsidy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(validStart, "validStart");
        copay = copay == null ? SubsidyCopay.NONE : copay;
        if (validEnd != null && validEnd.isBefore(validStart)) {
            throw new InvalidValueException("MedicalSubsidyValidEndDate", "ends before it starts");
        }
    }

    /** Whether the 受給者証 is valid on {@code day} (both ends inclusive). */
    public boolean validOn(LocalDate day) {
        return !day.isBefore(validStart) && (validEnd == null || !day.isAfter(validEnd));
    }
}
