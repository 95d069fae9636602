package org.uketsuke.eligibility.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uketsuke.eligibility.BatchResult;
import org.uketsuke.eligibility.BatchStatus;
import org.uketsuke.eligibility.BulkSelection;
import org.uketsuke.eligibility.BulkSelection.Exchange;
import org.uketsuke.eligibility.BulkSelection.PeriodKind;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.ReferenceRegistration;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.wire.BulkXml.Addressee;
import org.uketsuke.eligibility.wire.BulkXml.Segment;

/** The bulk exchanges' official shapes (docs/spec-notes/results.md#bulk-exchanges), from fixture files and back. */
class BulkXmlTest {

    private static final Addressee CLINIC = new Addressee("1311234567", "fetch-0002", CharacterCode.SHIFT_JIS);

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = BulkXmlTest.class.getResourceAsStream("fixtures/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void theFinishedBatchFixtureIsReadWithItsCountsAndProducedAgainWithTheSameHeader() throws Exception {
        byte[] bytes = fixture("batch-status-done.xml");
        assertThat(BulkXml.parseHeader(bytes))
                .isEqualTo(new BulkXml.AnswerHeader(
                        "20261204080500", "R2026120400001", Segment.NORMAL, null, null, new BulkXml.Counts(2, 2, 0)));
        BatchStatus status = QualificationXml.parseBatchStatus(bytes);
        assertThat(status).isInstanceOfSatisfying(BatchStatus.Done.class, done -> {
            assertThat(done.results())
                    .extracting(r -> r.search().arbitraryIdentifier())
                    .containsExactly("booked-1", "booked-2");
            assertThat(done.results().get(0).outcome())
                    .isInstanceOfSatisfying(
                            ConfirmationOutcome.Confirmed.class,
                            c -> assertThat(c.qualification()
                                            .referenceNumber()
                                            .orElseThrow()
                                            .value())
                                    .isEqualTo("K-0001"));
            assertThat(done.results().get(1).outcome())
                    .isInstanceOfSatisfying(
                            ConfirmationOutcome.Rejected.class,
                            r -> assertThat(r.reason()).isEqualTo(RejectionReason.NO_QUALIFICATION));
        });

        List<BatchResult> results = ((BatchStatus.Done) status).results();
        byte[] produced = QualificationXml.writeBatchStatus(
                "R2026120400001",
                "20261204080500",
                CLINIC,
                2,
                2,
                results.stream().map(BatchResult::search).toList(),
                results.stream()
                        .map(r -> ResultMessage.of(r.outcome(), "20261204080500", "1311234567", "x")
                                .orElseThrow())
                        .toList());
        assertThat(new String(produced, 0, 60, StandardCharsets.US_ASCII)).contains("Shift_JIS");
        assertThat(BulkXml.parseHeader(produced).counts()).isEqualTo(new BulkXml.Counts(2, 2, 0));
        assertThat(QualificationXml.parseBatchStatus(produced)).isEqualTo(status);
    }

    @Test
    void aBatchStillProcessingSaysSoInTheHeaderAndTheOlderShapeIsStillRead() throws Exception {
        byte[] processing = QualificationXml.writeBatchStatus("R1", "20261204080100", CLINIC, 1, 3, List.of(), null);
        assertThat(BulkXml.parseHeader(processing).segment()).isEqualTo(Segment.PROCESSING);
        assertThat(QualificationXml.parseBatchStatus(processing)).isEqualTo(new BatchStatus.Processing("R1", 1, 3));
        // Uketsuke before the official header: ProcessingStatus / ProcessedCount in the body.
        assertThat(QualificationXml.parseBatchStatus(fixture("batch-status-processing.xml")))
                .isEqualTo(new BatchStatus.Processing("R2026120400001", 1, 2));
    }

