package org.uketsuke.app.production;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.app.reception.BatchPreCheck;
import org.uketsuke.app.reception.CardSlot;
import org.uketsuke.app.reception.FaceCheck;
import org.uketsuke.app.reception.PcscCardSlot;
import org.uketsuke.app.reception.PendingLookups;
import org.uketsuke.app.reception.ReceptionSteps;
import org.uketsuke.app.reception.StaffLookup;
import org.uketsuke.app.reception.TerminalEnvironment;
import org.uketsuke.app.reception.VisitController;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.DeliveryWorker;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.audit.AuditLog;
import org.uketsuke.bridge.audit.AuditLogException;
import org.uketsuke.bridge.csv.CsvExport;
import org.uketsuke.bridge.exchange.RequestFolderExchange;
import org.uketsuke.bridge.pending.PendingSearches;
import org.uketsuke.bridge.store.PostgresTarget;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.client.TerminalSigner;
import org.uketsuke.eligibility.client.TlsMaterial;
import org.uketsuke.face.camera.CameraSource;
import org.uketsuke.face.camera.OpenCvCameraSource;
import org.uketsuke.face.pipeline.FaceVerifier;
import org.uketsuke.reader.pcsc.PcscReaders;
import org.uketsuke.reader.pcsc.PcscService;

/**
 * A production terminal, built from its {@link UketsukeConfig}: the PC/SC reader at the counter, the configured
 * camera, the real qualification system over mTLS with the terminal's certificate, and the configured sinks. No
 * part of the demo (mock backend, virtual card) is in here.
 */
public final class ProductionEnvironment implements TerminalEnvironment {

    private static final Logger log = LoggerFactory.getLogger(ProductionEnvironment.class);

    private final UketsukeConfig config;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    private final CardSlot slot;
    private final RececonBridge bridge;
    private final DeliveryWorker delivery;
    private final ReceptionSteps steps;
    private final StaffLookup lookup;
    private final PendingLookups pendingLookups;
    private final BatchPreCheck preCheck;
    private final VisitController controller;
    private final String readerName;
    private final org.uketsuke.app.reception.MedicalViewing medicalViewing;
    private final org.uketsuke.app.reception.FacePreviewFeed facePreview = new org.uketsuke.app.reception.FacePreviewFeed();
    private final org.uketsuke.app.reception.StaffOnDuty staffOnDuty;
    private org.uketsuke.app.reception.CardFrontCapture cardFrontCapture;

