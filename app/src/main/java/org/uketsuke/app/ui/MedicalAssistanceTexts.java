package org.uketsuke.app.ui;

import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.stream.Collectors;
import org.uketsuke.eligibility.MedicalTicket;
import org.uketsuke.eligibility.Qualification;

/**
 * 医療扶助 (生活保護) on the result screen and the staff console: the 医療券 / 調剤券 the system returned with their
 * validity (card class A1, {@code MedicalTicketInfo}: docs/spec-notes/results.md), or that no ticket is registered
 * yet (QualificationValidity 6: docs/spec-notes/pmh.md#medical-aid). Empty for anyone else.
 */
final class MedicalAssistanceTexts {

    /** 法別番号 of 生活保護法による医療扶助. */
    private static final String MEDICAL_AID_LAW = "12";

    private MedicalAssistanceTexts() {}

    static Optional<String> of(Messages m, Qualification q) {
        if (q.particulars().medicalAidWithoutTicket()) {
            // QualificationValidity 6 有効（未登録）: on assistance, but no 医療券 for this visit yet.
            return Optional.of(m.get("assistance.title") + ": " + m.get("assistance.noTicket"));
        }
        if (q.particulars().medicalTickets().isEmpty()) {
            return Optional.empty();
        }
        DateTimeFormatter day = DateTimeFormatter.ISO_LOCAL_DATE;
        return Optional.of(q.particulars().medicalTickets().stream()
                .map(t -> m.get(
                        "assistance.ticket",
                        m.get("assistance.kind." + t.ticketKind()),
                        t.validStart() == null ? "—" : day.format(t.validStart()),
                        t.validEnd() == null ? "—" : day.format(t.validEnd())))
                .collect(Collectors.joining(" / ", m.get("assistance.title") + ": ", "")));
    }

    /**
     * The staff also see the 公費負担者番号 and 受給者番号 the レセコン bills with; for 医療扶助 without health insurance
     * (a result imported from the 連携アプリ's face folder, whose numbers stand in the insurance fields and whose 負担割合
     * is none: docs/spec-notes/face-files.md#public-samples) that it is 医療扶助 alone.
     */
    static Optional<String> forStaff(Messages m, Qualification q) {
        return of(m, q).map(text -> text + " "
                + q.particulars().medicalTickets().stream()
                        .map(MedicalAssistanceTexts::numbers)
                        .collect(Collectors.joining(" "))
                + (assistanceOnly(q)
                        ? " "
                                + m.get(
                                        "assistance.only",
                                        q.card().insurer().value(),
                                        q.card().number())
                        : ""));
    }

    /** 医療扶助 whose card is the 医療扶助's own numbers (法別 12): no health insurance beside it. */
    static boolean assistanceOnly(Qualification q) {
        return q.particulars().cardClassification().medicalAid()
                && q.card().insurer().lawCode().equals(MEDICAL_AID_LAW);
    }

    private static String numbers(MedicalTicket t) {
        return "(" + t.payer().value() + " / " + t.recipient().value() + ")";
    }
}