    @Test
    void anAbnormalAnswerIsARefusalWithTheSystemsMessage() throws Exception {
        byte[] abnormal = BulkXml.writeAbnormal("R9", "20261204080100", CLINIC, "UK9001", "受付番号が見つかりません。");
        assertThat(QualificationXml.parseBatchStatus(abnormal))
                .isEqualTo(new BatchStatus.Failed("R9", "受付番号が見つかりません。"));
        byte[] accepted = BulkXml.writeAccepted("R2", "20261204080100", CLINIC, 5);
        assertThat(BulkXml.parseHeader(accepted).receptionNumber()).isEqualTo("R2");
        assertThat(BulkXml.parseHeader(accepted).segment()).isEqualTo(Segment.NORMAL);
    }

    @Test
    void theSelectionRequestsOfTheThreeBulkExchangesAreReadAndProducedAgain() throws Exception {
        var aid = BulkXml.parseSelectionRequest(Exchange.MEDICAL_AID, fixture("medical-aid-request.xml"));
        assertThat(aid.selection()).isEqualTo(new BulkSelection.TreatmentMonth(YearMonth.of(2026, 12)));
        assertThat(aid.code()).isEqualTo(CharacterCode.SHIFT_JIS);
        var visit = BulkXml.parseSelectionRequest(Exchange.HOME_VISIT, fixture("home-visit-request.xml"));
        assertThat(visit.selection())
                .isEqualTo(new BulkSelection.Period(
                        Exchange.HOME_VISIT,
                        PeriodKind.CONSENT,
                        LocalDate.of(2026, 11, 1),
                        LocalDate.of(2026, 11, 30)));
        var online = BulkXml.parseSelectionRequest(Exchange.ONLINE, fixture("online-request.xml"));
        assertThat(online.selection())
                .isEqualTo(new BulkSelection.Period(
                        Exchange.ONLINE, PeriodKind.EXAMINATION, LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 3)));
        for (var parsed : List.of(aid, visit, online)) {
            byte[] produced = BulkXml.writeSelectionRequest(
                    parsed.selection(), parsed.institution(), parsed.fileId(), parsed.code());
            assertThat(BulkXml.parseSelectionRequest(parsed.selection().exchange(), produced))
                    .isEqualTo(parsed);
        }
        assertThat(BulkXml.parseDownloadRequest(fixture("bulk-download-request.xml")))
                .isEqualTo("R2026120400001");
    }

    @Test
    void aSelectionForAnotherExchangeOrABackwardPeriodIsMalformed() throws Exception {
        assertThatThrownBy(() -> BulkXml.parseSelectionRequest(Exchange.ONLINE, fixture("home-visit-request.xml")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("MedicalTreatmentFlag 2");
        byte[] backwards = new String(fixture("home-visit-request.xml"), "Shift_JIS")
                .replace("20261130", "20261001")
                .getBytes("Shift_JIS");
        assertThatThrownBy(() -> BulkXml.parseSelectionRequest(Exchange.HOME_VISIT, backwards))
                .isInstanceOf(MalformedMessageException.class);
        byte[] traversal = BulkXml.writeDownloadRequest("1311234567", "x", "../../etc");
        assertThatThrownBy(() -> BulkXml.parseDownloadRequest(traversal)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void aReferenceBatchAnswerCarriesItsReceptionNumberAndCounts() throws Exception {
        List<ReferenceRegistration> registrations =
                ServiceXml.parseReferenceRequest(fixture("reference-batch-request.xml"));
        List<RegistrationOutcome> outcomes = List.of(
                new RegistrationOutcome.Registered("20261204080000", false),
                new RegistrationOutcome.Rejected(RejectionReason.NO_QUALIFICATION, null, "該当する資格がありません。"));
        byte[] answer = ServiceXml.writeReferenceResults("20261204080000", CLINIC, "UKM1", registrations, outcomes);
        assertThat(BulkXml.parseHeader(answer).counts()).isEqualTo(new BulkXml.Counts(2, 1, 1));
        assertThat(ServiceXml.parseReferenceResults(answer)).hasSize(2).first().isEqualTo(outcomes.getFirst());
    }

    @Test
    void theUploadAnswerFixtureGivesTheReceptionNumberAndIsProducedAgain() throws Exception {
        BulkXml.AnswerHeader header = BulkXml.parseHeader(fixture("batch-upload-answer.xml"));
        assertThat(header)
                .isEqualTo(new BulkXml.AnswerHeader(
                        "20261204080000", "R2026120400001", Segment.NORMAL, null, null, BulkXml.Counts.NONE));
        byte[] produced = BulkXml.writeAccepted(
                "R2026120400001",
                "20261204080000",
                new Addressee("1311234567", "upload-0001", CharacterCode.SHIFT_JIS),
                2);
        assertThat(BulkXml.parseHeader(produced)).isEqualTo(header);
    }

    @Test
    void theReferenceBatchAnswerFixtureIsReadWithItsCountsAndProducedAgain() throws Exception {
        byte[] bytes = fixture("reference-batch-answer.xml");
        assertThat(BulkXml.parseHeader(bytes).counts()).isEqualTo(new BulkXml.Counts(2, 1, 1));
        List<RegistrationOutcome> outcomes = ServiceXml.parseReferenceResults(bytes);
        assertThat(outcomes.get(1))
                .isInstanceOfSatisfying(
                        RegistrationOutcome.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(RejectionReason.NO_QUALIFICATION));
        byte[] produced = ServiceXml.writeReferenceResults(
                "20261204080500",
                new Addressee("1311234567", "imm-0002", CharacterCode.SHIFT_JIS),
                BulkXml.parseHeader(bytes).receptionNumber(),
                ServiceXml.parseReferenceRequest(fixture("reference-batch-request.xml")),
                outcomes);
        assertThat(ServiceXml.parseReferenceResults(produced)).isEqualTo(outcomes);
        assertThat(BulkXml.parseHeader(produced)).isEqualTo(BulkXml.parseHeader(bytes));
    }

    @Test
    void theMedicalAidResultFixtureCarriesTheTicketAndIsProducedAgain() throws Exception {
        byte[] bytes = fixture("medical-aid-result.xml");
        BatchStatus status = QualificationXml.parseBatchStatus(bytes);
        List<BatchResult> results = ((BatchStatus.Done) status).results();
        assertThat(results)
                .singleElement()
                .extracting(BatchResult::outcome)
                .isInstanceOfSatisfying(
                        ConfirmationOutcome.Confirmed.class,
                        c -> assertThat(c.qualification().particulars().medicalTickets())
                                .singleElement()
                                .satisfies(t -> {
                                    // Named once for the person (PublicExpenseNumber, BeneficiaryNumber), as OQSDrug2
                                    // reads it.
                                    assertThat(t.payer().value()).isEqualTo("12130019");
                                    assertThat(t.recipient().value()).isEqualTo("3000015");
                                    assertThat(t.validEnd()).isEqualTo(LocalDate.of(2026, 12, 31));
                                }));
        byte[] produced = QualificationXml.writeBatchStatus(
                "R2026120400007",
                "20261204081000",
                new Addressee("1311234567", "tic-0002", CharacterCode.SHIFT_JIS),
                1,
                1,
                results.stream().map(BatchResult::search).toList(),
                results.stream()
                        .map(r -> ResultMessage.of(r.outcome(), "20261204081000", "1311234567", "x")
                                .orElseThrow())
                        .toList());
        assertThat(QualificationXml.parseBatchStatus(produced)).isEqualTo(status);
        assertThat(BulkXml.parseHeader(produced)).isEqualTo(BulkXml.parseHeader(bytes));
        assertThat(new String(produced, CharacterCode.SHIFT_JIS.charset()))
                .contains("<TicketType>1</TicketType>", "<MedicalTicketExpirationDate>20261231<");
    }
}
