package org.uketsuke.bridge.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.medical.MedicalInformationClient;
import org.uketsuke.eligibility.medical.MedicalOutcome;
import org.uketsuke.eligibility.medical.MedicalPdf;
import org.uketsuke.eligibility.medical.MedicalQuery;
import org.uketsuke.eligibility.medical.MedicalRecords;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;

/**
 * What a hostile or broken レセコン can drop into {@code req}: a 2 GiB file, a request that makes the terminal run out
 * of memory, a link to another file, names that would leave the folder. None of them stops the polling; the next
 * ordinary request is answered, and the staff console has the last problem.
 */
class RequestFolderLimitsTest {

    private static final Charset SJIS = Charset.forName("Shift_JIS");
    private static final String NEXT = "YZKsiquc01req_022612031000001.xml";

    @TempDir
    Path dir;

    @Test
    void aTwoGibRequestIsRefusedUnreadAndThePollingAnswersTheNextOne() throws Exception {
        Path req = Files.createDirectories(dir.resolve("req"));
        Path res = dir.resolve("res");
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 9L, 10))) {
            MedicalFolderExchange exchange =
                    new MedicalFolderExchange(req, res, client(backend), "1311234567", Clock.systemUTC());
            // Sparse: 2 GiB long, no disk used; read whole it would not even fit in a Java array.
            try (RandomAccessFile huge =
                    new RandomAccessFile(req.resolve("YZKsiquc01req_02huge.xml").toFile(), "rw")) {
                huge.setLength(2L * 1024 * 1024 * 1024);
            }
            try (AutoCloseable polling = exchange.poll(Duration.ofMillis(20))) {
                waitFor(() -> Files.exists(res.resolve("YZKsiquc01req_02huge.err")), "the huge request refused");
                Files.write(req.resolve(NEXT), request(backend.person(1), "1"));
                waitFor(() -> Files.exists(res.resolve(answerOf(NEXT))), "the next request answered");
            }
            assertThat(Files.readString(res.resolve("YZKsiquc01req_02huge.err"), StandardCharsets.UTF_8))
                    .contains("ファイルが大きすぎます", "too large", "2147483648 bytes, at most 1048576");
            assertThat(req.resolve("done/YZKsiquc01req_02huge.xml")).exists();
        }
    }

    @Test
    void anOutOfMemoryErrorStopsNeitherTheOtherRequestsNorThePolling() throws Exception {
        Path req = Files.createDirectories(dir.resolve("req"));
        Path res = dir.resolve("res");
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 9L, 10))) {
            MedicalInformationClient real = client(backend);
            AtomicBoolean thrown = new AtomicBoolean();
            MedicalInformationClient runsOutOnce = new MedicalInformationClient() {
                @Override
                public MedicalOutcome<MedicalRecords> medicalRecords(MedicalQuery query) {
                    if (thrown.compareAndSet(false, true)) {
                        throw new OutOfMemoryError("Java heap space");
                    }
                    return real.medicalRecords(query);
                }

                @Override
                public MedicalOutcome<MedicalPdf> medicalPdf(MedicalQuery query) {
                    return real.medicalPdf(query);
                }
            };
            MedicalFolderExchange exchange =
                    new MedicalFolderExchange(req, res, runsOutOnce, "1311234567", Clock.systemUTC());
            String first = "YZKsiquc01req_022612031000000.xml";
            Files.write(req.resolve(first), request(backend.person(0), "0"));
            Files.write(req.resolve(NEXT), request(backend.person(1), "1"));

            assertThat(exchange.processPending()).isEqualTo(new FolderPass(1, 0, 1));
            assertThat(exchange.lastProblem()).hasValueSatisfying(problem -> {
                assertThat(problem.file()).isEqualTo(first);
                assertThat(problem.diagnostic()).contains("OutOfMemoryError");
            });
            assertThat(req.resolve(first)).as("kept for the next pass").exists();
            try (AutoCloseable polling = exchange.poll(Duration.ofMillis(20))) {
                waitFor(() -> Files.exists(res.resolve(answerOf(first))), "the request answered on a later pass");
            }
        }
    }

    @Test
    void aLinkInReqIsNotFollowedToAnotherFile() throws Exception {
        Path req = Files.createDirectories(dir.resolve("req"));
        Path res = dir.resolve("res");
        Path secret = dir.resolve("secret.xml");
        Files.writeString(secret, "<XmlMsg>the terminal's own file</XmlMsg>");
        Files.createSymbolicLink(req.resolve("YZKsiquc01req_02link.xml"), secret);
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 9L, 10))) {
            MedicalFolderExchange exchange =
                    new MedicalFolderExchange(req, res, client(backend), "1311234567", Clock.systemUTC());

            assertThat(exchange.processPending()).isEqualTo(new FolderPass(0, 0, 0));
        }
        try (var answers = Files.list(res)) {
            assertThat(answers).isEmpty();
        }
    }

    @Test
    void aRequestWhoseNameWouldBreakTheAnswersNameIsSetAsideUnanswered() throws Exception {
        Path req = Files.createDirectories(dir.resolve("req"));
        Path res = dir.resolve("res");
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 9L, 10))) {
            MedicalFolderExchange exchange =
                    new MedicalFolderExchange(req, res, client(backend), "1311234567", Clock.systemUTC());
            byte[] body = request(backend.person(0), "0");
            for (String name : new String[] {
                "YZKsiquc01req_02..x.xml",
                "YZKsiquc01req_02 x.xml",
                "YZKsiquc01req_02患者.xml",
                "YZKsiquc01req_" + "9".repeat(101) + ".xml"
            }) {
                Files.write(req.resolve(name), body);
            }

            assertThat(exchange.processPending()).isEqualTo(new FolderPass(0, 4, 0));
            assertThat(exchange.lastProblem()).isPresent();
        }
        try (var answers = Files.list(res)) {
            assertThat(answers).isEmpty();
        }
        try (var done = Files.list(req.resolve("done"))) {
            assertThat(done).hasSize(4);
        }
    }

    private static HttpsEligibilityClient client(MockBackend backend) {
        return new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(5));
    }

    private static byte[] request(Qualification q, String fileId) {
        return MedicalFolderExchangeTest.request(q, "2", true, fileId).getBytes(SJIS);
    }

    private static String answerOf(String request) {
        return request.replace("req_", "res_");
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
