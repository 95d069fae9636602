package org.uketsuke.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.Uketsuke;
import org.uketsuke.bridge.audit.AuditEvent;
import org.uketsuke.bridge.audit.AuditLog;
import picocli.CommandLine;

/** {@code ./uketsuke audit verify --file F} on a real log: intact, then edited, then with a torn last line. */
class AuditCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out) {}

    private static Run verify(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new Uketsuke()).execute("audit", "verify", "--file", file.toString());
            return new Run(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void verifySaysIntactBrokenOrTornWithTheEntryAndExitCode() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditLog log = AuditLog.open(file);
        for (int i = 0; i < 3; i++) {
            log.append(new AuditEvent(
                    Instant.parse("2026-12-03T09:00:00Z").plusSeconds(i),
                    "kiosk-1",
                    "",
                    "PIN",
                    "CONFIRMED",
                    AuditEvent.hash("subject" + i),
                    ""));
        }
        Run intact = verify(file);
        assertThat(intact.exit()).isZero();
        assertThat(intact.out())
                .contains("intact, 3 entries, head " + log.head().hash())
                .contains("改ざんは見つかりませんでした");

        String original = Files.readString(file);
        Files.writeString(file, original.replaceFirst("kiosk-1(?=.*\\n.*\\n$)", "kiosk-2"));
        Run broken = verify(file);
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN at entry 2").contains("2 件目で");

        Files.writeString(file, original + "{\"seq\":4,\"at\":\"2026");
        Run torn = verify(file);
        assertThat(torn.exit()).isEqualTo(2);
        assertThat(torn.out()).contains("3 intact entries").contains("incomplete last line of 19 bytes");
    }
}