    /**
     * @param environment the process environment ({@code System::getenv}): the PKCS#12 and PostgreSQL passwords are
     *     read from it, never from the file
     */
    private ProductionEnvironment(UketsukeConfig config, UnaryOperator<String> environment, List<AutoCloseable> opened) {
        this.config = config;
        UketsukeConfig.Sinks sinks = config.sinks();
        TlsMaterial tls = tls(config.backend().credentials(), environment);
        // Face and visual checks are confirmed with the terminal's own signature: its key must be able to give one.
        boolean attests = config.kiosk().identityChecks().contains(UketsukeConfig.IdentityCheck.FACE)
                || config.kiosk().identityChecks().contains(UketsukeConfig.IdentityCheck.VISUAL);
        UnaryOperator<byte[]> signer = attests ? terminalSigner(tls, config.backend().credentials()) : null;
        createDirectories("data_dir", sinks.dataDir());

        // The configured staff.<id>=<name> accounts pick themselves on the console; none configured: one receptionist.
        this.staffOnDuty = config.staff().isEmpty() ? org.uketsuke.app.reception.StaffOnDuty.single()
                : new org.uketsuke.app.reception.StaffOnDuty(config.staff().stream()
                        .map(a -> new org.uketsuke.app.reception.StaffOnDuty.Account(a.id(), a.name())).toList());
        this.readerName = reader(config.reader());
        PcscCardSlot pcsc = new PcscCardSlot(new PcscReaders(), readerName);
        this.slot = pcsc;
        opened.add(slot);

        BridgeConfig bridgeConfig = new BridgeConfig(sinks.outbox(), sinks.sqlite(), sinks.faceFolder(),
                config.institutionCode(), sinks.faceCharset());
        if (sinks.csv() != null) {
            bridgeConfig = bridgeConfig.withCsvExport(new CsvExport(sinks.csv(), sinks.faceCharset()));
        }
        if (sinks.postgresUrl() != null) {
            bridgeConfig = bridgeConfig.withPostgres(new PostgresTarget(sinks.postgresUrl(), sinks.postgresUser(),
                    environment.apply("UKETSUKE_POSTGRES_PASSWORD")));
        }
        try {
            this.bridge = RececonBridge.open(bridgeConfig);
        } catch (RuntimeException e) {
            throw new TerminalStartException("sink.sqlite", "the レセコン sinks cannot be opened: " + e.getMessage(), e);
        }
        opened.add(bridge);
        this.delivery = new DeliveryWorker(bridge, Duration.ofSeconds(1), Duration.ofMinutes(1)).start();
        opened.add(delivery);

        HttpsEligibilityClient client = new HttpsEligibilityClient(config.backend().url(), tls,
                config.backend().timeout(), config.institutionCode(), Clock.systemUTC());
        ReceptionSteps receptionSteps = new ReceptionSteps(slot, client, bridge, Clock.systemDefaultZone())
                .withTerminalSigner(signer);
        if (config.camera().device().isPresent()
                && config.kiosk().identityChecks().contains(UketsukeConfig.IdentityCheck.FACE)) {
            CameraSource camera = new OpenCvCameraSource(config.camera().device().getAsInt(), config.camera().width(),
                    config.camera().height(), config.camera().fps());
            opened.add(camera);
            receptionSteps = receptionSteps.withFacePath(new FaceCheck(camera, FaceVerifier.defaults()).withPreview(facePreview),
                    signer);
            // 照合番号B comes off the card front through the same camera, before the face match and never at the same
            // time; each capture "closes" its view of it, the device itself stays open until the terminal stops.
            this.cardFrontCapture = org.uketsuke.cardfront.CardFrontReader.onSystemTesseract()
                    .map(reader -> new org.uketsuke.app.reception.CardFrontCapture(() -> keptOpen(camera), reader,
                            Duration.ofSeconds(20)))
                    .orElse(null);
            if (cardFrontCapture == null) {
                log.warn("camera.device is set but Tesseract (tesseract-ocr-jpn/-eng) is missing: no face check");
            }
        }
        // One hash chain for the terminal: kiosk confirmations, the staff's confirmations and their medical views.
        org.uketsuke.bridge.audit.AuditLog auditLog = audit(sinks.dataDir().resolve("audit.jsonl"));
        org.uketsuke.app.reception.ConfirmationAudit staffAudit =
                org.uketsuke.app.reception.ConfirmationAudit.to(auditLog, config.terminalId());
        this.steps = receptionSteps.withAudit(auditLog, config.terminalId());
        this.medicalViewing = new org.uketsuke.app.reception.MedicalViewing(client, auditLog, config.terminalId(),
                Clock.systemUTC());

        PendingSearches pendingSearches = PendingSearches.open(sinks.dataDir().resolve("pending.db"));
        opened.add(pendingSearches);
        this.lookup = new StaffLookup(client, bridge, Clock.systemDefaultZone(), pendingSearches)
                .withAudit(staffAudit, staffOnDuty::currentId);
        this.pendingLookups = new PendingLookups(pendingSearches, client, bridge, Clock.systemDefaultZone())
                .withAudit(staffAudit).start(Duration.ofSeconds(5));
        opened.add(pendingLookups);
        this.preCheck = new BatchPreCheck(client, bridge, Clock.systemUTC()).withAudit(staffAudit);
        if (sinks.faceFolder() != null) {
            // The 連携アプリ's req/res folders beside the face folder: a レセコン can ask by insurance number too.
            Path parent = sinks.faceFolder().getParent();
            opened.add(new RequestFolderExchange(parent.resolve("req"), parent.resolve("res"), client,
                    config.institutionCode(), Clock.systemUTC()).poll(Duration.ofSeconds(1)));
            // and for drug and checkup information (YZK…/TKK… requests), answered only where the patient consented.
            opened.add(new org.uketsuke.bridge.exchange.MedicalFolderExchange(parent.resolve("req"),
                    parent.resolve("res"), client, config.institutionCode(), Clock.systemUTC())
                    .poll(Duration.ofSeconds(1)));
        }
        this.controller = new VisitController(steps, timeouts(config.kiosk().idleTimeout()));
        opened.add(controller);
        slot.onCardEvents(controller::fire);
        pcsc.start();
        log.info("terminal {} — reader {}, backend {}", config.terminalId(), readerName, config.backend().url());
    }

