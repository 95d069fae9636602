package org.uketsuke.app.terminal;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.uketsuke.app.reception.CardSlot;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.client.AuditAnchorClient;
import org.uketsuke.eligibility.medical.MedicalInformationClient;
import org.uketsuke.face.camera.CameraSource;

/**
 * The devices and remote systems a terminal runs on. A counter's come from its configuration (PC/SC reader, the
 * qualification system over mTLS, the USB camera); the training package's from its simulators (virtual card, embedded
 * mock backend, recorded frames). The terminal does not know which.
 *
 * @param slot the card reader; {@link Terminal} starts it last and closes it first
 * @param eligibility 資格確認 (by card, by insurance number, registration)
 * @param medical 薬剤・診療・健診情報 where the patient consented
 * @param faceCamera the camera of the face check (顔認証), or empty: the kiosk then offers PIN and visual check only
 * @param cardFrontCamera where the card front is held for 照合番号B (each capture opens and closes its own view), or
 *     empty: no PIN-less face path
 * @param signer signs with the terminal's key (the face path's and the visual check's attestations), or empty where
 *     the terminal offers the PIN only; required with a face camera
 * @param cardFaceIssuer the key that signs genuine card faces (DF28, docs/spec-notes/card.md#what-the-issuer-signs);
 *     required with a face camera: the face check refuses a card face it did not sign
 * @param clock the local clock (receptions are dated in the clinic's zone)
 * @param dataDir local files: audit log, pending lookups, exports
 * @param auditAnchors where the audit log's daily heads are sent off the machine, or empty (tests, tools)
 */
public record TerminalPorts(
        CardSlot slot,
        EligibilityClient eligibility,
        MedicalInformationClient medical,
        Optional<CameraSource> faceCamera,
        Optional<Supplier<CameraSource>> cardFrontCamera,
        Optional<UnaryOperator<byte[]>> signer,
        Optional<PublicKey> cardFaceIssuer,
        Clock clock,
        Path dataDir,
        Optional<AuditAnchorClient> auditAnchors) {

    /** Ports without audit anchoring (tests and tools). */
    public TerminalPorts(
            CardSlot slot,
            EligibilityClient eligibility,
            MedicalInformationClient medical,
            Optional<CameraSource> faceCamera,
            Optional<Supplier<CameraSource>> cardFrontCamera,
            Optional<UnaryOperator<byte[]>> signer,
            Optional<PublicKey> cardFaceIssuer,
            Clock clock,
            Path dataDir) {
        this(
                slot,
                eligibility,
                medical,
                faceCamera,
                cardFrontCamera,
                signer,
                cardFaceIssuer,
                clock,
                dataDir,
                Optional.empty());
    }

    public TerminalPorts {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(eligibility, "eligibility");
        Objects.requireNonNull(medical, "medical");
        Objects.requireNonNull(faceCamera, "faceCamera");
        Objects.requireNonNull(cardFrontCamera, "cardFrontCamera");
        Objects.requireNonNull(signer, "signer");
        if (faceCamera.isPresent() && signer.isEmpty()) {
            throw new IllegalArgumentException("the face path needs the terminal's signer");
        }
        if (faceCamera.isPresent() && cardFaceIssuer.isEmpty()) {
            throw new IllegalArgumentException("the face path needs the card-face issuer's key");
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(auditAnchors, "auditAnchors");
    }
}
