package org.uketsuke.eligibility.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.InvalidValueException;
import org.uketsuke.eligibility.MedicalSubsidies;
import org.uketsuke.eligibility.MedicalSubsidy;
import org.uketsuke.eligibility.PublicExpensePayerNumber;
import org.uketsuke.eligibility.PublicExpenseRecipientNumber;
import org.uketsuke.eligibility.SubsidyCopay;
import org.uketsuke.eligibility.SubsidyKind;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The PMH 医療費助成 elements of a card request and a {@code ResultOfQualificationConfirmation}. **Every name here is
 * provisional** (Uketsuke's own: the official layout of the PMH result is not public; docs/spec-notes/pmh.md#elements)
 * and lives only in this class, so it changes in one place when the official shape is at hand. Local programmes'
 * numbers that break the check-digit rule are kept as sent.
 */
final class SubsidyElements {

    /** The patient's answer to 「医療費助成の各種受給者証を利用しますか」 in the card request (OQSCD016 codes). */
    static final String CONSENT = "MedicalSubsidyInfoConsFlg";

    static final String STATUS = "MedicalSubsidyInfoStatus";
    static final String LIST = "MedicalSubsidyList";
    static final String INFO = "MedicalSubsidyInfo";
    static final String KIND = "MedicalSubsidyKind";
    static final String PAYER = "PublicExpensePayerNumber";
    static final String RECIPIENT = "PublicExpenseRecipientNumber";
    static final String MUNICIPALITY = "MedicalSubsidyMunicipalityName";
    static final String VALID_START = "MedicalSubsidyValidStartDate";
    static final String VALID_END = "MedicalSubsidyValidEndDate";
    static final String PER_VISIT = "MedicalSubsidySelfPayPerVisit";
    static final String MONTHLY_CAP = "MedicalSubsidySelfPayMonthlyLimit";

    private SubsidyElements() {}

    /** The request's answer, written only when the question was asked (a clinic outside PMH sends nothing). */
    static void writeConsent(Element card, Consent subsidy) {
        if (subsidy != Consent.NOT_OBTAINED) {
            SafeXml.leaf(card, CONSENT, subsidy.code());
        }
    }

    static Consent readConsent(Element card) {
        return SafeXml.text(card, CONSENT).map(Consent::ofCode).orElse(Consent.NOT_OBTAINED);
    }

    /** The result's block; nothing for a result where nothing was asked. */
    static void write(Element e, MedicalSubsidies answer) {
        if (answer.status() == MedicalSubsidies.Status.NOT_ASKED) {
            return;
        }
        SafeXml.leaf(e, STATUS, answer.status().code());
        if (answer.subsidies().isEmpty()) {
            return;
        }
        Element list = SafeXml.child(e, LIST);
        for (MedicalSubsidy s : answer.subsidies()) {
            Element info = SafeXml.child(list, INFO);
            SafeXml.leaf(info, KIND, s.kind().code());
            SafeXml.leaf(info, PAYER, s.payer().value());
            SafeXml.leaf(
                    info,
                    RECIPIENT,
                    s.recipient() == null ? null : s.recipient().value());
            SafeXml.leaf(info, MUNICIPALITY, s.municipality());
            SafeXml.leaf(info, VALID_START, QualificationXml.format(s.validStart()));
            SafeXml.leaf(info, VALID_END, QualificationXml.format(s.validEnd()));
            SafeXml.leaf(info, PER_VISIT, yen(s.copay().perVisitYen()));
            SafeXml.leaf(info, MONTHLY_CAP, yen(s.copay().monthlyCapYen()));
        }
    }

    static MedicalSubsidies read(Element e) throws MalformedMessageException {
        Optional<String> status = SafeXml.text(e, STATUS);
        if (status.isEmpty()) {
            return MedicalSubsidies.NOT_ASKED;
        }
        try {
            List<MedicalSubsidy> subsidies = new ArrayList<>();
            NodeList infos = e.getElementsByTagName(INFO);
            for (int i = 0; i < infos.getLength(); i++) {
                subsidies.add(subsidy((Element) infos.item(i)));
            }
            return new MedicalSubsidies(MedicalSubsidies.Status.ofCode(status.get()), subsidies);
        } catch (InvalidValueException ex) {
            throw new MalformedMessageException("invalid " + INFO + ": " + ex.getMessage(), ex);
        }
    }

    private static MedicalSubsidy subsidy(Element info) throws MalformedMessageException {
        return new MedicalSubsidy(
                SubsidyKind.ofCode(SafeXml.required(info, KIND)),
                payer(SafeXml.required(info, PAYER)),
                SafeXml.text(info, RECIPIENT).map(SubsidyElements::recipient).orElse(null),
                SafeXml.text(info, MUNICIPALITY).orElse(null),
                QualificationXml.date(SafeXml.required(info, VALID_START)),
                QualificationXml.optionalDate(info, VALID_END),
                new SubsidyCopay(amount(info, PER_VISIT), amount(info, MONTHLY_CAP)));
    }

    /** A local programme's number may break the check-digit rule: kept as the system sent it (8 digits still). */
    private static PublicExpensePayerNumber payer(String text) {
        try {
            return PublicExpensePayerNumber.of(text);
        } catch (InvalidValueException e) {
            return PublicExpensePayerNumber.unchecked(text);
        }
    }

    private static PublicExpenseRecipientNumber recipient(String text) {
        try {
            return PublicExpenseRecipientNumber.of(text);
        } catch (InvalidValueException e) {
            return PublicExpenseRecipientNumber.unchecked(text);
        }
    }

    private static String yen(Integer amount) {
        return amount == null ? null : Integer.toString(amount);
    }

    private static Integer amount(Element info, String name) throws MalformedMessageException {
        Optional<String> text = SafeXml.text(info, name);
        if (text.isEmpty()) {
            return null;
        }
        if (!text.get().matches("\\d{1,7}")) {
            throw new MalformedMessageException(name + " is not an amount in yen: " + text.get());
        }
        return Integer.parseInt(text.get());
    }
}
