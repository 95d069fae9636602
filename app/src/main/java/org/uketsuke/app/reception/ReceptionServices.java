package org.uketsuke.app.reception;

import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.eligibility.EligibilityClient;

/**
 * Everything the visit steps work with, given once when the terminal is assembled.
 *
 * @param faceCheck the PIN-less path, where the terminal has a camera and offers it
 * @param terminalSigner the terminal's key for the attestations sent instead of the card's signature (face path and
 *     the staff's visual check), where either is offered; the composition checks at start that it can sign
 * @param audit where confirmations and rejections are recorded, and the gate that stops confirmations when it
 *     cannot record them, where the terminal keeps an audit log
 */
public record ReceptionServices(
        CardSlot slot,
        EligibilityClient client,
        RececonBridge bridge,
        Clock clock,
        Optional<FaceCheck> faceCheck,
        Optional<UnaryOperator<byte[]>> terminalSigner,
        Optional<AuditTrail> audit) {

    /** Whether a new confirmation may start (false while the audit alarm stands). */
    public boolean confirmationsAllowed() {
        return audit.map(AuditTrail::confirmationsAllowed).orElse(true);
    }

    /** A terminal with the PIN path only and no audit log (bench, soak, tests). */
    public ReceptionServices(CardSlot slot, EligibilityClient client, RececonBridge bridge, Clock clock) {
        this(slot, client, bridge, clock, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
