package org.uketsuke.app.production;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.uketsuke.eligibility.client.TlsMaterial;

/**
 * Throwaway SoftHSM2 tokens for the tests of a terminal key held by a PKCS#11 token, made with Debian's softhsm2
 * (the launcher installs it). SoftHSM reads its configuration file from {@code SOFTHSM2_CONF}, which the surefire
 * configuration points into {@code target/}; this writes that file with a token folder of its own, once per test
 * JVM and before the module is first loaded (SoftHSM lists the tokens when it is initialised).
 *
 * <p>Two tokens: {@link #keys()} holds the terminal keys tests import and is logged in; {@link #empty()} is never
 * logged into except by the test of a wrong PIN (a SunPKCS11 token that is logged in does not log in again, so a
 * wrong PIN would go unseen).
 */
public final class SoftHsmTokens {

    public static final String PIN = "246810";
    private static final String SO_PIN = "13579111";
    private static final List<Path> MODULES = List.of(
            Path.of("/usr/lib/softhsm/libsofthsm2.so"), Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"));
    private static final String KEYS = "uketsuke-keys";
    private static final String EMPTY = "uketsuke-empty";

    private static SoftHsmTokens shared;

    private final Path module;
    private final List<String> labels;

    private SoftHsmTokens(Path module, List<String> labels) {
        this.module = module;
        this.labels = labels;
    }

    /** The tokens, made on first use in this JVM. */
    public static synchronized SoftHsmTokens shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    private static SoftHsmTokens create() throws IOException, InterruptedException {
        Path module = MODULES.stream()
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("SoftHSM2 is not installed: apt-get install softhsm2"));
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set (app/pom.xml's surefire configuration sets it)");
        }
        Path tokens =
                Files.createTempDirectory(Files.createDirectories(Path.of(conf).getParent()), "tokens-");
        Files.writeString(
                Path.of(conf),
                "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n",
                StandardCharsets.UTF_8);
        for (String label : List.of(KEYS, EMPTY)) {
            softhsm("--init-token", "--free", "--label", label, "--pin", PIN, "--so-pin", SO_PIN);
        }
        // The slot list's order, as the module gives it to SunPKCS11's slotListIndex.
        List<String> labels = new ArrayList<>();
        for (String line : softhsm("--show-slots").lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.startsWith("Label:")) {
                labels.add(trimmed.substring("Label:".length()).strip());
            }
        }
        return new SoftHsmTokens(module, labels);
    }

    public Path module() {
        return module;
    }

    /** The slot index of the token that holds imported keys. */
    public int keys() {
        return index(KEYS);
    }

    /** The slot index of a token that holds nothing. */
    public int empty() {
        return index(EMPTY);
    }

    /** A slot index with no token at all. */
    public int absent() {
        return labels.size() + 3;
    }

    private int index(String label) {
        int i = labels.indexOf(label);
        if (i < 0) {
            throw new IllegalStateException("no token " + label + " in " + labels);
        }
        return i;
    }

    /** Puts the key and certificate chain of {@code tls} on the keys token under {@code alias}, as an installer would. */
    public void importKey(TlsMaterial tls, String alias) throws GeneralSecurityException, IOException {
        Provider provider = Security.getProvider("SunPKCS11")
                .configure("--name=test-import\nlibrary=" + module + "\nslotListIndex=" + keys() + "\n");
        KeyStore token = KeyStore.getInstance("PKCS11", provider);
        token.load(null, PIN.toCharArray());
        KeyStore source = tls.keyStore();
        for (String entry : Collections.list(source.aliases())) {
            if (source.isKeyEntry(entry)) {
                Key key = source.getKey(entry, tls.keyPassword());
                token.setKeyEntry(alias, key, null, source.getCertificateChain(entry));
                return;
            }
        }
        throw new IllegalArgumentException("no key entry to import");
    }

    private static String softhsm(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("softhsm2-util"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("softhsm2-util " + String.join(" ", args) + ": " + output);
        }
        return output;
    }
}
