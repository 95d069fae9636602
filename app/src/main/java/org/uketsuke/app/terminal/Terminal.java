package org.uketsuke.app.terminal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.reception.AuditAnchoring;
import org.uketsuke.app.reception.AuditTrail;
import org.uketsuke.app.reception.BatchPreCheck;
import org.uketsuke.app.reception.CardFrontCapture;
import org.uketsuke.app.reception.CardServiceState;
import org.uketsuke.app.reception.CardSlot;
import org.uketsuke.app.reception.ConfirmationAudit;
import org.uketsuke.app.reception.ConsistencyCheck;
import org.uketsuke.app.reception.FaceCheck;
import org.uketsuke.app.reception.FacePreviewFeed;
import org.uketsuke.app.reception.FolderRequestAudit;
import org.uketsuke.app.reception.MedicalViewing;
import org.uketsuke.app.reception.PendingLookups;
import org.uketsuke.app.reception.ReceptionRecord;
import org.uketsuke.app.reception.ReceptionServices;
import org.uketsuke.app.reception.ReceptionSteps;
import org.uketsuke.app.reception.ReconfirmList;
import org.uketsuke.app.reception.StaffActions;
import org.uketsuke.app.reception.StaffLookup;
import org.uketsuke.app.reception.VisitController;
import org.uketsuke.app.reception.VisitScenario;
import org.uketsuke.app.staff.StaffAccounts;
import org.uketsuke.app.staff.StaffSession;
import org.uketsuke.bridge.DataProtection;
import org.uketsuke.bridge.DeliveryWorker;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.csv.CsvExport;
import org.uketsuke.bridge.exchange.FolderProblem;
import org.uketsuke.bridge.exchange.MedicalFolderExchange;
import org.uketsuke.bridge.exchange.RequestFolderExchange;
import org.uketsuke.bridge.pending.PendingSearches;
import org.uketsuke.bridge.retention.RetentionPurge;
import org.uketsuke.bridge.sink.PrivateFiles;
import org.uketsuke.cardfront.CardFrontReader;
import org.uketsuke.face.camera.CameraSource;
import org.uketsuke.face.pipeline.FaceVerifier;

/**
 * The one composition root: a reception terminal assembled from its settings and its ports. The production kiosk,
 * the training package's demo and the tests all build it here; only their ports differ. Everything it starts is
 * registered with its {@link Closer} in the order it starts, so closing stops the card slot first, then the
 * controller, the folder exchanges and workers, and the stores last.
 */
