package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.production.ProductionTerminal;
import org.uketsuke.app.production.SoftHsmTokens;
import org.uketsuke.app.production.TerminalFiles;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.client.TlsMaterial;
import org.uketsuke.mockbackend.MockBackend;

/**
 * The terminal key on a PKCS#11 token (issue #25): the mock backend's terminal key and certificate imported into a
 * throwaway SoftHSM2 token, the terminal's identity loaded through the production path ({@code tls.key_store=pkcs11},
 * SunPKCS11), and a visit confirmed over real mTLS with its attestation signed on the token — the key never in a file
 * and never in this process.
 */
class TerminalKeyOnTokenVisitTest {

    private static final String ALIAS = "uketsuke-terminal";

    @TempDir
    Path dir;

    @Test
    void aVisualCheckVisitIsConfirmedWithTheKeyHeldByTheToken() throws Exception {
        SoftHsmTokens tokens = SoftHsmTokens.shared();
        TlsMaterial[] loaded = new TlsMaterial[1];
        try (VisitStepFixture fixture = VisitStepFixture.start(dir, backend -> {
            loaded[0] = fromToken(tokens, backend);
            return loaded[0];
        })) {
            TlsMaterial tls = loaded[0];
            assertThat(tls.keyStore().getType()).isEqualTo("PKCS11");
            PrivateKey key = (PrivateKey) tls.keyStore().getKey(ALIAS, null);
            assertThat(key.getEncoded())
                    .as("the key cannot be read out of the token")
                    .isNull();

            VisitContext checked = new RecordVisualCheckStep("staff-04")
                    .run(fixture.cardRead())
                    .visit()
                    .withConsents(Consents.all(Consent.NO), Optional.empty());
            VisitStep.Result confirmed = new ConfirmStep(fixture.client, fixture.records).run(fixture.signed(checked));
            assertThat(confirmed.event()).isEmpty();
            assertThat(confirmed.visit().confirmed()).isPresent();
            new EndVisitStep().run(confirmed.visit());
        }
    }

    private TlsMaterial fromToken(SoftHsmTokens tokens, MockBackend backend) {
        try {
            tokens.importKey(backend.terminalTls(), ALIAS);
            Path trusted = TerminalFiles.write(backend.terminalTls(), Files.createDirectories(dir.resolve("etc")))
                    .trustedCas();
            UketsukeConfig.Credentials credentials = new UketsukeConfig.Credentials.Pkcs11(
                    tokens.module(),
                    tokens.keys(),
                    ALIAS,
                    new UketsukeConfig.TokenPin.FromVariable("TOKEN_PIN"),
                    trusted);
            return ProductionTerminal.tls(credentials, Map.of("TOKEN_PIN", SoftHsmTokens.PIN)::get);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
