package org.uketsuke.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.reception.ReceptionRecord;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.medical.MedicalInformationClient;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.folders.FolderEligibilityClient;
import org.uketsuke.folders.FolderSettings;
import org.uketsuke.folders.StaffSideClient;
import org.uketsuke.folders.face.FaceFolderImporter;
import org.uketsuke.folders.face.PatientDirectory;
import org.uketsuke.folders.sim.LinkAppSimulator;
import org.uketsuke.mockbackend.MockBackend;

/**
 * {@code demo --backend folders} (docs/decisions/0012-folders-backend.md): a simulated 連携アプリ with every quirk,
 * driven by the mock backend, in {@code <data>/oqs-share}; the staff side (lookups, 一括照会, 照会番号, medical viewer)
 * asks through its folders with the folders backend, while the kiosk's card calls stay on the mock (the training
 * kiosk beside a clinic's certified reader). Every 20 s a patient of the mock "uses the certified reader" and the
 * importer takes the result from {@code face} into the terminal's outbox.
 */
final class FoldersDemo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FoldersDemo.class);
    private static final Duration READER_PATIENT_EVERY = Duration.ofSeconds(20);

    private final Path dataDir;
    private final LinkAppSimulator simulator;
    private final FolderEligibilityClient folders;
    private final ScheduledExecutorService timer;
    private FaceFolderImporter importer;
    private AutoCloseable polling;

    FoldersDemo(Path dataDir, MockBackend backend, EligibilityClient mock, MedicalInformationClient mockMedical) {
        this.dataDir = dataDir;
        Path share = dataDir.resolve("oqs-share");
        try {
            this.simulator = new LinkAppSimulator(
                    share,
                    mock,
                    mockMedical,
                    DemoProfile.DEMO_INSTITUTION_CODE,
                    LinkAppSimulator.Quirks.ALL,
                    Duration.ofMillis(100),
                    Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the simulated 連携アプリ's folders in " + share, e);
        }
        this.folders = new FolderEligibilityClient(
                FolderSettings.under(share, CharacterCode.SHIFT_JIS, DemoProfile.DEMO_INSTITUTION_CODE),
                Clock.systemUTC());
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable ->
                Thread.ofPlatform().name("demo-certified-reader").daemon().unstarted(runnable));
        AtomicInteger next = new AtomicInteger(20);
        var _ = timer.scheduleWithFixedDelay(
                () -> {
                    int person = next.getAndIncrement() % backend.people();
                    Qualification q = backend.person(person);
                    try {
                        simulator.confirmAtReader(
                                new InsuranceSearch(q.card(), q.birthdate(), false, "reader-" + System.nanoTime()));
                    } catch (IOException | RuntimeException e) {
                        log.warn("the simulated certified reader could not write its result: {}", e.toString());
                    }
                },
                READER_PATIENT_EVERY.toMillis(),
                READER_PATIENT_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The staff side's client: through the folders. */
    FolderEligibilityClient folders() {
        return folders;
    }

    /** The terminal's client: card calls on the mock, everything the console asks through the folders. */
    EligibilityClient terminalClient(EligibilityClient mock) {
        return new StaffSideClient(mock, folders);
    }

    /**
     * Starts importing the reader's results into the terminal's outbox, each one matched to the store's patients and
     * handed to {@code records} (the console's reception list, whose owner also wakes the delivery); the importer's
     * alerts (a file set aside, the folder gone and back) go to {@code alerts}.
     */
    void importInto(
            RececonBridge bridge, Consumer<ReceptionRecord> records, Consumer<FaceFolderImporter.Alert> alerts) {
        importer = new FaceFolderImporter(
                new FaceFolderImporter.Settings(
                        face(), dataDir.resolve("face-import.db"), setAside(), null, Duration.ofMillis(500)),
                bridge,
                PatientDirectory.of(bridge),
                Clock.systemUTC());
        importer.onImported(imported -> records.accept(ReceptionRecord.imported(imported)));
        importer.onAlert(alerts);
        polling = importer.poll(Duration.ofMillis(250));
    }

    /** The simulated 連携アプリ's {@code face} folder. */
    Path face() {
        return dataDir.resolve("oqs-share").resolve("face");
    }

    /** Where the importer puts the files it cannot read. */
    Path setAside() {
        return dataDir.resolve("face-set-aside");
    }

    FaceFolderImporter importer() {
        return importer;
    }

    @Override
    public void close() throws Exception {
        timer.shutdownNow();
        if (polling != null) {
            polling.close();
            importer.close();
        }
        simulator.close();
    }
}
