package org.uketsuke.mockbackend;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.VisualAttestation;
import org.uketsuke.eligibility.VisualPasscode;

/** Visual-check passcodes (OQS-IF-049/050): issued to a staff member by a terminal, used once, within their lifetime. */
final class VisualPasscodes {

    /** How long a visual-check passcode may be used after it was issued. */
    static final Duration LIFETIME = Duration.ofMinutes(5);

    /** An issued passcode: to whom, by which terminal, until when, and whether it was used. */
    private record Passcode(String staffId, String terminalSerial, Instant expiresAt, AtomicBoolean used) {}

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Passcode> passcodes = new ConcurrentHashMap<>();

    VisualPasscodes(Clock clock) {
        this.clock = clock;
    }

    VisualPasscode issue(String staffId, X509Certificate terminal) {
        Instant now = clock.instant();
        passcodes.values().removeIf(p -> p.expiresAt().plus(Duration.ofHours(1)).isBefore(now));
        String code;
        do {
            code = String.format("%08d", random.nextInt(100_000_000));
        } while (passcodes.containsKey(code));
        Instant expires = now.plus(LIFETIME);
        passcodes.put(code, new Passcode(staffId, terminalSerial(terminal), expires, new AtomicBoolean()));
        return new VisualPasscode(code, staffId, expires);
    }

    /**
     * A visual confirmation's passcode: issued to this staff member by this terminal, not expired, not used before —
     * then used up (null); else why not.
     */
    Refusal use(VisualAttestation visual, X509Certificate terminal) {
        Passcode issued = passcodes.get(visual.passcode());
        if (issued == null
                || !issued.staffId().equals(visual.staffId())
                || !issued.terminalSerial().equals(terminalSerial(terminal))) {
            return new Refusal(RejectionReason.PASSCODE_INVALID, "目視確認のパスコードが正しくありません。");
        }
        if (!clock.instant().isBefore(issued.expiresAt())) {
            return new Refusal(RejectionReason.PASSCODE_EXPIRED, "目視確認のパスコードの有効期限が切れています。");
        }
        if (!issued.used().compareAndSet(false, true)) {
            return new Refusal(RejectionReason.PASSCODE_USED, "目視確認のパスコードは使用済みです。");
        }
        return null;
    }

    private static String terminalSerial(X509Certificate terminal) {
        return terminal == null ? "" : Certificates.serialOf(terminal);
    }
}
