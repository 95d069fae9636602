package org.uketsuke.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.Uketsuke;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.reception.ReconfirmList;
import org.uketsuke.eligibility.Qualification;

/**
 * The demo persona of a new insurance the insurer has not registered yet ({@code demo --person 47}): the kiosk visit
 * ends 資格情報なし, the visit waits on the re-confirm list across a restart, and once the registration reaches the
 * system the re-query confirms it (docs/spec-notes/failures.md#registration-lag).
 */
class RegistrationLagDemoTest {

    private static final int LAGGING = 47;

    @TempDir
    Path dataDir;

    @Test
    void theVisitEndsWithoutQualificationWaitsOnTheListAndIsConfirmedWhenTheRegistrationCatchesUp() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = Uketsuke.commandLine()
                    .execute(
                            "demo",
                            "--headless",
                            "--once",
                            "--person",
                            Integer.toString(LAGGING),
                            "--data-dir",
                            dataDir.toString());
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(exit).as(printed).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(printed).get("problem").asText())
                .isEqualTo(Problem.NO_QUALIFICATION.name());

        try (DemoProfile demo = DemoProfile.startForPerson(dataDir, ReaderMode.VIRTUAL, null, LAGGING)) {
            ReconfirmList list = demo.terminal().reconfirm();
            assertThat(list.entries()).singleElement().satisfies(e -> {
                assertThat(e.problem()).isEqualTo(Problem.NO_QUALIFICATION);
                assertThat(e.state()).isEqualTo(ReconfirmList.State.NEEDS_DOCUMENT);
            });
            long id = list.entries().getFirst().id();
            Qualification patient = demo.backend().person(LAGGING);
            list.document(id, ReconfirmList.Evidence.QUALIFICATION_NOTICE, patient.card(), patient.birthdate());
            assertThat(list.tryNow(id))
                    .as("by insurance number too, the system knows no qualification before the registration")
                    .hasValueSatisfying(r -> assertThat(r.problem()).contains(Problem.NO_QUALIFICATION));

            demo.backend().control().reflectRegistration(LAGGING);
            assertThat(list.tryNow(id))
                    .hasValueSatisfying(r -> assertThat(r.qualification())
                            .hasValueSatisfying(q -> assertThat(q.card()).isEqualTo(patient.card())));
            assertThat(list.entries().getFirst().state()).isEqualTo(ReconfirmList.State.CONFIRMED);
        }
    }
}
