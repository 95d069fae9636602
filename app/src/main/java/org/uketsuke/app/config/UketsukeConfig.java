package org.uketsuke.app.config;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.uketsuke.bridge.DataProtection;
import org.uketsuke.eligibility.wire.CharacterCode;

/**
 * A production terminal's settings, as read from {@code uketsuke.conf} by {@link ConfigParser} (the format and every
 * key are in docs/install.md). Only a parser or the settings screen make one; every value here has been checked.
 *
 * @param kioskAutostart the installer's {@code kiosk_autostart} (the DEB's postinst reads it, the app only keeps it)
 * @param javaOptions the installer's {@code java_options} (the Windows launcher reads it, the app only keeps it)
 * @param terminalId this terminal's id in the audit log and the staff console
 * @param institutionCode the 10-digit 医療機関コード
 * @param language the kiosk's language at start
 * @param reader which PC/SC reader holds the patient's card
 * @param camera the camera for the face check, or none (the face check is then not offered)
 * @param backend the qualification system and the terminal's certificate
 * @param sinks where results go
 * @param kiosk how the kiosk behaves
 * @param staff names once listed for the staff console's 担当者 choice; sign-in accounts now live in the data folder
 *     ({@code uketsuke staff add}), these lines are only kept
 * @param console the staff console's sign-in: lockout and idle lock
 * @param folders the clinic's 連携アプリ folders when {@code backend.kind=folders}, else empty
 */
