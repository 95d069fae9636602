package org.uketsuke.eligibility.wire;

import java.util.List;
import java.util.Optional;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentKind;
import org.uketsuke.eligibility.ConsentRecord;
import org.w3c.dom.Element;

/**
 * The element names of each consent in a {@code ResultOfQualificationConfirmation}
 * (docs/spec-notes/results.md#consents): {@code <prefix>ConsFlg}, {@code <prefix>ConsTime} and, for the viewing
 * consents, the expiry {@code <prefix>AcquisitionTime} (older versions: {@code …AvailableTime}, and
 * {@code PharmacistsInfo…} for the drug consent — read, never written).
 */
final class ConsentElements {

    private ConsentElements() {}

    static String prefix(ConsentKind kind) {
        return switch (kind) {
            case SPECIFIC_HEALTH_CHECKUPS -> "SpecificHealthCheckupsInfo";
            case PHARMACEUTICAL -> "PharmaceuticalInfo";
            case DIAGNOSIS -> "DiagnosisInfo";
            case OPERATION -> "OperationInfo";
            case CLINICAL_SIX -> "ElectronicMedicalRecordInfo";
            case LIMIT_APPLICATION -> "LimitApplicationCertificateRelated";
            case SPECIFIC_DISEASES -> "SpecificDiseasesCertificateRelated";
        };
    }

    /** The viewing consents, in the order they are written after the 公費 list. */
    static final List<ConsentKind> VIEWING = List.of(
            ConsentKind.SPECIFIC_HEALTH_CHECKUPS,
            ConsentKind.PHARMACEUTICAL,
            ConsentKind.DIAGNOSIS,
            ConsentKind.OPERATION,
            ConsentKind.CLINICAL_SIX);

    static void write(Element e, ConsentRecord consent) {
        String prefix = prefix(consent.kind());
        SafeXml.leaf(e, prefix + "ConsFlg", consent.flag().code());
        SafeXml.leaf(e, prefix + "ConsTime", consent.consentTime());
        if (consent.kind().expiring()) {
            SafeXml.leaf(e, prefix + "AcquisitionTime", consent.expiry());
        }
    }

    static Optional<ConsentRecord> read(Element e, ConsentKind kind) {
        String prefix = prefix(kind);
        String older = kind == ConsentKind.PHARMACEUTICAL ? "PharmacistsInfo" : prefix;
        Optional<String> flag = SafeXml.text(e, prefix + "ConsFlg").or(() -> SafeXml.text(e, older + "ConsFlg"));
        if (flag.isEmpty()) {
            return Optional.empty();
        }
        String time = SafeXml.text(e, prefix + "ConsTime")
                .or(() -> SafeXml.text(e, older + "ConsTime"))
                .orElse(null);
        String expiry = kind.expiring()
                ? SafeXml.text(e, prefix + "AcquisitionTime")
                        .or(() -> SafeXml.text(e, prefix + "AvailableTime"))
                        .or(() -> SafeXml.text(e, older + "AvailableTime"))
                        .orElse(null)
                : null;
        return Optional.of(new ConsentRecord(kind, Consent.ofCode(flag.get()), time, expiry));
    }
}
