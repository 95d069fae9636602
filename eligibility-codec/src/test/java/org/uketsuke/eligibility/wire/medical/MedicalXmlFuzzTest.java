package org.uketsuke.eligibility.wire.medical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uketsuke.eligibility.medical.MedicalCategory;
import org.uketsuke.eligibility.wire.MalformedMessageException;
import org.uketsuke.fuzz.FuzzReport;
import org.uketsuke.fuzz.Fuzzer;

/**
 * The medical-information codec under arbitrary bytes (corpus in {@code src/test/resources/fuzz/MedicalXml/}): a
 * request or an answer either decodes or is a {@link MalformedMessageException}; anything else is a bug.
 */
class MedicalXmlFuzzTest {

    private static final String[] XML_TOKENS = {
        "<",
        ">",
        "</",
        "/>",
        "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>",
        "<!DOCTYPE x [<!ENTITY e \"e\">]>",
        "&e;",
        "&#0;",
        "&amp;",
        "<![CDATA[",
        "]]>",
        "XmlMsg",
        "MessageHeader",
        "MessageBody",
        "ResultCode",
        "InformationCategory",
        "RefusalReason",
        "ConsentExpirationTime",
        "MeTrMonthInf",
        "DiDateInf",
        "DiDate",
        "DrugInf",
        "DrugN",
        "Qua1",
        "Times",
        "SpecificHealthCheckupInfo",
        "EffectiveTime",
        "HealthCheckupResultAndQuestionInfo",
        "ItemCode",
        "DataValue",
        "DiagnosisInf",
        "DiagnosisDate",
        "DiseaseName",
        "OperationInf",
        "OperationDate",
        "SinInfN",
        "InsurerNumber",
        "InsuredPersonIdentificationNumber",
        "StartDate",
        "EndDate",
        "MedicalTreatmentFlag",
        "FileCategory",
        "DRUG",
        "CHECKUP",
        "TREATMENT",
        "OPERATION",
        "LIMIT_INFO",
        "NO_CONSENT",
        "CONSENT_EXPIRED",
        "NOT_FOUND",
        "1",
        "2",
        "-1",
        "1e9",
        "0.000001",
        "20261332",
        "99999999999999",
        "3D046000001920402"
    };

    @Test
    void answersAndRequestsDecodeOrAreMalformed() {
        FuzzReport report = Fuzzer.target("MedicalXml")
                .dictionary(XML_TOKENS)
                .maxLength(16 * 1024)
                .allow(MalformedMessageException.class)
                .run(bytes -> attempt(() -> MedicalXml.parseAnswer(bytes)) + "/"
                        + attempt(() -> MedicalXml.parseRequest(bytes, MedicalCategory.DRUG)) + "/"
                        + attempt(() -> MedicalXml.parseRequest(bytes, null)));
        assertThat(report.totalInputs()).isGreaterThan(report.corpusInputs());
    }

    private interface Parse {
        Object parse() throws MalformedMessageException;
    }

    private static String attempt(Parse parse) {
        try {
            return parse.parse().getClass().getSimpleName();
        } catch (MalformedMessageException e) {
            // The shape of the refusal (digits and quoted values dropped) is the fuzzer's guidance: a new kind of
            // refusal means a new path through the parser.
            String why =
                    String.valueOf(e.getMessage()).replaceAll("[0-9]+", "#").replaceAll("'[^']*'|\"[^\"]*\"", "?");
            return "malformed(" + (why.length() > 60 ? why.substring(0, 60) : why) + ")";
        }
    }
}
