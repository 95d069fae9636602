package org.uketsuke.mockbackend;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.bouncycastle.asn1.x509.CRLReason;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.client.TlsMaterial;

/**
 * What the test CAs issue: virtual cards (kept in the store, so a person's card is the same on every run on this
 * state) and further terminal certificates; and their revocation, which the CRLs, OCSP and the backend's own checks
 * then know.
 */
final class CardIssuer {

    /** The PIN of every virtual card. */
    private static final String DEMO_PIN = "1234";
    /** CRL reason of a lost card or a withdrawn terminal: the key may be in someone else's hands. */
    static final int KEY_COMPROMISE = CRLReason.keyCompromise;

    private final TestPki pki;
    private final PopulationStore population;
    private final Revocation revocation;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CardIssuer(TestPki pki, PopulationStore population, Revocation revocation, Clock clock) {
        this.pki = pki;
        this.population = population;
        this.revocation = revocation;
        this.clock = clock;
    }

    IssuedCard card(int personIndex) {
        Instant now = clock.instant();
        return issue(personIndex, "valid", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(5 * 365)));
    }

    /** Expired longer ago than the three months' grace: refused. */
    IssuedCard expiredCard(int personIndex) {
        Instant now = clock.instant();
        return issue(personIndex, "expired", now.minus(Duration.ofDays(6 * 365)), now.minus(Duration.ofDays(200)));
    }

    /** Expired 30 days ago: within the grace, the qualification only. */
    IssuedCard recentlyExpiredCard(int personIndex) {
        Instant now = clock.instant();
        return issue(
                personIndex, "expired-recently", now.minus(Duration.ofDays(5 * 365)), now.minus(Duration.ofDays(30)));
    }

    /** Expires in 30 days: the patient is told to renew it. */
    IssuedCard expiringCard(int personIndex) {
        Instant now = clock.instant();
        return issue(personIndex, "expiring", now.minus(Duration.ofDays(5 * 365)), now.plus(Duration.ofDays(30)));
    }

    IssuedCard unregisteredCard() {
        Instant now = clock.instant();
        return issue(null, "unregistered", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    IssuedCard unregisteredCard(int personIndex) {
        Instant now = clock.instant();
        return issue(personIndex, "unregistered", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(5 * 365)));
    }

    void revoke(IssuedCard card) {
        revocation.revoke(Revocation.Authority.JPKI, Certificates.parse(card.authCertDer()), KEY_COMPROMISE);
    }

    TlsMaterial terminal(String institutionCode) {
        try {
            return terminal(pki.issueTerminalKeyStore(institutionCode));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a terminal certificate", e);
        }
    }

    TlsMaterial expiredTerminal(String institutionCode) {
        try {
            Instant now = clock.instant();
            return terminal(pki.issueTerminalKeyStore(
                    institutionCode, now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a terminal certificate", e);
        }
    }

    private TlsMaterial terminal(KeyStore keys) throws GeneralSecurityException {
        revocation.issued(Revocation.Authority.TERMINAL, Certificates.terminalCertificateOf(keys));
        return new TlsMaterial(keys, TestPki.PASSWORD, pki.tlsTrustStore());
    }

    void revokeTerminal(TlsMaterial terminal) {
        try {
            revocation.revoke(
                    Revocation.Authority.TERMINAL,
                    Certificates.terminalCertificateOf(terminal.keyStore()),
                    KEY_COMPROMISE);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a terminal key store", e);
        }
    }

    private synchronized IssuedCard issue(Integer personIndex, String kind, Instant notBefore, Instant notAfter) {
        Qualification expected = personIndex == null
                ? null
                : population
                        .person(personIndex)
                        .orElseThrow(() -> new IllegalArgumentException("no person " + personIndex));
        PopulationStore.StoredCard stored = population.card(personIndex, kind).orElseGet(() -> {
            try {
                String opaque = HexFormat.of().withUpperCase().formatHex(random.generateSeed(8));
                TestPki.Entry entry = pki.issueCardCertificate(opaque, notBefore, notAfter);
                PopulationStore.StoredCard card = new PopulationStore.StoredCard(
                        Certificates.serialOf(entry.certificate()),
                        personIndex,
                        kind,
                        entry.certificate().getEncoded(),
                        entry.key().getEncoded(),
                        DEMO_PIN,
                        false);
                population.storeCard(card);
                revocation.issued(Revocation.Authority.JPKI, entry.certificate());
                if (personIndex != null && !kind.equals("unregistered")) {
                    population.registerForInsuranceUse(card.serial(), clock.instant());
                }
                return card;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot issue a card", e);
            }
        });
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(stored.keyPkcs8()));
            return new IssuedCard(
                    stored.certDer(), pki.jpkiCa().certificate().getEncoded(), key, stored.pin(), expected);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