public final class Terminal implements ScreenServices, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Terminal.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    /** When the audit anchoring's first pass runs after the start (then hourly). */
    private static final Duration FIRST_ANCHORING = Duration.ofSeconds(30);

    private final Closer closer;
    private final List<StaffNotice> staffNotices = new CopyOnWriteArrayList<>();
    private final List<Consumer<StaffNotice>> noticeListeners = new ArrayList<>();
    private final List<Consumer<ReceptionRecord>> outsideRecords = new CopyOnWriteArrayList<>();
    private final TerminalPorts ports;
    private final RececonBridge bridge;
    private final DeliveryWorker delivery;
    private final ReceptionSteps steps;
    private final StaffSession staffSession;
    private final StaffActions staffActions;
    private final StaffLookup lookup;
    private final PendingLookups pendingLookups;
    private final ReconfirmList reconfirm;
    private final BatchPreCheck preCheck;
    private final MedicalViewing medicalViewing;
    private final FacePreviewFeed facePreview = new FacePreviewFeed();
    private final Optional<CardFrontCapture> cardFrontCapture;
    private final VisitController controller;
    private final List<Supplier<Optional<FolderProblem>>> folderProblems = new ArrayList<>();
    private final AuditTrail audit;
    private final Optional<AuditAnchoring> anchoring;

    /** The audit log's file name in the data folder (beside it: {@code .head}, {@code .key}, {@code .alarm}). */
    public static final String AUDIT_LOG = "audit.jsonl";

    private Terminal(TerminalSettings settings, TerminalPorts ports, Closer closer) {
        this.closer = closer;
        this.ports = ports;
        Clock local = ports.clock();
        Clock utc = local.withZone(ZoneOffset.UTC);
        DataProtection protection = settings.sinks().protection();
        // Before anything is written: every file from here on is private to the terminal (or its レセコン group).
        PrivateFiles.configure(protection.access());
        privateDataFolder(ports.dataDir());
        this.staffSession = settings.staff().session(ports.dataDir(), utc);
        this.bridge = closer.open(sinks(settings));
        this.delivery = closer.open(new DeliveryWorker(bridge, Duration.ofSeconds(1), Duration.ofMinutes(1)).start());

        // One MAC chain for the terminal: kiosk and staff confirmations, medical views, folder requests. It is also
        // the gate: a broken or missing log, or a failed append, stops confirmations until acknowledged.
        this.audit = AuditTrail.open(
                ports.dataDir().resolve(AUDIT_LOG),
                settings.terminalId(),
                utc,
                !bridge.recentStatuses(1).isEmpty());
        ConfirmationAudit staffAudit = ConfirmationAudit.to(audit);
        // Each day's head goes off the machine; the backend's anchors are compared with the log once reachable. The
        // first pass (an mTLS exchange) waits until the kiosk is up: at once it took CPU from the cold start on a
        // 2-core machine (docs/tuning.md); the log's own chain and the local receipts are checked at start above.
        this.anchoring = ports.auditAnchors()
                .map(client -> closer.open(
                        new AuditAnchoring(audit, client, local).start(FIRST_ANCHORING, Duration.ofHours(1))));
        this.steps = new ReceptionSteps(new ReceptionServices(
                ports.slot(),
                ports.eligibility(),
                bridge,
                local,
                ports.faceCamera()
                        .map(camera -> new FaceCheck(
                                        camera,
                                        FaceVerifier.defaults(),
                                        ports.cardFaceIssuer().orElseThrow())
                                .withPreview(facePreview)),
                ports.signer(),
                Optional.of(audit)));
        this.cardFrontCapture = ports.cardFrontCamera().flatMap(Terminal::cardFrontCapture);
        this.medicalViewing = new MedicalViewing(ports.medical(), audit, utc);
        this.staffActions = new StaffActions(staffSession, this::fire, bridge, delivery::wake);

        // A lookup by insurance number made while the system is unreachable waits durably and is asked again.
        PendingSearches pendingSearches =
                closer.open(PendingSearches.open(ports.dataDir().resolve("pending.db")));
        this.lookup = new StaffLookup(ports.eligibility(), bridge, local, pendingSearches)
                .withAudit(staffAudit, staffSession::currentId);
        this.pendingLookups = closer.open(new PendingLookups(pendingSearches, ports.eligibility(), bridge, local)
                .withAudit(staffAudit)
                .start(Duration.ofSeconds(5)));
        this.preCheck = new BatchPreCheck(ports.eligibility(), bridge, utc).withAudit(staffAudit);
        // Visits whose qualification could not be confirmed wait here, asked again by insurance number each day.
        this.reconfirm = closer.open(ReconfirmList.open(ports.dataDir().resolve("reconfirm.db"), lookup::lookup, local)
                .start(Duration.ofHours(1)));
        steps.onRecord(reconfirm::add);
        settings.exchangeFolder().ifPresent(folder -> {
            // The 連携アプリ's req/res folders: a レセコン asks by insurance number, and for drug and checkup
            // information (YZK…/TKK… requests, answered only where the patient consented).
            RequestFolderExchange requests = new RequestFolderExchange(
                    folder.resolve("req"),
                    folder.resolve("res"),
                    ports.eligibility(),
                    settings.institutionCode(),
                    utc,
                    protection.maxRequestBytes());
            closer.open(requests.withAudit(new FolderRequestAudit(audit, utc)).poll(POLL));
            folderProblems.add(requests::lastProblem);
            MedicalFolderExchange medical = new MedicalFolderExchange(
                    folder.resolve("req"),
                    folder.resolve("res"),
                    ports.medical(),
                    settings.institutionCode(),
                    utc,
                    protection.maxRequestBytes());
            closer.open(medical.withAudit(new FolderRequestAudit(audit, utc)).poll(POLL));
            folderProblems.add(medical::lastProblem);
        });
        // What is past its retention goes once a day (the first purge a minute after start); each purge is audited.
        closer.open(new RetentionPurge(
                        protection.retention(),
                        bridge::purgeDelivered,
                        new RetentionPurge.Folders(
                                settings.exchangeFolder(),
                                Optional.ofNullable(settings.sinks().csvExport())
                                        .map(CsvExport::folder)),
                        audit::append,
                        settings.terminalId(),
                        utc)
                .daily(Duration.ofMinutes(1)));
        this.controller = closer.open(new VisitController(steps, settings.timeouts(), cardFrontCapture));
        ports.slot().onCardEvents(controller::fire);
        // Last: a card already on the reader reaches a listening controller, and no event reaches a closed one.
        closer.open(ports.slot().start());
        log.info("terminal {} — reader {}", settings.terminalId(), ports.slot().describe());
    }

    /**
     * Assembles and starts the terminal. The closer may already own the ports' resources (a camera, an embedded
     * backend); if assembling fails, everything it owns is closed and the failure is rethrown.
     */
    public static Terminal start(TerminalSettings settings, TerminalPorts ports, Closer closer) {
        try {
            return new Terminal(settings, ports, closer);
        } catch (RuntimeException e) {
            closer.close();
            throw e;
        }
    }

    private static RececonBridge sinks(TerminalSettings settings) {
        try {
            return RececonBridge.open(settings.sinks());
        } catch (RuntimeException e) {
            throw new TerminalStartException("sink.sqlite", "the レセコン sinks cannot be opened: " + e.getMessage(), e);
        }
    }

    private static void privateDataFolder(Path dataDir) {
        try {
            PrivateFiles.createFolders(dataDir);
        } catch (IOException e) {
            throw new TerminalStartException("data_dir", dataDir + ": cannot create the folder (" + e + ")", e);
        }
    }

    /** 照合番号B off the card front needs the machine's Tesseract (tesseract-ocr-jpn/-eng); without it, no face path. */
    private static Optional<CardFrontCapture> cardFrontCapture(Supplier<CameraSource> camera) {
        Optional<CardFrontCapture> capture = CardFrontReader.onSystemTesseract()
                .map(reader -> new CardFrontCapture(camera, reader, Duration.ofSeconds(20)));
        if (capture.isEmpty()) {
            log.warn("Tesseract (tesseract-ocr-jpn/-eng) is missing: no PIN-less face path");
        }
        return capture;
    }

    @Override
    public AuditTrail audit() {
        return audit;
    }

    /** The audit log's daily anchoring, where the ports send anchors. */
    public Optional<AuditAnchoring> anchoring() {
        return anchoring;
    }

    @Override
    public Optional<FolderProblem> folderProblem() {
        return folderProblems.stream()
                .map(Supplier::get)
                .flatMap(Optional::stream)
                .max(Comparator.comparing(FolderProblem::at));
    }

    public CardSlot slot() {
        return ports.slot();
    }

    public ReceptionSteps steps() {
        return steps;
    }

    public DeliveryWorker delivery() {
        return delivery;
    }

    public PendingLookups pendingLookups() {
        return pendingLookups;
    }

    public Path dataDir() {
        return ports.dataDir();
    }

    @Override
    public VisitController controller() {
        return controller;
    }

    @Override
    public void onVisitRecord(Consumer<ReceptionRecord> listener) {
        steps.onRecord(listener);
    }

    @Override
    public void onDeferredLookupRecord(Consumer<ReceptionRecord> listener) {
        pendingLookups.onRecord(listener);
    }

    @Override
    public StaffLookup lookup() {
        return lookup;
    }

    @Override
    public VisitScenario visitScenario() {
        return steps.scenario();
    }

    @Override
    public ReconfirmList reconfirm() {
        return reconfirm;
    }

    @Override
    public BatchPreCheck preCheck() {
        return preCheck;
    }

    @Override
    public ConsistencyCheck consistency() {
        return new ConsistencyCheck(bridge);
    }

    @Override
    public RececonBridge bridge() {
        return bridge;
    }

    @Override
    public void wakeDelivery() {
        delivery.wake();
    }

    @Override
    public MedicalViewing medicalViewing() {
        return medicalViewing;
    }

    @Override
    public StaffSession staffSession() {
        return staffSession;
    }

    @Override
    public StaffAccounts staffAccounts() {
        return StaffAccounts.in(ports.dataDir());
    }

    @Override
    public StaffActions staffActions() {
        return staffActions;
    }

    /** The staff's events reach the controller, which exists only once the terminal is assembled. */
    private void fire(VisitEvent event) {
        controller.fire(event);
    }

    @Override
    public Path exportFolder() {
        return ports.dataDir().resolve("exports");
    }

    @Override
    public Path windowSettingsFile() {
        return ports.dataDir().resolve("staff-window.properties");
    }

    @Override
    public Optional<CardFrontCapture> cardFrontCapture() {
        return cardFrontCapture;
    }

    @Override
    public FacePreviewFeed facePreview() {
        return facePreview;
    }

    /**
     * Adds a notice the staff console shows from now on (the same thing is logged where it was found): one found at
     * start, or one raised while the terminal runs (the face-folder importer's alerts). A notice with a topic takes the
     * place of the earlier one of that topic.
     */
    public void addStaffNotice(StaffNotice notice) {
        List<Consumer<StaffNotice>> listeners;
        synchronized (staffNotices) {
            staffNotices.removeIf(notice::replaces);
            staffNotices.add(notice);
            listeners = List.copyOf(noticeListeners);
        }
        listeners.forEach(l -> l.accept(notice));
    }

    @Override
    public List<StaffNotice> staffNotices() {
        return List.copyOf(staffNotices);
    }

    @Override
    public void onStaffNotice(Consumer<StaffNotice> listener) {
        List<StaffNotice> soFar;
        synchronized (staffNotices) {
            noticeListeners.add(listener);
            soFar = List.copyOf(staffNotices);
        }
        soFar.forEach(listener);
    }

    /** Shows a confirmation that came from outside the kiosk (a certified reader's result) on the reception list. */
    public void addOutsideRecord(ReceptionRecord record) {
        outsideRecords.forEach(l -> l.accept(record));
    }

    @Override
    public void onOutsideRecord(Consumer<ReceptionRecord> listener) {
        outsideRecords.add(listener);
    }

    @Override
    public void onCardService(Consumer<CardServiceState> listener) {
        ports.slot().onCardService(listener);
    }

    @Override
    public void onWaitingCards(Consumer<List<String>> listener) {
        ports.slot().onWaitingCards(listener);
    }

    @Override
    public String readerDescription() {
        return ports.slot().describe();
    }

    @Override
    public Executor worker(String name) {
        return closer.worker(name);
    }

    @Override
    public void onClose(Runnable action) {
        closer.onClose(action);
    }

    /** Stops everything the terminal and its ports opened, in reverse order. */
    @Override
    public void close() {
        closer.close();
    }
}
