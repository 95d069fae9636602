package org.uketsuke.app.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.reception.ConfirmationAudit;
import org.uketsuke.app.reception.CardSlot;
import org.uketsuke.app.reception.FaceCheck;
import org.uketsuke.app.reception.PcscCardSlot;
import org.uketsuke.app.reception.ReceptionSteps;
import org.uketsuke.app.reception.StaffLookup;
import org.uketsuke.app.reception.VirtualCardSlot;
import org.uketsuke.app.reception.VisitController;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.csv.CsvExport;
import org.uketsuke.bridge.store.PostgresTarget;
import org.uketsuke.app.reception.BatchPreCheck;
import org.uketsuke.bridge.DeliveryWorker;
import org.uketsuke.bridge.exchange.RequestFolderExchange;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.audit.AuditLog;
import org.uketsuke.bridge.audit.AuditLogException;
import org.uketsuke.eligibility.CollationNumberB;
import org.uketsuke.eligibility.HttpsEligibilityClient;
import org.uketsuke.eligibility.TerminalSigner;
import org.uketsuke.face.camera.DemoFrames;
import org.uketsuke.face.pipeline.FaceVerifier;
import org.uketsuke.mockbackend.IssuedCard;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;
import org.uketsuke.reader.pcsc.PcscReaders;
import org.uketsuke.reader.pcsc.PcscService;
import org.uketsuke.reader.sim.CardFacePersonalisation;
import org.uketsuke.reader.sim.CardPersonalisation;
import org.uketsuke.reader.sim.MyNumberCardSimulator;

/**
 * Everything the demo runs on, with no hardware and no network: the embedded mock backend on localhost (mTLS), a
 * virtual My Number card issued by its test CA, and the SQLite レセコン store plus the {@code face} folder under the
 * data directory.
 */
public final class DemoEnvironment implements AutoCloseable, org.uketsuke.app.reception.TerminalEnvironment {

    private static final Logger log = LoggerFactory.getLogger(DemoEnvironment.class);

    /** A fictitious 10-digit 医療機関コード for the demo clinic. */
    public static final String DEMO_INSTITUTION_CODE = "1311234567";
    private final AuditLog audit;
    private final org.uketsuke.app.reception.MedicalViewing medicalViewing;
    private final org.uketsuke.app.reception.StaffOnDuty staffOnDuty = org.uketsuke.app.reception.StaffOnDuty.demo();

    /** The demo kiosk's terminal id in the audit log. */
    public static final String DEMO_TERMINAL_ID = "demo-kiosk-1";

    /** The demo card's expiry and the security code printed on its front (照合番号B is made from them). */
    static final java.time.LocalDate CARD_EXPIRY = java.time.LocalDate.of(2035, 2, 17);
    static final String DEMO_SECURITY_CODE = "2285";

    private final Path dataDir;
    private final String collationNumberB;
    private final MockBackend backend;
    private final IssuedCard issuedCard;
    private final CardSlot slot;
    private final DemoCard demoCard;
    private final RececonBridge bridge;
    private final DeliveryWorker delivery;
    private final ReceptionSteps steps;
    private final StaffLookup lookup;
    private final BatchPreCheck preCheck;
    private final org.uketsuke.bridge.pending.PendingSearches pendingSearches;
    private final org.uketsuke.app.reception.PendingLookups pendingLookups;
    private final AutoCloseable requestFolders;
    /** YZK/TKK drug and checkup requests of a レセコン in the same req/res folders (#14). */
    private final AutoCloseable medicalFolders;
    private final VisitController controller;