public record UketsukeConfig(
        boolean kioskAutostart,
        String javaOptions,
        String terminalId,
        String institutionCode,
        Locale language,
        Reader reader,
        Camera camera,
        Backend backend,
        Sinks sinks,
        Kiosk kiosk,
        List<StaffAccount> staff,
        Console console,
        Optional<Folders> folders) {

    public UketsukeConfig {
        Objects.requireNonNull(javaOptions, "javaOptions");
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(institutionCode, "institutionCode");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(sinks, "sinks");
        Objects.requireNonNull(kiosk, "kiosk");
        staff = List.copyOf(staff);
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(folders, "folders");
    }

    /**
     * The folders backend (docs/decisions/0012-folders-backend.md): the 連携アプリ's folders on the 資格確認端末's share;
     * the staff side's lookups, 一括照会, 照会番号 and medical information go through them, the reader's results are
     * imported from {@code face}.
     *
     * @param archive where imported files are moved, or empty: the 連携アプリ's files are only read
     */
    public record Folders(
            Path face,
            Path req,
            Path res,
            CharacterCode charset,
            Duration poll,
            Duration timeout,
            int attempts,
            Optional<Path> archive) {
        public Folders {
            Objects.requireNonNull(face, "face");
            Objects.requireNonNull(req, "req");
            Objects.requireNonNull(res, "res");
            Objects.requireNonNull(charset, "charset");
            Objects.requireNonNull(poll, "poll");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(archive, "archive");
        }

        /**
         * Whether Uketsuke's own face sink ({@code faceFolder}) or its own req/res answering (the siblings {@code req}
         * and {@code res} beside it) would work in one of the 連携アプリ's folders: both would race the real 連携アプリ.
         */
        public boolean sharedWith(Path faceFolder) {
            if (faceFolder == null) {
                return false;
            }
            Set<Path> theirs = Set.of(face, req, res);
            Path exchange = faceFolder.getParent();
            return theirs.contains(faceFolder)
                    || (exchange != null
                            && (theirs.contains(exchange.resolve("req")) || theirs.contains(exchange.resolve("res"))));
        }
    }

    /**
     * The staff console's sign-in (docs/decisions/0009-staff-accounts.md).
     *
     * @param lockoutFailures wrong passwords in a row that lock an account
     * @param lockout how long it stays locked; zero: until an administrator unlocks it
     * @param idleLock the console locks (signs out) after this long without use
     */
    public record Console(int lockoutFailures, Duration lockout, Duration idleLock) {
        public static final Console DEFAULT = new Console(5, Duration.ofMinutes(15), Duration.ofMinutes(5));

        public Console {
            Objects.requireNonNull(lockout, "lockout");
            Objects.requireNonNull(idleLock, "idleLock");
        }
    }

    /**
     * The reader: a name as PC/SC lists it, or empty for the first reader found at start; {@code more} are further
     * readers of the same kiosk (a general NFC reader for phones beside the card reader): the first card presented on
     * any of them wins.
     */
    public record Reader(Optional<String> name, List<String> more) {
        public Reader {
            Objects.requireNonNull(name, "name");
            more = List.copyOf(more);
            if (name.isEmpty() && !more.isEmpty()) {
                throw new IllegalArgumentException("further readers need the first one named");
            }
        }

        public Reader(Optional<String> name) {
            this(name, List.of());
        }
    }

    /** A camera by its device index (0 = the first), with the capture size and rate asked for; or no camera. */
    public record Camera(OptionalInt device, int width, int height, int fps) {
        public Camera {
            Objects.requireNonNull(device, "device");
        }
    }

    /**
     * The online qualification system.
     *
     * @param url its base URL (https)
     * @param timeout per request
     * @param credentials the terminal's client certificate and the CAs trusted for the server
     * @param serverCrl where the server CA's CRL is ({@code file:} or {@code http(s):}), or null for no revocation check
     * @param serverCrlSoftFail connect even when no valid CRL can be had (a listed certificate is refused regardless)
     */
    public record Backend(
            URI url, Duration timeout, Credentials credentials, URI serverCrl, boolean serverCrlSoftFail) {
        public Backend {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(credentials, "credentials");
        }
    }

    /** The terminal's TLS identity as files; {@code org.uketsuke.eligibility.client.TlsMaterial} reads them. */
    public sealed interface Credentials {
        /** The server's CA certificate(s), PEM. */
        Path trustedCas();

        /** An unencrypted PEM key and the PEM certificate chain it belongs to. */
        record Pem(Path key, Path certificate, Path trustedCas) implements Credentials {}

        /**
         * A PKCS#12 file; its password is never in the configuration (the file is world-readable) but in the
         * environment variable named here.
         */
        record Pkcs12(Path file, String passwordVariable, Path trustedCas) implements Credentials {}

        /**
         * A key that never leaves a PKCS#11 token (an HSM, a smart card, SoftHSM for a trial), used through the JDK's
         * SunPKCS11 provider; the certificate stored beside it on the token under the same alias.
         *
         * @param library the token's PKCS#11 module (absolute path)
         * @param slotIndex the token's place in the module's slot list (0: the first)
         * @param alias the key's label on the token
         */
        record Pkcs11(Path library, int slotIndex, String alias, TokenPin pin, Path trustedCas)
                implements Credentials {}

        /**
         * A key in the Windows certificate store (SunMSCAPI): the personal store of the user running the kiosk, or
         * of the machine (imported with certlm.msc).
         */
        record WindowsStore(boolean localMachine, String alias, Path trustedCas) implements Credentials {}
    }

    /** Where the token's user PIN is: never in the configuration and never on a command line. */
    public sealed interface TokenPin {
        /** In this environment variable of the kiosk's process (the service's environment file). */
        record FromVariable(String name) implements TokenPin {}

        /** The first line of this file, readable by the kiosk's user only. */
        record FromFile(Path file) implements TokenPin {}
    }

    /**
     * The sinks: the outbox always; each of the others may be off (null).
     *
     * @param dataDir where the outbox and the other local state live
     * @param sqlite the SQLite レセコン store
     * @param faceFolder the 連携アプリ {@code face} folder (its {@code req}/{@code res} siblings beside it)
     * @param faceCharset UTF-8 or Shift_JIS for the face-folder files
     * @param csv the daily CSV export's folder
     * @param postgresUrl a shared PostgreSQL store's JDBC URL (password from UKETSUKE_POSTGRES_PASSWORD)
     * @param postgresUser its login
     * @param postgresCaFile the CA file the PostgreSQL server's certificate must chain to (verify-full TLS), or null
     * @param postgresAllowPlain plain TCP to a PostgreSQL server on this machine, explicitly allowed by the administrator
     * @param protection who besides the terminal may read its files, retention, the request size limit
     */
    public record Sinks(
            Path dataDir,
            Path sqlite,
            Path faceFolder,
            Charset faceCharset,
            Path csv,
            String postgresUrl,
            String postgresUser,
            Path postgresCaFile,
            boolean postgresAllowPlain,
            DataProtection protection) {
        public Sinks {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(protection, "protection");
            Objects.requireNonNull(faceCharset, "faceCharset");
            Objects.requireNonNull(postgresUser, "postgresUser");
        }

        public Path outbox() {
            return dataDir.resolve("outbox.db");
        }
    }

    /** How the patient can prove they hold the card. */
    public enum IdentityCheck {
        PIN,
        FACE,
        VISUAL;

        /** The word in the configuration file. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * {@code kiosk.speech}: spoken guidance for each kiosk step (ADR 0010): off, always Japanese, always English, or
     * the language the patient chose on the screen.
     */
    public enum Speech {
        OFF,
        JA,
        EN,
        AUTO
    }

    /**
     * @param idleTimeout how long a screen waits for the patient before the kiosk returns to idle
     * @param ePrescription whether the kiosk asks about 電子処方箋 (the consent for prescription information)
     * @param identityChecks which identity checks the patient is offered (at least one)
     * @param medicalSubsidy whether the clinic takes part in PMH, so the kiosk asks 「医療費助成の各種受給者証を利用しますか」
     *     (docs/spec-notes/pmh.md)
     */
    public record Kiosk(
            Duration idleTimeout,
            boolean ePrescription,
            Set<IdentityCheck> identityChecks,
            boolean medicalSubsidy,
            Speech speech) {
        public Kiosk {
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(speech, "speech");
            identityChecks = Set.copyOf(identityChecks);
        }

        /** A kiosk without spoken guidance. */
        public Kiosk(
                Duration idleTimeout,
                boolean ePrescription,
                Set<IdentityCheck> identityChecks,
                boolean medicalSubsidy) {
            this(idleTimeout, ePrescription, identityChecks, medicalSubsidy, Speech.OFF);
        }

        /** A kiosk of a clinic that does not take part in PMH. */
        public Kiosk(Duration idleTimeout, boolean ePrescription, Set<IdentityCheck> identityChecks) {
            this(idleTimeout, ePrescription, identityChecks, false);
        }
    }

    /** A receptionist who may sign the staff console's actions; the id goes into the audit log. */
    public record StaffAccount(String id, String name) {
        public StaffAccount {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }
}
