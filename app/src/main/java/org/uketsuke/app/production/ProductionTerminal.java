package org.uketsuke.app.production;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.flow.VisitTimeouts;
import org.uketsuke.app.reception.PcscCardSlot;
import org.uketsuke.app.staff.LockoutPolicy;
import org.uketsuke.app.staff.PasswordHash;
import org.uketsuke.app.staff.StaffPolicy;
import org.uketsuke.app.terminal.Closer;
import org.uketsuke.app.terminal.StaffNotice;
import org.uketsuke.app.terminal.Terminal;
import org.uketsuke.app.terminal.TerminalPorts;
import org.uketsuke.app.terminal.TerminalSettings;
import org.uketsuke.app.terminal.TerminalStartException;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.csv.CsvExport;
import org.uketsuke.bridge.store.PostgresTarget;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.client.ServerRevocation;
import org.uketsuke.eligibility.client.TerminalSigner;
import org.uketsuke.eligibility.client.TlsMaterial;
import org.uketsuke.eligibility.medical.MedicalInformationClient;
import org.uketsuke.face.camera.CameraSource;
import org.uketsuke.face.camera.OpenCvCameraSource;
import org.uketsuke.folders.FolderEligibilityClient;
import org.uketsuke.folders.StaffSideClient;
import org.uketsuke.reader.pcsc.CardServiceUnavailableException;
import org.uketsuke.reader.pcsc.PcscReaders;

/**
 * The production ports and settings, read from a terminal's {@link UketsukeConfig}: the PC/SC reader at the counter,
 * the configured camera, the real qualification system over mTLS with the terminal's certificate, and the configured
 * sinks; assembled by {@link Terminal} like every other terminal. No part of the training package (mock backend,
 * virtual card) is in here.
 */
public final class ProductionTerminal {

    /** The card-face issuer's certificate (PEM), in the folder of the trusted CAs. */
    static final String CARD_FACE_ISSUER_FILE = "card-face-issuer.pem";

    private static final Logger log = LoggerFactory.getLogger(ProductionTerminal.class);

    private ProductionTerminal() {}

    /**
     * Builds the terminal; a file or device the configuration names that cannot be used is a
     * {@link TerminalStartException} naming the key, and whatever was opened before it is closed again.
     *
     * @param environment the process environment ({@code System::getenv}): the PKCS#12 and PostgreSQL passwords are
     *     read from it, never from the file
     */
    public static Terminal start(UketsukeConfig config, UnaryOperator<String> environment) {
        Closer closer = new Closer();
        try {
            TerminalPorts ports = ports(config, environment, closer);
            Terminal terminal = Terminal.start(settings(config, environment), ports, closer);
            config.folders()
                    .ifPresent(folders ->
                            FolderImports.start(folders, config.sinks().dataDir(), terminal, closer));
            if (faceCameraWanted(config, ports) && ports.faceCamera().isEmpty()) {
                terminal.addStaffNotice(new StaffNotice(
                        "staff.cameraUnavailable",
                        List.of(Integer.toString(config.camera().device().getAsInt()))));
            }
            return terminal;
        } catch (RuntimeException e) {
            closer.close();
            throw e;
        }
    }

    static TerminalSettings settings(UketsukeConfig config, UnaryOperator<String> environment) {
        UketsukeConfig.Sinks sinks = config.sinks();
        BridgeConfig bridgeConfig = new BridgeConfig(
                        sinks.outbox(),
                        sinks.sqlite(),
                        sinks.faceFolder(),
                        config.institutionCode(),
                        sinks.faceCharset())
                .withProtection(sinks.protection());
        if (sinks.csv() != null) {
            bridgeConfig = bridgeConfig.withCsvExport(new CsvExport(sinks.csv(), sinks.faceCharset()));
        }
        if (sinks.postgresUrl() != null) {
            bridgeConfig = bridgeConfig.withPostgres(PostgresTarget.configured(
                    sinks.postgresUrl(),
                    sinks.postgresUser(),
                    environment.apply("UKETSUKE_POSTGRES_PASSWORD"),
                    sinks.postgresCaFile(),
                    sinks.postgresAllowPlain()));
        }
        // Staff sign in with the accounts of the data folder (uketsuke staff add); the file sets lockout and idle lock.
        UketsukeConfig.Console console = config.console();
        StaffPolicy staff = new StaffPolicy(
                new LockoutPolicy(console.lockoutFailures(), console.lockout()),
                console.idleLock(),
                PasswordHash.Parameters.DEFAULT);
        // The 連携アプリ's req/res folders sit beside the face folder.
        Optional<Path> exchange = Optional.ofNullable(sinks.faceFolder()).map(Path::getParent);
        return new TerminalSettings(
                config.terminalId(),
                config.institutionCode(),
                bridgeConfig,
                exchange,
                timeouts(config.kiosk().idleTimeout()),
                staff);
    }

