package org.uketsuke.training;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.stage.Stage;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.VisitTimeouts;
import org.uketsuke.app.reception.CardSlot;
import org.uketsuke.app.reception.PcscCardSlot;
import org.uketsuke.app.reception.VirtualCardSlot;
import org.uketsuke.app.staff.StaffPolicy;
import org.uketsuke.app.terminal.Closer;
import org.uketsuke.app.terminal.FaceFolderAlerts;
import org.uketsuke.app.terminal.Terminal;
import org.uketsuke.app.terminal.TerminalPorts;
import org.uketsuke.app.terminal.TerminalSettings;
import org.uketsuke.app.ui.KioskWindows;
import org.uketsuke.app.ui.Messages;
import org.uketsuke.app.ui.StaffView;
import org.uketsuke.app.ui.StartTrace;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.csv.CsvExport;
import org.uketsuke.bridge.store.PostgresTarget;
import org.uketsuke.cardfront.sim.CardFrontPerson;
import org.uketsuke.cardfront.sim.CardFrontRenderer;
import org.uketsuke.cardfront.sim.HeldCardFrames;
import org.uketsuke.eligibility.CollationNumberB;
import org.uketsuke.eligibility.Sex;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.client.TerminalSigner;
import org.uketsuke.face.OpenCv;
import org.uketsuke.face.camera.CameraSource;
import org.uketsuke.face.camera.DemoFrames;
import org.uketsuke.folders.face.FaceFolderImporter;
import org.uketsuke.mockbackend.IssuedCard;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.pcsc.PcscReaders;
import org.uketsuke.reader.pcsc.PcscService;
import org.uketsuke.reader.sim.CardFacePersonalisation;
import org.uketsuke.reader.sim.CardPersonalisation;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VirtualCardTransport;
import org.uketsuke.reader.sim.VpcdConnector;

/**
 * The demo profile: the one {@link Terminal} on simulator ports, with no hardware and no network — the embedded mock
 * backend on localhost (mTLS), a virtual My Number card issued by its test CA (in-process or behind vpcd), recorded
 * camera frames, and the SQLite レセコン store plus the {@code face} folder under the data directory.
 */
