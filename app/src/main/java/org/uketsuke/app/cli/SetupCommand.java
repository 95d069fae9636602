package org.uketsuke.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.uketsuke.app.config.ConfigParser;
import org.uketsuke.app.config.ConfigProblem;
import org.uketsuke.app.config.ConfigResult;
import org.uketsuke.app.config.ConfigWriter;
import org.uketsuke.app.ui.Messages;
import org.uketsuke.app.ui.ReasonTexts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code uketsuke setup}: the first run after installing, driven by flags. It writes a valid configuration (the
 * annotated template with the given values at its end), makes the configuration and data folders with the owners and
 * modes docs/install.md names (group {@code uketsuke}: the kiosk user reads keys and writes data, nobody else), and
 * for a trial imports the mock backend's terminal certificate and server CA as PEM files. It refuses to replace a
 * configuration that already reads unless told to.
 */
@Command(
        name = "setup",
        mixinStandardHelpOptions = true,
        description = "Write a first configuration and create the folders with the right owners and modes.")
public final class SetupCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;

    /** The mock backend's key stores hold test material under this public password (training, never real keys). */
    private static final char[] MOCK_BACKEND_PASSWORD = "uketsuke-test".toCharArray();

    private static final Pattern CN_INSTITUTION = Pattern.compile("CN=([0-9]{10})(?:,|$)");

    @Option(names = "--template", description = "Print the annotated configuration template and exit.")
    boolean template;

    @Option(names = "--config", defaultValue = "/etc/uketsuke/uketsuke.conf", paramLabel = "FILE")
    Path config;

    @Option(names = "--data-dir", defaultValue = "/var/lib/uketsuke", paramLabel = "DIR")
    Path dataDir;

    @Option(
            names = "--group",
            defaultValue = "uketsuke",
            description = "The group of the kiosk user, owning keys and data (default: uketsuke).")
    String group;

    @Option(names = "--terminal-id", paramLabel = "ID")
    String terminalId;

    @Option(
            names = "--institution-code",
            paramLabel = "CODE",
            description = "The 10-digit 医療機関コード (a trial takes it from the terminal certificate).")
    String institutionCode;

    @Option(names = "--backend-url", paramLabel = "URL")
    String backendUrl;

    @Option(names = "--certificate", paramLabel = "PEM")
    Path certificate;

    @Option(names = "--key", paramLabel = "PEM")
    Path key;

    @Option(names = "--trusted-cas", paramLabel = "PEM")
    Path trustedCas;

    @Option(
            names = "--trial-backend",
            paramLabel = "STATE_DIR",
            description = "A trial: import the terminal certificate and server CA of the mock backend in STATE_DIR.")
    Path trialBackend;

    @Option(names = "--reader", defaultValue = "auto")
    String reader;

    @Option(names = "--camera", defaultValue = "0", description = "Device index or none.")
    String camera;

    @Option(names = "--identity-checks", defaultValue = "pin,face,visual")
    String identityChecks;

    @Option(names = "--language", defaultValue = "ja")
    String language;

    @Option(names = "--autostart", defaultValue = "no", description = "yes: the kiosk service starts at boot.")
    String autostart;

    @Option(names = "--force", description = "Replace a configuration that already reads.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        if (template) {
            out.print(ConfigTemplate.text());
            return 0;
        }
        if (!force
                && Files.isReadable(config)
                && ConfigParser.parse(Files.readAllBytes(config)) instanceof ConfigResult.Ok) {
            err.println("uketsuke setup: " + config + " is already a working configuration; --force replaces it");
            return BAD_INPUT;
        }
        Path configDir = config.toAbsolutePath().getParent();
        GroupPrincipal owners;
        try {
            owners = configDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
        } catch (IOException e) {
            err.println("uketsuke setup: no group " + group + " (the DEB creates it: addgroup --system " + group + ")");
            return BAD_INPUT;
        }
        folder(configDir, "rwxr-x---", owners, out);
        if (trialBackend != null) {
            try {
                importTrial(configDir);
            } catch (IOException | GeneralSecurityException e) {
                err.println("uketsuke setup: --trial-backend " + trialBackend + ": cannot import the mock backend's"
                        + " certificates (" + e.getMessage() + "); start it once: uketsuke backend --state "
                        + trialBackend);
                return BAD_INPUT;
            }
            for (Path file : List.of(key, certificate, trustedCas)) {
                file(file, owners);
            }
            out.println(new Messages(Locale.ENGLISH).get("setup.trial", trialBackend, configDir));
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("kiosk_autostart", autostart);
        values.put("terminal.id", terminalId);
        values.put("institution.code", institutionCode);
        values.put("language", language);
        values.put("reader", reader);
        values.put("camera", camera);
        values.put("backend.url", backendUrl);
        values.put("tls.certificate", text(certificate));
        values.put("tls.key", text(key));
        values.put("tls.trusted_cas", text(trustedCas));
        values.put("data_dir", dataDir.toString());
        values.put("kiosk.identity_checks", identityChecks);
        StringBuilder text = new StringBuilder(ConfigTemplate.text()).append("\n# --- set by uketsuke setup ---\n");
        values.forEach(
                (k, v) -> text.append(k).append('=').append(v == null ? "" : v).append('\n'));
        if (ConfigParser.parse(text.toString()) instanceof ConfigResult.Invalid invalid) {
            for (ConfigProblem problem : invalid.problems()) {
                for (Locale l : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
                    err.println("uketsuke setup: " + ReasonTexts.configProblem(problem, new Messages(l))
                            + option(problem.key()));
                }
            }
            return BAD_INPUT;
        }
        folder(dataDir, "rwxrwx---", owners, out);
        ConfigWriter.save(config, text.toString());
        file(config, owners);
        out.println(new Messages(Locale.ENGLISH).get("setup.written", config));
        out.println(new Messages(Locale.ENGLISH).get("setup.next", config));
        return 0;
    }

    /** The flag that sets a key, so that a problem says what to type. */
    private static String option(String key) {
        return switch (key) {
            case "tls.certificate" -> " (--certificate or --trial-backend)";
            case "tls.key" -> " (--key or --trial-backend)";
            case "tls.trusted_cas" -> " (--trusted-cas or --trial-backend)";
            case "kiosk.identity_checks" -> " (--identity-checks)";
            case "kiosk_autostart" -> " (--autostart)";
            case "" -> "";
            default -> " (--" + key.replace('.', '-').replace('_', '-') + ")";
        };
    }

    /** The mock backend's terminal key and chain, and its server CA, as PEM files beside the configuration. */
    private void importTrial(Path configDir) throws IOException, GeneralSecurityException {
        Path pki = trialBackend.resolve("pki");
        KeyStore terminal = load(pki.resolve("terminal.p12"));
        String alias = keyAlias(terminal);
        Key privateKey = terminal.getKey(alias, MOCK_BACKEND_PASSWORD);
        StringBuilder chain = new StringBuilder();
        for (Certificate c : terminal.getCertificateChain(alias)) {
            chain.append(pem("CERTIFICATE", c.getEncoded()));
        }
        KeyStore tlsCa = load(pki.resolve("tls-ca.p12"));
        Certificate ca = tlsCa.getCertificate(keyAlias(tlsCa));
        key = configDir.resolve("terminal.key");
        certificate = configDir.resolve("terminal.crt");
        trustedCas = configDir.resolve("backend-ca.pem");
        Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(certificate, chain, StandardCharsets.US_ASCII);
        Files.writeString(trustedCas, pem("CERTIFICATE", ca.getEncoded()), StandardCharsets.US_ASCII);
        if (institutionCode == null && terminal.getCertificate(alias) instanceof X509Certificate x509) {
            Matcher cn = CN_INSTITUTION.matcher(x509.getSubjectX500Principal().getName());
            if (cn.find()) {
                institutionCode = cn.group(1);
            }
        }
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, MOCK_BACKEND_PASSWORD);
        }
        return store;
    }

    private static String keyAlias(KeyStore store) throws GeneralSecurityException {
        List<String> keys = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                keys.add(alias);
            }
        }
        if (keys.isEmpty()) {
            throw new GeneralSecurityException("no key entry");
        }
        return keys.getFirst();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** A folder with its group and mode (set each time: a rerun repairs them). */
    private static void folder(Path dir, String mode, GroupPrincipal owners, PrintStream out) throws IOException {
        Files.createDirectories(dir);
        owned(dir, mode, owners);
        out.println(new Messages(Locale.ENGLISH).get("setup.folder", dir, owners.getName(), mode));
    }

    /** A key or configuration file: the group reads it, nobody else does. */
    private static void file(Path file, GroupPrincipal owners) throws IOException {
        owned(file, "rw-r-----", owners);
    }

    private static void owned(Path path, String mode, GroupPrincipal owners) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return; // Windows: the MSI sets the folders' ACLs (docs/install.md)
        }
        view.setGroup(owners);
        view.setPermissions(PosixFilePermissions.fromString(mode));
    }

    private static String text(Path path) {
        return path == null ? null : path.toString();
    }
}
