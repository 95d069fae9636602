package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.Pin;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.training.DemoProfile;

/**
 * No world-readable result file: after a card visit and a request through the 連携アプリ folders, all through the real
 * terminal wiring, every file the terminal wrote — outbox, stores, audit log, face file, CSV day, answers, done
 * requests — is {@code rw-------} and every folder {@code rwx------}. (The simulated qualification system's own folder
 * is not the terminal's and is left out.)
 */
class PrivateDataAtRestTest {

    @TempDir
    Path dir;

    @Test
    void everyFileTheTerminalWroteIsPrivateToItsUser() throws Exception {
        Path data = dir.resolve("data");
        try (DemoProfile env = DemoProfile.start(data)) {
            VisitStates states = VisitStates.of(env);
            env.demoCard().insert();
            states.await(VisitState.AWAITING_PIN);
            env.terminal()
                    .controller()
                    .fire(new VisitEvent.PinEntered(Pin.of(env.demoPin().toCharArray())));
            states.await(VisitState.ASKING_CONSENTS);
            env.terminal().controller().fire(new VisitEvent.ConsentsGiven(Consents.all(Consent.NO)));
            states.await(VisitState.SHOWING_RESULT);
            Files.writeString(
                    data.resolve("req/OQSsiquc01req_0001.xml"), "<XmlMsg>not a request", StandardCharsets.UTF_8);
            waitFor(() -> !env.terminal().bridge().hasPending(), "the visit delivered to every sink");
            waitFor(() -> Files.exists(data.resolve("res/OQSsiquc01req_0001.err")), "the request answered");
            waitFor(() -> Files.exists(data.resolve("req/done/OQSsiquc01req_0001.xml")), "the request moved to done");
        }

        List<String> exposed = new ArrayList<>();
        List<String> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(data)) {
            for (Path p :
                    all.filter(p -> !p.startsWith(data.resolve("mock-backend"))).toList()) {
                String mode =
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                boolean folder = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                if (!mode.equals(folder ? "rwx------" : "rw-------")) {
                    exposed.add(data.relativize(p) + " " + mode);
                }
                if (!folder) {
                    files.add(data.relativize(p).toString());
                }
            }
        }
        assertThat(files)
                .contains("outbox.db", "rececon.db", "pending.db", "audit.jsonl", "res/OQSsiquc01req_0001.err")
                .anyMatch(f -> f.startsWith("face/OQSsiquc01res_face_"))
                .anyMatch(f -> f.startsWith("csv/uketsuke-qualifications-"));
        assertThat(exposed).isEmpty();
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
