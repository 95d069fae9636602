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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
 * ordinary request is answered, and the staff console has the last problem. (Real folders, real client, mock backend
 * over mTLS.)
 */
class RequestFolderLimitsTest {

    private static final Charset SJIS = Charset.forName("Shift_JIS");
    private static final String FIRST = "YZKsiquc01req_022612031000000.xml";
    private static final String NEXT = "YZKsiquc01req_022612031000001.xml";

    @TempDir
    Path dir;

    private MockBackend backend;
    private HttpsEligibilityClient client;
    private Path req;
    private Path res;

    @BeforeEach
    void folders() throws Exception {
        backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 9L, 10));
        client = new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(5));
        req = Files.createDirectories(dir.resolve("req"));
        res = dir.resolve("res");
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void aTwoGibRequestIsRefusedUnreadAndThePollingAnswersTheNextOne() throws Exception {
        MedicalFolderExchange exchange = exchange(client);
        // Sparse: 2 GiB long, no disk used; read whole it would not even fit in a Java array.
        try (RandomAccessFile huge =
                new RandomAccessFile(req.resolve("YZKsiquc01req_02huge.xml").toFile(), "rw")) {
            huge.setLength(2L * 1024 * 1024 * 1024);
        }
        try (AutoCloseable polling = exchange.poll(Duration.ofMillis(20))) {
            waitFor(() -> Files.exists(res.resolve("YZKsiquc01req_02huge.err")), "the huge request refused");
            Files.write(req.resolve(NEXT), request(1));
            waitFor(() -> Files.exists(res.resolve(answerOf(NEXT))), "the next request answered");
        }
        assertThat(Files.readString(res.resolve("YZKsiquc01req_02huge.err"), StandardCharsets.UTF_8))
                .contains("ファイルが大きすぎます", "too large", "2147483648 bytes, at most 1048576");
        assertThat(req.resolve("done/YZKsiquc01req_02huge.xml")).exists();
    }

    @Test
    void anOutOfMemoryErrorStopsNeitherTheOtherRequestsNorThePolling() throws Exception {
        AtomicBoolean thrown = new AtomicBoolean();
        MedicalFolderExchange exchange = exchange(new MedicalInformationClient() {
            @Override
            public MedicalOutcome<MedicalRecords> medicalRecords(MedicalQuery query) {
                if (thrown.compareAndSet(false, true)) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return client.medicalRecords(query);
            }

            @Override
            public MedicalOutcome<MedicalPdf> medicalPdf(MedicalQuery query) {
                return client.medicalPdf(query);
            }
        });
        Files.write(req.resolve(FIRST), request(0));
        Files.write(req.resolve(NEXT), request(1));

        assertThat(exchange.processPending()).isEqualTo(new FolderPass(1, 0, 1));
        assertThat(exchange.lastProblem()).hasValueSatisfying(problem -> {
            assertThat(problem.file()).isEqualTo(FIRST);
            assertThat(problem.diagnostic()).contains("OutOfMemoryError");
        });
        assertThat(req.resolve(FIRST)).as("kept for the next pass").exists();
        try (AutoCloseable polling = exchange.poll(Duration.ofMillis(20))) {
            waitFor(() -> Files.exists(res.resolve(answerOf(FIRST))), "the request answered on a later pass");
        }
    }

    @Test
    void aLinkInReqIsNotFollowedToAnotherFile() throws Exception {
        Path secret = Files.write(dir.resolve("secret.xml"), request(0));
        Files.createSymbolicLink(req.resolve("YZKsiquc01req_02link.xml"), secret);

        assertThat(exchange(client).processPending()).isEqualTo(new FolderPass(0, 0, 0));
        try (var answers = Files.list(res)) {
            assertThat(answers).isEmpty();
        }
    }

    @Test
    void aRequestWhoseNameWouldBreakTheAnswersNameIsSetAsideUnanswered() throws Exception {
        for (String name : new String[] {
            "YZKsiquc01req_02..x.xml",
            "YZKsiquc01req_02 x.xml",
            "YZKsiquc01req_02患者.xml",
            "YZKsiquc01req_" + "9".repeat(101) + ".xml"
        }) {
            Files.write(req.resolve(name), request(0));
        }
        MedicalFolderExchange exchange = exchange(client);

        assertThat(exchange.processPending()).isEqualTo(new FolderPass(0, 4, 0));
        assertThat(exchange.lastProblem()).isPresent();
        try (var answers = Files.list(res)) {
            assertThat(answers).isEmpty();
        }
        try (var done = Files.list(req.resolve("done"))) {
            assertThat(done).hasSize(4);
        }
    }

    private MedicalFolderExchange exchange(MedicalInformationClient medical) {
        return new MedicalFolderExchange(req, res, medical, "1311234567", Clock.systemUTC());
    }

    private byte[] request(int person) {
        return MedicalFolderExchangeTest.request(backend.person(person), "2", true, String.valueOf(person))
                .getBytes(SJIS);
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