    private DemoEnvironment(Path dataDir, int personIndex, ReaderMode mode, PostgresTarget postgres, boolean registered) {
        this.dataDir = dataDir;
        // Start-up work that does not depend on the backend runs beside it (cold start is measured).
        java.util.concurrent.CompletableFuture<java.security.KeyPair> faceKey =
                java.util.concurrent.CompletableFuture.supplyAsync(DemoEnvironment::rsa2048);
        java.util.concurrent.CompletableFuture<byte[]> chipPhoto =
                java.util.concurrent.CompletableFuture.supplyAsync(DemoFrames::chipPhotoJp2);
        java.util.concurrent.CompletableFuture<org.uketsuke.face.camera.CameraSource> camera =
                chipPhoto.thenApply(photo -> DemoFrames.camera());
        this.backend = MockBackend.start(new MockBackendConfig(dataDir.resolve("mock-backend"), 0, 42L, 50));
        // An unregistered card shows the kiosk's 保険証利用登録 offer (demo --card unregistered).
        this.issuedCard = registered ? backend.issueCard(personIndex) : backend.issueUnregisteredCard(personIndex);
        this.collationNumberB = CollationNumberB.of(issuedCard.expected().birthdate(), CARD_EXPIRY.getYear(),
                DEMO_SECURITY_CODE, false).value();
        MyNumberCardSimulator card = new MyNumberCardSimulator(
                new CardPersonalisation(issuedCard.authCertDer(), issuedCard.authCaCertDer(), issuedCard.authKey(),
                        issuedCard.pin()),
                cardFace(issuedCard, collationNumberB, chipPhoto.join(), faceKey.join()));
        switch (mode) {
            case VIRTUAL -> {
                VirtualCardSlot virtual = new VirtualCardSlot(card);
                this.slot = virtual;
                this.demoCard = virtual;
            }
            case VPCD -> {
                if (PcscService.ensureRunning(Duration.ofSeconds(10)) instanceof PcscService.Status.Unavailable u) {
                    backend.close();
                    throw new IllegalStateException("the card service is not available: " + u.reason());
                }
                this.slot = new PcscCardSlot(new PcscReaders(), VpcdDemoCard.READER).start();
                this.demoCard = new VpcdDemoCard(card);
            }
            default -> throw new IllegalArgumentException(mode.name());
        }
        // Every sink at once: the SQLite store, the official face folder, a daily CSV for レセコン that import CSV, and
        // a shared PostgreSQL store when one is given (a hospital's terminals).
        BridgeConfig sinks = new BridgeConfig(
                dataDir.resolve("outbox.db"),
                dataDir.resolve("rececon.db"),
                dataDir.resolve("face"),
                DEMO_INSTITUTION_CODE,
                StandardCharsets.UTF_8).withCsvExport(new CsvExport(dataDir.resolve("csv"), StandardCharsets.UTF_8));
        this.bridge = RececonBridge.open(postgres == null ? sinks : sinks.withPostgres(postgres));
        this.delivery = new DeliveryWorker(bridge, Duration.ofSeconds(1), Duration.ofMinutes(1)).start();
        HttpsEligibilityClient client = new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(),
                Duration.ofSeconds(10), DEMO_INSTITUTION_CODE, Clock.systemUTC());
        AuditLog auditLog = openAudit(dataDir.resolve("audit.jsonl"));
        ConfirmationAudit staffAudit = ConfirmationAudit.to(auditLog, DEMO_TERMINAL_ID);
        this.steps = new ReceptionSteps(slot, client, bridge, Clock.systemDefaultZone())
                .withFacePath(new FaceCheck(camera.join(), FaceVerifier.defaults()),
                        data -> TerminalSigner.sign(backend.terminalTls(), data))
                .withAudit(this.audit = auditLog, DEMO_TERMINAL_ID);
        // The staff's 診療・薬剤情報 viewer: the same client and the same audit log (one hash chain).
        this.medicalViewing = new org.uketsuke.app.reception.MedicalViewing(client, audit, DEMO_TERMINAL_ID,
                Clock.systemUTC());
        // A lookup by insurance number made while the system is unreachable waits durably and is asked again.
        this.pendingSearches = org.uketsuke.bridge.pending.PendingSearches.open(dataDir.resolve("pending.db"));
        this.lookup = new StaffLookup(client, bridge, Clock.systemDefaultZone(), pendingSearches)
                .withAudit(staffAudit, staffOnDuty::currentId);
        this.pendingLookups = new org.uketsuke.app.reception.PendingLookups(pendingSearches, client, bridge,
                Clock.systemDefaultZone()).withAudit(staffAudit).start(Duration.ofSeconds(5));
        this.preCheck = new BatchPreCheck(client, bridge, Clock.systemUTC()).withAudit(staffAudit);
        // The 連携アプリ's req/res folders beside the face folder: a レセコン can ask by insurance number too.
        this.requestFolders = new RequestFolderExchange(dataDir.resolve("req"), dataDir.resolve("res"), client,
                DEMO_INSTITUTION_CODE, Clock.systemUTC()).poll(Duration.ofSeconds(1));
        this.medicalFolders = new org.uketsuke.bridge.exchange.MedicalFolderExchange(dataDir.resolve("req"),
                dataDir.resolve("res"), client, DEMO_INSTITUTION_CODE, Clock.systemUTC()).poll(Duration.ofSeconds(1));
        this.controller = new VisitController(steps, VisitController.defaultTimeouts());
        slot.onCardEvents(controller::fire);
        log.info("demo environment in {} — backend {}", dataDir, backend.baseUri());
    }

    /** The confirmations' audit log; a broken one is reported and left untouched (the outbox still gets everything). */
    private static AuditLog openAudit(Path file) {
        try {
            return AuditLog.open(file);
        } catch (AuditLogException e) {
            log.error("audit log disabled: {}", e.getMessage());
            return null;
        }
    }

    /** Starts the demo on the data directory; the first start generates the test CA, people and card. */
    public static DemoEnvironment start(Path dataDir) {
        return start(dataDir, ReaderMode.VIRTUAL);
    }

    public static DemoEnvironment start(Path dataDir, ReaderMode mode) {
        return start(dataDir, mode, null);
    }

    /** @param postgres a shared PostgreSQL レセコン store to feed besides the local sinks, or null */
    public static DemoEnvironment start(Path dataDir, ReaderMode mode, PostgresTarget postgres) {
        return start(dataDir, mode, postgres, true);
    }

    /**
     * @param registeredCard false: the demo card is not yet registered for insurance use, so the kiosk offers
     *     保険証利用登録 (a person of its own, so the shared population's demo patient stays registered)
     */
    public static DemoEnvironment start(Path dataDir, ReaderMode mode, PostgresTarget postgres, boolean registeredCard) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        return new DemoEnvironment(dataDir, registeredCard ? 0 : 17, mode, postgres, registeredCard);
    }

    public Path dataDir() {
        return dataDir;
    }

    public CardSlot slot() {
        return slot;
    }

    /** The staff screen's handle on the virtual card. */
    public DemoCard demoCard() {
        return demoCard;
    }

    public VisitController controller() {
        return controller;
    }

    public ReceptionSteps steps() {
        return steps;
    }

    public StaffLookup lookup() {
        return lookup;
    }

    public RececonBridge bridge() {
        return bridge;
    }

    /** The background delivery to the レセコン's sinks (staff re-sends wake it). */
    public DeliveryWorker delivery() {
        return delivery;
    }

    /** Lookups by insurance number that wait out an outage. */
    public org.uketsuke.app.reception.PendingLookups pendingLookups() {
        return pendingLookups;
    }

    /** 一括照会 of booked patients through the same client and outbox. */
    public BatchPreCheck preCheck() {
        return preCheck;
    }

    /** The embedded backend (tests inject faults through it). */
    @Override
    public org.uketsuke.app.reception.StaffOnDuty staffOnDuty() {
        return staffOnDuty;
    }

    /** Viewing of confirmed patients' medical information (薬剤・健診・診療・手術), audited. */
    public org.uketsuke.app.reception.MedicalViewing medicalViewing() {
        return medicalViewing;
    }

    public MockBackend backend() {
        return backend;
    }

    /** The card the mock backend issued for the demo patient, with the qualification it will answer. */
    public IssuedCard issuedCard() {
        return issuedCard;
    }

    /** 照合番号B of the demo card, as the camera would read it off the card front (shown on the staff screen). */
    public String demoCollationNumberB() {
        return collationNumberB;
    }

    /** The card-face AP of the demo card: the demo portrait as its chip photo, a fresh application key. */
    private static CardFacePersonalisation cardFace(IssuedCard issued, String collationNumberB, byte[] chipPhoto,
            java.security.KeyPair applicationKey) {
        java.time.format.DateTimeFormatter yyyymmdd = java.time.format.DateTimeFormatter.BASIC_ISO_DATE;
        return new CardFacePersonalisation(collationNumberB, yyyymmdd.format(issued.expected().birthdate()),
                issued.expected().sex().code(), chipPhoto, yyyymmdd.format(CARD_EXPIRY), applicationKey, new byte[256]);
    }

    private static java.security.KeyPair rsa2048() {
        try {
            java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            return rsa.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The demo PIN of the virtual card (printed on the staff screen; a real card's PIN is never shown). */
    public String demoPin() {
        return issuedCard.pin();
    }

    private final java.util.List<Runnable> onClose = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Runs {@code action} first when the environment closes (screens stop their refresh timers). */
    public void onClose(Runnable action) {
        onClose.add(action);
    }

    @Override
    public void close() {
        onClose.forEach(action -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.debug("on-close action", e);
            }
        });
        controller.close();
        try {
            requestFolders.close();
            medicalFolders.close();
        } catch (Exception e) {
            log.debug("stopping the req folder", e);
        }
        if (demoCard instanceof AutoCloseable closeable && demoCard != slot) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.debug("closing the demo card", e);
            }
        }
        slot.close();
        pendingLookups.close();
        pendingSearches.close();
        delivery.close();
        bridge.close();
        backend.close();
    }
}
