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
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.client.TerminalSigner;
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
    private final org.uketsuke.app.reception.FacePreviewFeed facePreview = new org.uketsuke.app.reception.FacePreviewFeed();
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
        this(dataDir, personIndex, mode, postgres, registered, false);
    }

    /**
     * The mismatch persona (issue #10): a virtual card whose chip photo (and printed front) shows someone else than the
     * recorded camera face — 照合番号B and the card are fine, the face check fails and the kiosk offers PIN or 目視.
     */
    public static DemoEnvironment startMismatchPersona(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        return new DemoEnvironment(dataDir, 0, ReaderMode.VIRTUAL, null, true, true);
    }

    private DemoEnvironment(Path dataDir, int personIndex, ReaderMode mode, PostgresTarget postgres, boolean registered,
            boolean mismatchPersona) {
        this.dataDir = dataDir;
        this.mismatchPersona = mismatchPersona;
        // Start-up work that does not depend on the backend runs beside it (cold start is measured).
        java.util.concurrent.CompletableFuture<java.security.KeyPair> faceKey =
                java.util.concurrent.CompletableFuture.supplyAsync(DemoEnvironment::rsa2048);
        java.util.concurrent.CompletableFuture<byte[]> chipPhoto =
                java.util.concurrent.CompletableFuture.supplyAsync(
                        mismatchPersona ? DemoFrames::otherPersonChipPhotoJp2 : DemoFrames::chipPhotoJp2);
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
                .withFacePath(new FaceCheck(camera.join(), FaceVerifier.defaults()).withPreview(facePreview),
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
    public org.uketsuke.app.reception.FacePreviewFeed facePreview() {
        return facePreview;
    }

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

    // --- the face path at the counter (issue #10): the demo card's printed front, held to a recorded camera ---
    private volatile java.util.function.Supplier<org.uketsuke.face.camera.CameraSource> cardFrontCamera;
    private final boolean mismatchPersona;
    private org.uketsuke.app.reception.CardFrontCapture cardFrontCapture;
    private boolean cardFrontReaderLooked;

    /** The demo card's front as printed: the demo patient, the chip photo's face, 照合番号B's expiry and code. */
    public org.uketsuke.cardfront.sim.CardFrontPerson cardFrontPerson() {
        var expected = issuedCard.expected();
        return new org.uketsuke.cardfront.sim.CardFrontPerson(expected.name(), "東京都千代田区霞が関一丁目2番2号",
                expected.birthdate(), false, expected.sex() == org.uketsuke.eligibility.Sex.FEMALE ? "女" : "男",
                CARD_EXPIRY, DEMO_SECURITY_CODE, chipPortrait(mismatchPersona));
    }

    private static java.awt.image.BufferedImage chipPortrait(boolean mismatchPersona) {
        org.uketsuke.face.OpenCv.load();
        org.opencv.core.Mat grey = org.opencv.imgcodecs.Imgcodecs.imdecode(
                new org.opencv.core.MatOfByte(mismatchPersona ? DemoFrames.otherPersonChipPhotoJp2() : DemoFrames.chipPhotoJp2()),
                org.opencv.imgcodecs.Imgcodecs.IMREAD_GRAYSCALE);
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(grey.cols(), grey.rows(),
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
        grey.get(0, 0, pixels);
        grey.release();
        return image;
    }

    /** Where the kiosk's card-front camera frames come from (tests swap in other recordings). */
    public void useCardFrontCamera(java.util.function.Supplier<org.uketsuke.face.camera.CameraSource> camera) {
        this.cardFrontCamera = camera;
    }

    /**
     * The card-front capture on the machine's Tesseract, fed by the demo card's front held to the camera; null when the
     * Tesseract data (tesseract-ocr-jpn/-eng) are not installed — the kiosk then takes the demo card's digits.
     */
    public synchronized org.uketsuke.app.reception.CardFrontCapture cardFrontCapture() {
        if (!cardFrontReaderLooked) {
            cardFrontReaderLooked = true;
            java.awt.image.BufferedImage front = org.uketsuke.cardfront.sim.CardFrontRenderer.render(cardFrontPerson());
            if (cardFrontCamera == null) {
                cardFrontCamera = () -> org.uketsuke.cardfront.sim.HeldCardFrames.camera(front, 1, 3, false);
            }
            cardFrontCapture = org.uketsuke.cardfront.CardFrontReader.onSystemTesseract()
                    .map(reader -> new org.uketsuke.app.reception.CardFrontCapture(() -> cardFrontCamera.get(), reader,
                            Duration.ofSeconds(20)))
                    .orElse(null);
        }
        return cardFrontCapture;
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
