package org.uketsuke.folders;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.eligibility.BatchStatus;
import org.uketsuke.eligibility.BatchSubmission;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.folders.face.FaceFolderImporter;
import org.uketsuke.folders.face.PatientDirectory;
import org.uketsuke.folders.sim.LinkAppSimulator;

/**
 * The folders backend against the shipped 連携アプリ simulator with every quirk on: late answers written in two
 * pieces, and locked Shift_JIS result files from the certified reader.
 */
class SimulatedLinkAppTest {

    @TempDir
    Path share;

    @Test
    void aLookupAndABatchAreAnsweredAndReaderResultsImportedDespiteTheQuirks() throws Exception {
        LinkAppFixture linkApp = LinkAppFixture.shared();
        try (LinkAppSimulator simulator = new LinkAppSimulator(
                share,
                linkApp.client,
                linkApp.client,
                LinkAppFixture.INSTITUTION,
                LinkAppSimulator.Quirks.ALL,
                Duration.ofMillis(25),
                Clock.systemUTC())) {
            FolderEligibilityClient client = new FolderEligibilityClient(
                    FolderSettings.under(share, CharacterCode.SHIFT_JIS, LinkAppFixture.INSTITUTION)
                            .withTiming(Duration.ofMillis(20), Duration.ofSeconds(10), 2),
                    Clock.systemUTC());

            assertThat(client.confirmByInsurance(linkApp.searchFor(7, "late-1")))
                    .isInstanceOf(ConfirmationOutcome.Confirmed.class);

            BatchSubmission submitted =
                    client.submitBatch(List.of(linkApp.searchFor(8, "sb-1"), linkApp.searchFor(9, "sb-2")));
            String reception = ((BatchSubmission.Accepted) submitted).receptionNumber();
            BatchStatus status = client.batchStatus(reception);
            for (int i = 0; i < 50 && status instanceof BatchStatus.Processing; i++) {
                status = client.batchStatus(reception);
            }
            assertThat(status)
                    .isInstanceOfSatisfying(
                            BatchStatus.Done.class,
                            done -> assertThat(done.results()).hasSize(2));

            try (RececonBridge bridge = RececonBridge.open(new BridgeConfig(
                            share.resolveSibling(share.getFileName() + "-outbox.db"),
                            null,
                            null,
                            LinkAppFixture.INSTITUTION,
                            StandardCharsets.UTF_8));
                    FaceFolderImporter importer = new FaceFolderImporter(
                            new FaceFolderImporter.Settings(
                                    share.resolve("face"),
                                    share.resolveSibling(share.getFileName() + "-import.db"),
                                    share.resolveSibling(share.getFileName() + "-aside"),
                                    null,
                                    Duration.ZERO),
                            bridge,
                            PatientDirectory.NONE,
                            Clock.systemUTC())) {
                List<FaceFolderImporter.Imported> imported = new CopyOnWriteArrayList<>();
                importer.onImported(imported::add);
                // The reader's results arrive while the importer polls: each is held under a lock while written.
                try (AutoCloseable polling = importer.poll(Duration.ofMillis(20))) {
                    for (int person = 10; person < 13; person++) {
                        Path file = simulator.confirmAtReader(linkApp.searchFor(person, "reader-" + person));
                        assertThat(new String(Files.readAllBytes(file), 0, 60, StandardCharsets.ISO_8859_1))
                                .contains("Shift_JIS");
                    }
                    for (int i = 0; i < 100 && imported.size() < 3; i++) {
                        Thread.sleep(20);
                    }
                }
                assertThat(imported)
                        .extracting(
                                i -> i.confirmation().result().qualification().card())
                        .containsExactlyInAnyOrder(
                                linkApp.backend.person(10).card(),
                                linkApp.backend.person(11).card(),
                                linkApp.backend.person(12).card());
                assertThat(importer.alerts()).isEmpty();
            }
        }
    }
}
