package org.uketsuke.bridge.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.wire.MalformedMessageException;
import org.uketsuke.fuzz.FuzzReport;
import org.uketsuke.fuzz.Fuzzer;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;

/**
 * A レセコン's request files are untrusted: parsing one either gives a search or a {@link MalformedMessageException};
 * and in the real folders, with the real client and mock backend, every fuzzed file is answered or refused exactly
 * once and moved to {@code done} — none is lost, none crashes the pass.
 */
class RequestFileFuzzTest {

    private static final String[] TOKENS = {
        "<",
        ">",
        "</",
        "/>",
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>",
        "&e;",
        "&#0;",
        "encoding=\"Shift_JIS\"",
        "encoding=\"EBCDIC\"",
        "QualificationConfirmSearchInfo",
        "InsurerNumber",
        "InsuredCardSymbol",
        "InsuredIdentificationNumber",
        "InsuredBranchNumber",
        "Birthdate",
        "ArbitraryFileIdentifier",
        "CharacterCodeIdentifier",
        "LimitApplicationCertificateRelatedConsFlg",
        "ArbitraryIdentifier",
        "０",
        "‐",
        "\u3000"
    };

    @TempDir
    Path dir;

    @Test
    void requestFilesParseOrAreRefusedWithATypedError() {
        FuzzReport report = Fuzzer.target("RequestFile")
                .dictionary(TOKENS)
                .maxLength(16 * 1024)
                .allow(MalformedMessageException.class)
                .run(bytes -> RequestFolderExchange.parse(bytes).characterCode().name());
        assertThat(report.totalInputs()).isGreaterThan(report.corpusInputs());
    }

    @Test
    void everyFuzzedFileInTheReqFolderIsAnsweredOrRefusedOnceAndNoneIsLost() throws Exception {
        Path req = dir.resolve("req");
        Path res = dir.resolve("res");
        Files.createDirectories(req);
        AtomicInteger next = new AtomicInteger();
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 4L, 20))) {
            RequestFolderExchange exchange = new RequestFolderExchange(
                    req,
                    res,
                    new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(5)),
                    "1311234567",
                    Clock.systemUTC());
            // Real HTTPS per input: capped, and reported as its own target.
            FuzzReport report = Fuzzer.target("RequestFolder")
                    .corpus(Path.of("src/test/resources/fuzz/RequestFile"))
                    .dictionary(TOKENS)
                    .maxLength(16 * 1024)
                    .defaultInputs(150)
                    .maxInputs(2_000)
                    .run(bytes -> {
                        String id = String.format("%06d", next.incrementAndGet());
                        Files.write(req.resolve("OQSsiquc01req_" + id + ".xml"), bytes);
                        FolderPass pass = exchange.processPending();
                        boolean answered = Files.exists(res.resolve("OQSsiquc01res_" + id + ".xml"));
                        boolean refused = Files.exists(res.resolve("OQSsiquc01req_" + id + ".err"));
                        if (pass.answered() + pass.refused() != 1
                                || answered == refused
                                || !Files.exists(req.resolve("done").resolve("OQSsiquc01req_" + id + ".xml"))) {
                            throw new AssertionError("request " + id + " was not handled exactly once: " + pass);
                        }
                        return answered ? "answered" : "refused";
                    });
            assertThat(report.behaviours()).isEqualTo(2); // some answered, some refused
        }
    }
}
