package org.uketsuke.eligibility.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uketsuke.fuzz.FuzzReport;
import org.uketsuke.fuzz.Fuzzer;

/**
 * The XML codec under arbitrary bytes (corpus in {@code src/test/resources/fuzz/<Target>/}): every parser either
 * returns a value or throws {@link MalformedMessageException}. Anything else is a bug in the codec.
 */
class QualificationXmlFuzzTest {

    /** Element names, markup and values the mutator splices in. */
    private static final String[] XML_TOKENS = {
        "<",
        ">",
        "</",
        "/>",
        "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>",
        "<!DOCTYPE x [<!ENTITY e \"e\">]>",
        "&e;",
        "&#0;",
        "&#xD800;",
        "&amp;",
        "<![CDATA[",
        "]]>",
        "<!--",
        "-->",
        "xmlns:a=\"u\"",
        "<a:b>",
        "\u00EF\u00BB\u00BF",
        "XmlMsg",
        "MessageHeader",
        "MessageBody",
        "ResultList",
        "ResultOfQualificationConfirmation",
        "InsurerNumber",
        "Birthdate",
        "InsuredPartialContributionRatio",
        "InsuredIdentificationNumber",
        "SegmentOfResult",
        "ProcessExecutionTime",
        "CharacterCodeIdentifier",
        "SpecificDiseasesCertificateInfo",
        "SpecificDiseasesSelfPay",
        "SpecificDiseasesDiseaseCategory",
        "PublicExpenseInfo",
        "PublicExpensePayerNumber",
        "ElderlyRecipientCertificateInfo",
        "LimitApplicationCertificateRelatedInfo",
        "LimitApplicationCertificateClassificationFlag",
        "ReceptionNumber",
        "ProcessingStatus",
        "ProcessedCount",
        "TotalCount",
        "BulkConfirmUnit",
        "QualificationConfirmSearchInfo",
        "CardConfirmation",
        "AuthCertificate",
        "Nonce",
        "Signature",
        "IdentityMethod",
        "Attestation",
        "UKETSUKE-FACE-ATTESTATION-3|",
        "UKETSUKE-VISUAL-ATTESTATION-3|",
        "CardFace",
        "CardFaceSignature",
        "UKETSUKE-CARD-FACE-1|",
        "|",
        "PIN",
        "FACE",
        "VISUAL",
        "A01",
        "B10",
        "MedicalSubsidyInfoStatus",
        "MedicalSubsidyInfo",
        "MedicalSubsidyKind",
        "MedicalSubsidyValidStartDate",
        "MedicalSubsidySelfPayPerVisit",
        "MedicalSubsidyInfoConsFlg"
    };

    @Test
    void resultsAndBatchStatusesDecodeOrAreMalformed() {
        FuzzReport report = Fuzzer.target("ResultXml")
                .dictionary(XML_TOKENS)
                .maxLength(16 * 1024)
                .allow(MalformedMessageException.class)
                .run(bytes -> {
                    Object result;
                    try {
                        result = QualificationXml.parseResult(bytes).toOutcome();
                    } catch (MalformedMessageException e) {
                        result = e;
                    }
                    return result instanceof MalformedMessageException
                            ? QualificationXml.parseBatchStatus(bytes)
                            : result;
                });
        assertThat(report.totalInputs()).isGreaterThan(report.corpusInputs());
    }

    @Test
    void requestsDecodeOrAreMalformed() {
        FuzzReport report = Fuzzer.target("RequestXml")
                .dictionary(XML_TOKENS)
                .maxLength(16 * 1024)
                .allow(MalformedMessageException.class)
                .run(bytes -> {
                    Object search = attempt(() -> QualificationXml.parseSearch(bytes));
                    Object batch = attempt(() -> QualificationXml.parseBatchRequest(bytes));
                    Object card = attempt(() -> QualificationXml.parseCardRequest(bytes));
                    return search + "/" + batch + "/" + card;
                });
        assertThat(report.totalInputs()).isGreaterThan(report.corpusInputs());
    }

    private interface Parse {
        Object parse() throws MalformedMessageException;
    }

    /** One parser's outcome: its value's type or the typed error (other throwables propagate to the fuzzer). */
    private static String attempt(Parse parse) {
        try {
            return parse.parse().getClass().getSimpleName();
        } catch (MalformedMessageException e) {
            return "malformed";
        }
    }
}
