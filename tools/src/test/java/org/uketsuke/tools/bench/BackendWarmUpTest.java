package org.uketsuke.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.mockbackend.IssuedCard;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;

/**
 * The backend's warm-up before the card → store rows makes real PIN confirmations over mTLS (a nonce and a signed
 * statement each, every check of the backend passed), and ends the bench when the backend refuses one.
 */
class BackendWarmUpTest {

    @TempDir
    Path dir;

    @Test
    void everyWarmUpConfirmationIsANonceAndAConfirmedPinRequestOnItsOwnConnections() throws Exception {
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("state"), 0, 42L, 100))) {
            String[] args = arguments(backend, backend.issueCard(0), 3, 4);

            String printed = run(args);

            assertThat(printed).contains("done");
            assertThat(backend.requests("/oqs/v1/nonce")).isEqualTo(12);
            assertThat(backend.requests("/oqs/v1/confirm/card")).isEqualTo(12);
        }
    }

    @Test
    void aRefusedConfirmationEndsTheWarmUp() throws Exception {
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("state"), 0, 42L, 100))) {
            IssuedCard card = backend.issueCard(0);
            backend.revoke(card);
            String[] args = arguments(backend, card, 1, 3);

            assertThatThrownBy(() -> run(args))
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("a warm-up confirmation was refused");
            assertThat(backend.requests("/oqs/v1/confirm/card")).isEqualTo(1);
        }
    }

    private String[] arguments(MockBackend backend, IssuedCard card, int connections, int each) throws Exception {
        Path files = Files.createDirectories(dir.resolve("files"));
        BatchTerminalProcess.writeTls(backend.terminalTls(), files);
        Path cardFile = files.resolve("card.txt");
        TerminalProcess.writeCard(card, cardFile);
        return new String[] {
            backend.baseUri().toString(),
            files.resolve("terminal.p12").toString(),
            BatchTerminalProcess.PASSWORD,
            files.resolve("ca.pem").toString(),
            cardFile.toString(),
            Integer.toString(connections),
            Integer.toString(each)
        };
    }

    private static String run(String[] args) throws Exception {
        PrintStream before = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            BackendWarmUp.main(args);
        } finally {
            System.setOut(before);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