    /**
     * Builds the terminal; a file or device the configuration names that cannot be used is a
     * {@link TerminalStartException} naming the key, and whatever was opened before it is closed again.
     */
    public static ProductionEnvironment start(UketsukeConfig config, UnaryOperator<String> environment) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            ProductionEnvironment env = new ProductionEnvironment(config, environment, opened);
            env.opened.addAll(opened);
            return env;
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    @Override
    public java.nio.file.Path dataDir() {
        return config.sinks().dataDir();
    }

    /** The shared camera as one capture sees it: closing the view leaves the device open. */
    private static CameraSource keptOpen(CameraSource camera) {
        return new CameraSource() {
            @Override
            public Capture next() {
                return camera.next();
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public org.uketsuke.app.reception.CardFrontCapture cardFrontCapture() {
        return cardFrontCapture;
    }

    @Override
    public org.uketsuke.app.reception.FacePreviewFeed facePreview() {
        return facePreview;
    }

    @Override
    public org.uketsuke.app.reception.StaffOnDuty staffOnDuty() {
        return staffOnDuty;
    }

    @Override
    public org.uketsuke.app.reception.MedicalViewing medicalViewing() {
        return medicalViewing;
    }

    public UketsukeConfig config() {
        return config;
    }

    /** The PC/SC name of the reader this terminal watches. */
    public String readerName() {
        return readerName;
    }

    /** The patient's waiting screens time out after the configured idle time; the others keep their defaults. */
    static Map<VisitState, Duration> timeouts(Duration idle) {
        Map<VisitState, Duration> timeouts = new EnumMap<>(VisitState.class);
        timeouts.putAll(VisitController.defaultTimeouts());
        for (VisitState waiting : List.of(VisitState.AWAITING_PIN, VisitState.ASKING_CONSENTS,
                VisitState.OFFERING_REGISTRATION)) {
            timeouts.put(waiting, idle);
        }
        return timeouts;
    }

    static TlsMaterial tls(UketsukeConfig.Credentials credentials, UnaryOperator<String> environment) {
        return switch (credentials) {
            case UketsukeConfig.Credentials.Pem pem -> {
                for (var file : List.of(Map.entry("tls.key", pem.key()), Map.entry("tls.certificate", pem.certificate()),
                        Map.entry("tls.trusted_cas", pem.trustedCas()))) {
                    readable(file.getKey(), file.getValue());
                }
                try {
                    yield TlsMaterial.fromPem(pem.key(), pem.certificate(), pem.trustedCas());
                } catch (IllegalArgumentException e) {
                    throw new TerminalStartException(keyNamed(e.getMessage(), pem.trustedCas(), "tls.trusted_cas",
                            pem.certificate(), "tls.certificate", "tls.key"), e.getMessage(), e);
                }
            }
            case UketsukeConfig.Credentials.Pkcs12 p12 -> {
                readable("tls.pkcs12", p12.file());
                readable("tls.trusted_cas", p12.trustedCas());
                String password = environment.apply(p12.passwordVariable());
                if (password == null) {
                    throw new TerminalStartException("tls.pkcs12_password_env",
                            "the environment variable " + p12.passwordVariable() + " (the PKCS#12 password) is not set", null);
                }
                try {
                    yield TlsMaterial.fromPkcs12(p12.file(), password.toCharArray(), p12.trustedCas());
                } catch (IllegalArgumentException e) {
                    throw new TerminalStartException(keyNamed(e.getMessage(), p12.trustedCas(), "tls.trusted_cas",
                            p12.file(), "tls.pkcs12", "tls.pkcs12"), e.getMessage(), e);
                }
            }
        };
    }

    /**
     * The terminal's signer for face and visual-check attestations, tried once at start: a terminal key that cannot
     * sign them (not RSA, no private key) is broken configuration for the administrator, never a card problem shown
     * to a patient halfway through a visit.
     */
    static UnaryOperator<byte[]> terminalSigner(TlsMaterial tls, UketsukeConfig.Credentials credentials) {
        try {
            TerminalSigner.sign(tls, new byte[32]);
        } catch (IllegalStateException e) {
            String key = credentials instanceof UketsukeConfig.Credentials.Pem ? "tls.key" : "tls.pkcs12";
            throw new TerminalStartException(key, "the terminal key cannot sign face and visual-check attestations"
                    + " (an RSA key is needed): " + e.getMessage(), e);
        }
        return data -> TerminalSigner.sign(tls, data);
    }

    /** TlsMaterial's messages start with the file at fault; that file's key is the one to fix. */
    private static String keyNamed(String message, Path first, String firstKey, Path second, String secondKey,
            String otherwise) {
        String text = message == null ? "" : message;
        return text.startsWith(first.toString()) ? firstKey : text.startsWith(second.toString()) ? secondKey : otherwise;
    }

    private static void readable(String key, Path file) {
        if (!Files.isReadable(file)) {
            throw new TerminalStartException(key, file + ": " + (Files.exists(file) ? "cannot be read (permissions)"
                    : "no such file"), null);
        }
    }

    private static void createDirectories(String key, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TerminalStartException(key, dir + ": cannot create the folder (" + e.getMessage() + ")", e);
        }
    }

    /** The configured reader, or the first one the card service lists; the service must answer either way. */
    private static String reader(UketsukeConfig.Reader reader) {
        PcscService.Status status = PcscService.ensureRunning(Duration.ofSeconds(10));
        return switch (status) {
            case PcscService.Status.Unavailable u -> throw new TerminalStartException("",
                    "the card service (pcscd) is not available: " + u.reason(), null);
            case PcscService.Status.Running running -> {
                if (reader.name().isEmpty()) {
                    yield running.readers().getFirst();
                }
                if (!running.readers().contains(reader.name().get())) {
                    // Plugged in later, it is picked up then: the watcher follows the name, not a handle.
                    log.warn("reader {} is not connected now; connected: {}", reader.name().get(), running.readers());
                }
                yield reader.name().get();
            }
        };
    }

    private static AuditLog audit(Path file) {
        try {
            return AuditLog.open(file);
        } catch (AuditLogException e) {
            log.error("audit log disabled: {}", e.getMessage());
            return null;
        }
    }

    @Override
    public CardSlot slot() {
        return slot;
    }

    @Override
    public VisitController controller() {
        return controller;
    }

    @Override
    public ReceptionSteps steps() {
        return steps;
    }

    @Override
    public StaffLookup lookup() {
        return lookup;
    }

    @Override
    public RececonBridge bridge() {
        return bridge;
    }

    @Override
    public DeliveryWorker delivery() {
        return delivery;
    }

    @Override
    public PendingLookups pendingLookups() {
        return pendingLookups;
    }

    @Override
    public BatchPreCheck preCheck() {
        return preCheck;
    }

    @Override
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
        // The reader first: no card event may reach a closed controller.
        opened.remove(slot);
        slot.close();
        closeAll(opened);
    }

    /** Closes in reverse order of opening: the controller before the steps' parts, the sinks last. */
    private static void closeAll(List<AutoCloseable> opened) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                log.debug("closing {}", opened.get(i), e);
            }
        }
        opened.clear();
    }
}