public final class DemoProfile implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoProfile.class);

    /** A fictitious 10-digit 医療機関コード for the demo clinic. */
    public static final String DEMO_INSTITUTION_CODE = "1311234567";

    /** The demo kiosk's terminal id in the audit log. */
    public static final String DEMO_TERMINAL_ID = "demo-kiosk-1";

    /** The demo card's expiry and the security code printed on its front (照合番号B is made from them). */
    static final LocalDate CARD_EXPIRY = LocalDate.of(2035, 2, 17);

    static final String DEMO_SECURITY_CODE = "2285";

    private final MockBackend backend;
    private final IssuedCard issuedCard;
    private final String collationNumberB;
    private final boolean mismatchPersona;
    private final ReaderMode mode;
    private final OutsideCard outside;
    private final DemoCard demoCard;
    private final Terminal terminal;
    private final FoldersDemo folders;
    /** Where the kiosk's card-front frames come from; tests swap in other recordings. */
    private volatile Supplier<CameraSource> cardFrontCamera;

    private BufferedImage renderedFront;

    private DemoProfile(
            Path dataDir,
            int personIndex,
            ReaderMode mode,
            int vpcdPort,
            PostgresTarget postgres,
            boolean registered,
            boolean mismatchPersona) {
        this(dataDir, personIndex, mode, vpcdPort, postgres, registered, mismatchPersona, OutsideCard.NONE, false);
    }

    /**
     * A card the demo did not make, on a PC/SC reader.
     *
     * @param readerName the reader as {@code uketsuke reader list} shows it, or empty for the first one
     * @param pin its auth PIN for headless PIN visits, or empty
     * @param collationNumberB its 照合番号B for headless face visits, or empty
     */
    public record OutsideCard(String readerName, String pin, String collationNumberB) {
        static final OutsideCard NONE = new OutsideCard("", "", "");

        @Override
        public String toString() {
            return "OutsideCard[" + readerName + "]";
        }
    }

    /** @param outside with {@link ReaderMode#PCSC}: the card on the reader */
    private DemoProfile(
            Path dataDir,
            int personIndex,
            ReaderMode mode,
            int vpcdPort,
            PostgresTarget postgres,
            boolean registered,
            boolean mismatchPersona,
            OutsideCard outside,
            boolean overFolders) {
        this.mismatchPersona = mismatchPersona;
        this.mode = mode;
        this.outside = outside;
        // Start-up work that does not depend on the backend runs beside it (cold start is measured); the card's photo
        // and key are made once and kept in the data directory.
        CompletableFuture<KeyPair> faceKey = CompletableFuture.supplyAsync(() -> DemoCardFace.applicationKey(dataDir));
        CompletableFuture<byte[]> chipPhoto =
                CompletableFuture.supplyAsync(() -> DemoCardFace.chipPhoto(dataDir, mismatchPersona));
        Closer closer = new Closer();
        try {
            // The port is bound and the cards and TLS material are ready; the HTTPS server (Jetty, the TLS context)
            // starts beside the terminal's assembly and the windows. A card placed meanwhile waits for its answer in
            // the listen backlog, with the kiosk on its reading screen (ServeLaterTest).
            this.backend = closer.open(
                    MockBackend.startServingLater(new MockBackendConfig(dataDir.resolve("mock-backend"), 0, 42L, 50)));
            MockBackend serving = backend;
            Thread.ofPlatform().name("demo-backend").daemon().start(() -> {
                try {
                    serving.serve();
                    StartTrace.mark("demo backend serving");
                } catch (RuntimeException e) {
                    // Its port is let go: the kiosk then shows the backend's outage to the patient and the staff.
                    log.error("the demo's mock backend did not start", e);
                }
            });
            StartTrace.mark("demo backend bound");
            // An unregistered card shows the kiosk's 保険証利用登録 offer (demo --card unregistered).
            this.issuedCard = registered ? backend.issueCard(personIndex) : backend.issueUnregisteredCard(personIndex);
            this.collationNumberB = CollationNumberB.of(
                            issuedCard.expected().birthdate(), CARD_EXPIRY.getYear(), DEMO_SECURITY_CODE, false)
                    .value();
            MyNumberCardSimulator card = new MyNumberCardSimulator(
                    new CardPersonalisation(
                            issuedCard.authCertDer(),
                            issuedCard.authCaCertDer(),
                            issuedCard.authKey(),
                            issuedCard.pin()),
                    cardFace(
                            dataDir,
                            mismatchPersona,
                            backend,
                            issuedCard,
                            collationNumberB,
                            chipPhoto.join(),
                            faceKey.join()));
            CardSlot slot = switch (mode) {
                case VIRTUAL -> {
                    VirtualCardSlot virtual = new VirtualCardSlot(inProcess(card));
                    this.demoCard = new DemoCard() {
                        @Override
                        public void insert() {
                            virtual.insert();
                        }

                        @Override
                        public void remove() {
                            virtual.remove();
                        }
                    };
                    yield virtual;
                }
                case VPCD -> {
                    if (PcscService.ensureRunning(Duration.ofSeconds(10)) instanceof PcscService.Status.Unavailable u) {
                        throw new IllegalStateException("the card service is not available: " + u.reason());
                    }
                    this.demoCard = closer.open(new VpcdDemoCard(card, vpcdPort));
                    yield new PcscCardSlot(new PcscReaders(), VpcdDemoCard.READER);
                }
                case PCSC -> {
                    // The patient places and takes the card: nothing for the demo to do.
                    this.demoCard = new DemoCard() {
                        @Override
                        public void insert() {}

                        @Override
                        public void remove() {}
                    };
                    yield new PcscCardSlot(new PcscReaders(), outsideReader(outside.readerName()));
                }
            };
            HttpsEligibilityClient client = new HttpsEligibilityClient(
                    backend.baseUri(),
                    backend.terminalTls(),
                    Duration.ofSeconds(10),
                    DEMO_INSTITUTION_CODE,
                    Clock.systemUTC());
            // demo --backend folders: the staff side asks through a simulated 連携アプリ's folders (decision 0012).
            this.folders = overFolders ? closer.open(new FoldersDemo(dataDir, backend, client, client)) : null;
            TerminalPorts ports = new TerminalPorts(
                    slot,
                    folders == null ? client : folders.terminalClient(client),
                    folders == null ? client : folders.folders(),
                    // The recorded frames (OpenCV's load, the head turns) are made at the first face check.
                    Optional.of(new FirstUseCamera(DemoFrames::camera)),
                    // An outside card's front is not the rendered demo card's: its 照合番号B comes from the environment.
                    mode == ReaderMode.PCSC ? Optional.empty() : Optional.of(() -> cardFrontCamera()),
                    Optional.of(data -> TerminalSigner.sign(backend.terminalTls(), data)),
                    Optional.of(backend.cardFaceIssuerCertificate().getPublicKey()),
                    Clock.systemDefaultZone(),
                    dataDir,
                    Optional.of(client.auditAnchors()));
            DemoStaff.ensure(dataDir);
            StartTrace.mark("demo card and ports ready");
            this.terminal = Terminal.start(settings(dataDir, postgres), ports, closer);
            StartTrace.mark("terminal started");
            if (folders != null) {
                folders.importInto(
                        terminal.bridge(),
                        record -> {
                            terminal.addOutsideRecord(record);
                            terminal.wakeDelivery();
                        },
                        new FaceFolderAlerts(
                                folders.face(),
                                folders.setAside(),
                                ZoneId.systemDefault(),
                                terminal::addStaffNotice,
                                Optional.of(terminal.audit())));
            }
        } catch (RuntimeException e) {
            closer.close();
            throw e;
        }
        log.info("demo profile in {} — backend {}", dataDir, backend.baseUri());
    }

    /**
     * Every sink at once: the SQLite store, the official face folder, a daily CSV for レセコン that import CSV, and a
     * shared PostgreSQL store when one is given (a hospital's terminals); the req/res folders in the data directory.
     */
    private static TerminalSettings settings(Path dataDir, PostgresTarget postgres) {
        BridgeConfig sinks = new BridgeConfig(
                        dataDir.resolve("outbox.db"),
                        dataDir.resolve("rececon.db"),
                        dataDir.resolve("face"),
                        DEMO_INSTITUTION_CODE,
                        StandardCharsets.UTF_8)
                .withCsvExport(new CsvExport(dataDir.resolve("csv"), StandardCharsets.UTF_8));
        return new TerminalSettings(
                DEMO_TERMINAL_ID,
                DEMO_INSTITUTION_CODE,
                postgres == null ? sinks : sinks.withPostgres(postgres),
                Optional.of(dataDir),
                VisitTimeouts.AS_IN_TABLE,
                StaffPolicy.DEFAULT);
    }

    /** The simulator in the slot, talked to through the driver's own guarded transport. */
    private static VirtualCardSlot.Card inProcess(MyNumberCardSimulator card) {
        return new VirtualCardSlot.Card() {
            @Override
            public void reset() {
                card.reset();
            }

            @Override
            public ApduTransport open() {
                return VirtualCardTransport.open(card);
            }
        };
    }

    /** Starts the demo on the data directory; the first start generates the test CA, people and card. */
    public static DemoProfile start(Path dataDir) {
        return start(dataDir, ReaderMode.VIRTUAL);
    }

    public static DemoProfile start(Path dataDir, ReaderMode mode) {
        return start(dataDir, mode, null);
    }

    /** @param postgres a shared PostgreSQL レセコン store to feed besides the local sinks, or null */
    public static DemoProfile start(Path dataDir, ReaderMode mode, PostgresTarget postgres) {
        return start(dataDir, mode, postgres, true);
    }

    /**
     * @param registeredCard false: the demo card is not yet registered for insurance use, so the kiosk offers
     *     保険証利用登録 (a person of its own, so the shared population's demo patient stays registered)
     */
    public static DemoProfile start(Path dataDir, ReaderMode mode, PostgresTarget postgres, boolean registeredCard) {
        createDirectories(dataDir);
        return new DemoProfile(
                dataDir, registeredCard ? 0 : 17, mode, VpcdConnector.DEFAULT_PORT, postgres, registeredCard, false);
    }

    /**
     * The demo with the virtual card of another person of the population ({@code uketsuke demo --person N}): e.g. the
     * PMH 医療費助成 recipients (5 in a connected municipality, 16 in one that is not) and the 医療扶助 recipients (11
     * with a 医療券, 30 without): docs/spec-notes/pmh.md#the-mock-backend.
     */
    public static DemoProfile startForPerson(Path dataDir, ReaderMode mode, PostgresTarget postgres, int person) {
        createDirectories(dataDir);
        return new DemoProfile(dataDir, person, mode, VpcdConnector.DEFAULT_PORT, postgres, true, false);
    }

    /** The demo through the real PC/SC stack, with the virtual card on a vpcd listening on {@code vpcdPort}. */
    public static DemoProfile startOnVpcd(Path dataDir, int vpcdPort) {
        createDirectories(dataDir);
        return new DemoProfile(dataDir, 0, ReaderMode.VPCD, vpcdPort, null, true, false);
    }

    /**
     * The demo against whatever card sits on a PC/SC reader (issue #25): the same embedded backend and terminal, no card
     * of the demo's own; a card the mock backend did not issue is refused with its typed reason.
     */
    public static DemoProfile startOnReader(Path dataDir, OutsideCard card, PostgresTarget postgres) {
        createDirectories(dataDir);
        return new DemoProfile(
                dataDir, 0, ReaderMode.PCSC, VpcdConnector.DEFAULT_PORT, postgres, true, false, card, false);
    }

    /**
     * {@code demo --backend folders}: the staff side over a simulated 連携アプリ's folders, the kiosk's card calls on the
     * mock, the certified reader's results imported from {@code face} ({@link FoldersDemo}).
     */
    public static DemoProfile startOverFolders(Path dataDir, ReaderMode mode, PostgresTarget postgres) {
        createDirectories(dataDir);
        return new DemoProfile(
                dataDir, 0, mode, VpcdConnector.DEFAULT_PORT, postgres, true, false, OutsideCard.NONE, true);
    }

    /** With {@code demo --backend folders}: the face-folder importer, else empty. */
    public Optional<FaceFolderImporter> faceImporter() {
        return Optional.ofNullable(folders).map(FoldersDemo::importer);
    }

    /** The reader an outside card sits on: the one named, or the first one pcscd lists. */
    private static String outsideReader(String readerName) {
        return switch (PcscService.ensureRunning(Duration.ofSeconds(10))) {
            case PcscService.Status.Unavailable u ->
                throw new IllegalStateException("the card service is not available: " + u.reason());
            case PcscService.Status.Running running -> {
                if (!readerName.isEmpty()) {
                    yield readerName;
                }
                if (running.readers().isEmpty()) {
                    throw new IllegalStateException("no PC/SC reader is connected");
                }
                yield running.readers().getFirst();
            }
        };
    }

    /**
     * The mismatch persona (issue #10): a virtual card whose chip photo (and printed front) shows someone else than the
     * recorded camera face — 照合番号B and the card are fine, the face check fails and the kiosk offers PIN or 目視.
     */
    public static DemoProfile startMismatchPersona(Path dataDir) {
        createDirectories(dataDir);
        return new DemoProfile(dataDir, 0, ReaderMode.VIRTUAL, VpcdConnector.DEFAULT_PORT, null, true, true);
    }

    private static void createDirectories(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
    }

    /** The terminal the demo runs: the same assembly as a counter's. */
    public Terminal terminal() {
        return terminal;
    }

    /**
     * Opens the kiosk and staff windows on the demo terminal, with the virtual card's buttons and PIN on the staff
     * console and the demo card's 照合番号B for the face check where Tesseract is missing.
     */
    public KioskWindows openWindows(Stage kioskStage, Stage staffStage, Messages messages) {
        return KioskWindows.open(terminal, kioskStage, staffStage, messages, controls(), this::demoCollationNumberB);
    }

    /** The virtual card's buttons and PIN on the staff console. */
    public StaffView.DemoControls controls() {
        return new StaffView.DemoControls() {
            @Override
            public void placeCard() {
                demoCard.insert();
            }

            @Override
            public void removeCard() {
                demoCard.remove();
            }

            @Override
            public String demoPin() {
                return DemoProfile.this.demoPin();
            }
        };
    }

    /** The staff screen's handle on the virtual card. */
    public DemoCard demoCard() {
        return demoCard;
    }

    /** The embedded backend (tests inject faults through it). */
    public MockBackend backend() {
        return backend;
    }

    /** The card the mock backend issued for the demo patient, with the qualification it will answer. */
    public IssuedCard issuedCard() {
        return issuedCard;
    }

    /** 照合番号B of the demo card, as the camera would read it off the card front (shown on the staff screen). */
    public String demoCollationNumberB() {
        if (mode == ReaderMode.PCSC) {
            return outside.collationNumberB();
        }
        return collationNumberB;
    }

    /** The demo PIN of the virtual card (printed on the staff screen; a real card's PIN is never shown). */
    public String demoPin() {
        if (mode == ReaderMode.PCSC) {
            return outside.pin();
        }
        return issuedCard.pin();
    }

    /** The demo card's front as printed: the demo patient, the chip photo's face, 照合番号B's expiry and code. */
    public CardFrontPerson cardFrontPerson() {
        var expected = issuedCard.expected();
        return new CardFrontPerson(
                expected.name(),
                "東京都千代田区霞が関一丁目2番2号",
                expected.birthdate(),
                false,
                expected.sex() == Sex.FEMALE ? "女" : "男",
                CARD_EXPIRY,
                DEMO_SECURITY_CODE,
                chipPortrait(mismatchPersona));
    }

    /** Where the kiosk's card-front camera frames come from (tests swap in other recordings). */
    public void useCardFrontCamera(Supplier<CameraSource> camera) {
        this.cardFrontCamera = camera;
    }

    /** The demo card's front held to the camera, unless a test chose other frames; rendered once, on first use. */
    private CameraSource cardFrontCamera() {
        Supplier<CameraSource> chosen = cardFrontCamera;
        if (chosen != null) {
            return chosen.get();
        }
        return HeldCardFrames.camera(renderedFront(), 1, 3, false);
    }

    private synchronized BufferedImage renderedFront() {
        if (renderedFront == null) {
            renderedFront = CardFrontRenderer.render(cardFrontPerson());
        }
        return renderedFront;
    }

    private static BufferedImage chipPortrait(boolean mismatchPersona) {
        OpenCv.load();
        Mat grey = Imgcodecs.imdecode(
                new MatOfByte(mismatchPersona ? DemoFrames.otherPersonChipPhotoJp2() : DemoFrames.chipPhotoJp2()),
                Imgcodecs.IMREAD_GRAYSCALE);
        BufferedImage image = new BufferedImage(grey.cols(), grey.rows(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        grey.get(0, 0, pixels);
        grey.release();
        return image;
    }

    /**
     * The card-face AP of the demo card: the demo portrait as its chip photo, a fresh application key, the card face
     * signed by the backend's test card-face issuer.
     */
    private static CardFacePersonalisation cardFace(
            Path dataDir,
            boolean mismatchPersona,
            MockBackend backend,
            IssuedCard issued,
            String collationNumberB,
            byte[] chipPhoto,
            KeyPair applicationKey) {
        DateTimeFormatter yyyymmdd = DateTimeFormatter.BASIC_ISO_DATE;
        String birthDate = yyyymmdd.format(issued.expected().birthdate());
        String sex = issued.expected().sex().code();
        String expiry = yyyymmdd.format(CARD_EXPIRY);
        byte[] publicKey = applicationKey.getPublic().getEncoded();
        byte[] issuer;
        try {
            issuer = backend.cardFaceIssuerCertificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        byte[] signature = DemoCardFace.faceSignature(
                dataDir,
                mismatchPersona,
                issuer,
                List.of(
                        birthDate.getBytes(StandardCharsets.UTF_8),
                        sex.getBytes(StandardCharsets.UTF_8),
                        publicKey,
                        chipPhoto,
                        expiry.getBytes(StandardCharsets.UTF_8)),
                () -> backend.signCardFace(birthDate, sex, publicKey, chipPhoto, expiry));
        return new CardFacePersonalisation(
                collationNumberB, birthDate, sex, chipPhoto, expiry, applicationKey, signature);
    }

    /** Stops the terminal, the virtual card and the embedded backend, in reverse order of starting. */
    @Override
    public void close() {
        terminal.close();
    }
}
