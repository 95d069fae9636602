package org.uketsuke.folders.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.wire.CharacterCode;

/** The simulator's late answers: a request it refuses gets its {@code .err} only after the configured delay. */
class LinkAppSimulatorTest {

    @TempDir
    Path share;

    @Test
    void anErrAnswerAppearsLateAndWhole() throws Exception {
        Duration delay = Duration.ofSeconds(1);
        // A broken request never reaches the qualification system: no client is needed to refuse it.
        try (LinkAppSimulator simulator = new LinkAppSimulator(
                share,
                null,
                null,
                "1311234567",
                new LinkAppSimulator.Quirks(delay, true, Duration.ZERO, CharacterCode.UTF_8),
                Duration.ofMillis(20),
                Clock.systemUTC())) {
            Files.createDirectories(share.resolve("req"));
            Files.writeString(share.resolve("req/OQSsiquc01req_broken1.xml"), "<XmlMsg><MessageBody>not a request");
            Path staged = share.resolve(".simulator-res/OQSsiquc01req_broken1.err");
            Path err = share.resolve("res/OQSsiquc01req_broken1.err");
            for (int i = 0; i < 500 && !Files.exists(staged); i++) {
                Thread.sleep(10);
            }
            assertThat(staged).exists(); // answered ...
            assertThat(err).doesNotExist(); // ... but not yet shown to the client
            for (int i = 0; i < 500 && !(Files.exists(err) && Files.notExists(staged)); i++) {
                Thread.sleep(10);
            }

            assertThat(Files.readString(err, StandardCharsets.UTF_8))
                    .contains("request refused")
                    .endsWith("\n");
        }
    }
}