    /** Whether the configuration asks for the face camera and the face path could run with it. */
    private static boolean faceCameraWanted(UketsukeConfig config, TerminalPorts ports) {
        return config.camera().device().isPresent()
                && config.kiosk().identityChecks().contains(UketsukeConfig.IdentityCheck.FACE)
                && ports.cardFaceIssuer().isPresent();
    }

    static TerminalPorts ports(UketsukeConfig config, UnaryOperator<String> environment, Closer closer) {
        notSharedWithLinkApp(config);
        TlsMaterial tls = tls(config.backend().credentials(), environment)
                .withServerRevocation(serverRevocation(config.backend()));
        // Face and visual checks are confirmed with the terminal's own signature: its key must be able to give one.
        boolean attests = config.kiosk().identityChecks().contains(UketsukeConfig.IdentityCheck.FACE)
                || config.kiosk().identityChecks().contains(UketsukeConfig.IdentityCheck.VISUAL);
        Optional<UnaryOperator<byte[]>> signer =
                attests ? Optional.of(terminalSigner(tls, config.backend().credentials())) : Optional.empty();
        createDirectories("data_dir", config.sinks().dataDir());
        PcscCardSlot slot = new PcscCardSlot(new PcscReaders(), readers(config.reader()));
        HttpsEligibilityClient client = new HttpsEligibilityClient(
                config.backend().url(), tls, config.backend().timeout(), config.institutionCode(), Clock.systemUTC());
        EligibilityClient eligibility = client;
        MedicalInformationClient medical = client;
        if (config.folders().isPresent()) {
            UketsukeConfig.Folders folders = config.folders().get();
            FolderEligibilityClient linkApp = new FolderEligibilityClient(
                    FolderImports.settings(folders, config.institutionCode()), Clock.systemUTC());
            eligibility = new StaffSideClient(client, linkApp);
            medical = linkApp;
        }
        Optional<CameraSource> camera = Optional.empty();
        Optional<PublicKey> cardFaceIssuer = cardFaceIssuer(config.backend().credentials());
        if (config.camera().device().isPresent()
                && config.kiosk().identityChecks().contains(UketsukeConfig.IdentityCheck.FACE)
                && cardFaceIssuer.isPresent()) {
            int device = config.camera().device().getAsInt();
            OpenCvCameraSource source = new OpenCvCameraSource(
                    device,
                    config.camera().width(),
                    config.camera().height(),
                    config.camera().fps());
            if (source.opened()) {
                camera = Optional.of(closer.open(source));
            } else {
                // One typed line instead of OpenCV's own (silenced: face.OpenCv); the staff console says it too.
                source.close();
                log.warn(
                        "{}: camera {} could not be opened (not connected, or used by another program): the face"
                                + " check is not offered until it is connected and the kiosk restarted",
                        CheckReason.CAMERA_NO_FRAME,
                        device);
            }
        }
        // 照合番号B comes off the card front through the same camera, before the face match and never at the same
        // time; each capture "closes" its view of it, the device itself stays open until the terminal stops.
        Optional<Supplier<CameraSource>> cardFront = camera.map(device -> () -> keptOpen(device));
        log.info(
                "terminal {} — backend {}{}",
                config.terminalId(),
                config.backend().url(),
                config.folders()
                        .map(f -> "; staff side through the 連携アプリ's folders "
                                + f.req().getParent())
                        .orElse(""));
        return new TerminalPorts(
                slot,
                eligibility,
                medical,
                camera,
                cardFront,
                signer,
                cardFaceIssuer,
                Clock.systemDefaultZone(),
                config.sinks().dataDir(),
                Optional.of(client.auditAnchors()));
    }

    /**
     * With the folders backend the real 連携アプリ answers in its req/res and writes its face folder: Uketsuke's own face
     * sink and req/res answering (the siblings of {@code sink.face_folder}) must not work there, or they would race it.
     */
    static void notSharedWithLinkApp(UketsukeConfig config) {
        Path own = config.sinks().faceFolder();
        if (config.folders().filter(folders -> folders.sharedWith(own)).isPresent()) {
            throw new TerminalStartException(
                    "sink.face_folder",
                    own + ": Uketsuke's own face sink and req/res answering would work in the 連携アプリ's folders"
                            + " (folders.face, folders.req, folders.res) and race it; set sink.face_folder=off or"
                            + " another folder",
                    null);
        }
    }

    /**
     * The card-face issuer's certificate, {@code card-face-issuer.pem} beside the trusted CAs (docs/install.md): without
     * it no card face can be checked, so the face path stays off.
     */
    private static Optional<PublicKey> cardFaceIssuer(UketsukeConfig.Credentials credentials) {
        Path pem = credentials.trustedCas().resolveSibling(CARD_FACE_ISSUER_FILE);
        if (!Files.isRegularFile(pem)) {
            log.warn("no {}: the PIN-less face path is off", pem);
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(pem)) {
            return Optional.of(CertificateFactory.getInstance("X.509")
                    .generateCertificate(in)
                    .getPublicKey());
        } catch (IOException | CertificateException e) {
            log.warn("cannot read {}: the PIN-less face path is off ({})", pem, e.getMessage());
            return Optional.empty();
        }
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

    /** The patient's answering screens time out after the configured idle time; the others as the flow's table says. */
    static VisitTimeouts timeouts(Duration idle) {
        return VisitTimeouts.patientIdle(idle);
    }

    /** The server CA's CRL when one is configured (hard fail unless soft fail is set), else no revocation check. */
    static ServerRevocation serverRevocation(UketsukeConfig.Backend backend) {
        return backend.serverCrl() == null
                ? new ServerRevocation.NotChecked()
                : new ServerRevocation.Crl(backend.serverCrl(), backend.serverCrlSoftFail());
    }

    /**
     * The terminal's TLS identity from the configured credentials: files, a PKCS#11 token or the Windows certificate
     * store; a problem is a {@link TerminalStartException} naming the key to fix.
     */
    public static TlsMaterial tls(UketsukeConfig.Credentials credentials, UnaryOperator<String> environment) {
        return switch (credentials) {
            case UketsukeConfig.Credentials.Pem pem -> {
                for (var file : List.of(
                        Map.entry("tls.key", pem.key()),
                        Map.entry("tls.certificate", pem.certificate()),
                        Map.entry("tls.trusted_cas", pem.trustedCas()))) {
                    readable(file.getKey(), file.getValue());
                }
                KeyFilePermissions.requirePrivate("tls.key", pem.key());
                try {
                    yield TlsMaterial.fromPem(pem.key(), pem.certificate(), pem.trustedCas());
                } catch (IllegalArgumentException e) {
                    throw new TerminalStartException(
                            keyNamed(
                                    e.getMessage(),
                                    pem.trustedCas(),
                                    "tls.trusted_cas",
                                    pem.certificate(),
                                    "tls.certificate",
                                    "tls.key"),
                            e.getMessage(),
                            e);
                }
            }
            case UketsukeConfig.Credentials.Pkcs12 p12 -> {
                readable("tls.pkcs12", p12.file());
                readable("tls.trusted_cas", p12.trustedCas());
                KeyFilePermissions.requirePrivate("tls.pkcs12", p12.file());
                String password = environment.apply(p12.passwordVariable());
                if (password == null) {
                    throw new TerminalStartException(
                            "tls.pkcs12_password_env",
                            "the environment variable " + p12.passwordVariable() + " (the PKCS#12 password) is not set",
                            null);
                }
                try {
                    yield TlsMaterial.fromPkcs12(p12.file(), password.toCharArray(), p12.trustedCas());
                } catch (IllegalArgumentException e) {
                    throw new TerminalStartException(
                            keyNamed(
                                    e.getMessage(),
                                    p12.trustedCas(),
                                    "tls.trusted_cas",
                                    p12.file(),
                                    "tls.pkcs12",
                                    "tls.pkcs12"),
                            e.getMessage(),
                            e);
                }
            }
            case UketsukeConfig.Credentials.Pkcs11 token -> held(() -> HeldKey.load(token, environment), token);
            case UketsukeConfig.Credentials.WindowsStore store ->
                held(() -> HeldKey.load(store, System.getProperty("os.name")), store);
        };
    }

    /** A key held by a token or the OS: its problems named by their key, the trusted CAs' by theirs. */
    private static TlsMaterial held(Supplier<TlsMaterial> load, UketsukeConfig.Credentials credentials) {
        readable("tls.trusted_cas", credentials.trustedCas());
        try {
            return load.get();
        } catch (HeldKey.Unusable e) {
            throw new TerminalStartException(e.key(), e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TerminalStartException("tls.trusted_cas", e.getMessage(), e);
        }
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
            String key = switch (credentials) {
                case UketsukeConfig.Credentials.Pem pem -> "tls.key";
                case UketsukeConfig.Credentials.Pkcs12 p12 -> "tls.pkcs12";
                case UketsukeConfig.Credentials.Pkcs11 token -> "tls.key_alias";
                case UketsukeConfig.Credentials.WindowsStore store -> "tls.key_alias";
            };
            throw new TerminalStartException(
                    key,
                    "the terminal key cannot sign face and visual-check attestations" + " (an RSA key is needed): "
                            + e.getMessage(),
                    e);
        }
        return data -> TerminalSigner.sign(tls, data);
    }

    /** TlsMaterial's messages start with the file at fault; that file's key is the one to fix. */
    private static String keyNamed(
            String message, Path first, String firstKey, Path second, String secondKey, String otherwise) {
        String text = message == null ? "" : message;
        return text.startsWith(first.toString())
                ? firstKey
                : text.startsWith(second.toString()) ? secondKey : otherwise;
    }

    private static void readable(String key, Path file) {
        FileAccess.readable(file).ifPresent(reason -> {
            throw new TerminalStartException(
                    key,
                    file + ": "
                            + (reason == CheckReason.NO_SUCH_FILE ? "no such file" : "cannot be read (" + reason + ")"),
                    null);
        });
    }

    private static void createDirectories(String key, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TerminalStartException(key, dir + ": cannot create the folder (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The configured readers, or the first one the card service lists; the service must answer. It is asked, never
     * started: on a counter the service manager owns pcscd (socket activation), and a kiosk that started it would
     * hide a broken installation until the next reboot.
     */
    private static List<String> readers(UketsukeConfig.Reader reader) {
        List<String> connected;
        try {
            connected = new PcscReaders().readers();
        } catch (CardServiceUnavailableException e) {
            throw new TerminalStartException("", "the card service (pcscd) is not running: " + e.getMessage(), e);
        }
        if (reader.name().isEmpty()) {
            if (connected.isEmpty()) {
                throw new TerminalStartException("reader", "no card reader is connected (reader=auto)", null);
            }
            return List.of(connected.getFirst());
        }
        List<String> names = Stream.concat(Stream.of(reader.name().get()), reader.more().stream())
                .toList();
        for (String name : names) {
            if (!connected.contains(name)) {
                // Plugged in later, it is picked up then: the watcher follows the name, not a handle.
                log.warn("reader {} is not connected now; connected: {}", name, connected);
            }
        }
        return names;
    }
}
