package org.uketsuke.app.reception;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.eligibility.CardFace;
import org.uketsuke.eligibility.CollationNumberB;
import org.uketsuke.eligibility.InvalidValueException;
import org.uketsuke.face.camera.CameraSource;
import org.uketsuke.face.chip.ChipPhoto;
import org.uketsuke.face.pipeline.FaceDecision;
import org.uketsuke.face.pipeline.FaceModels;
import org.uketsuke.face.pipeline.FacePipeline;
import org.uketsuke.face.pipeline.FaceVerifier;
import org.uketsuke.face.pipeline.QualityIssue;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.cardface.CardFaceAp;
import org.uketsuke.reader.cardface.CardFaceData;

/**
 * The PIN-less identity check on the card session of the visit: 照合番号B opens the chip photo, the card-face AP's own
 * key proves the chip is genuine, and the live camera face is matched against the photo. The photo and the frames
 * live only in memory and are released here.
 */
public final class FaceCheck {

    private static final Logger log = LoggerFactory.getLogger(FaceCheck.class);

    /** The embedding model by its pinned sha256 (what the attestation names). */
    static final String MODEL_VERSION = FaceModels.DLIB_RECOGNISER + "@"
            + Optional.ofNullable(FaceModels.PINNED.get(FaceModels.DLIB_RECOGNISER))
                    .map(h -> h.substring(0, 12))
                    .orElse("unpinned");

    private final CameraSource camera;
    private final FaceVerifier verifier;
    private final PublicKey cardFaceIssuer;
    private FacePipeline pipeline;

    private FacePreviewFeed preview;

    /** Shows the check's live frames on the kiosk while it runs (memory only, dropped at the decision). */
    public FaceCheck withPreview(FacePreviewFeed feed) {
        this.preview = feed;
        return this;
    }

    /** @param cardFaceIssuer the key whose DF28 signature makes a card face genuine (docs/spec-notes/card.md) */
    public FaceCheck(CameraSource camera, FaceVerifier verifier, PublicKey cardFaceIssuer) {
        this.camera = camera;
        this.verifier = verifier;
        this.cardFaceIssuer = cardFaceIssuer;
    }

    /** The result: a proof for the attestation, or the problem to show. */
    public sealed interface Result {
        /**
         * @param framesMatched frames at or above the threshold
         * @param presentationChecks the presentation-attack checks that ran (names, comma-separated, or {@code -})
         * @param modelVersion the embedding model that scored, by its pinned hash
         * @param cardFace the issuer-signed card face whose photo was matched: what the backend checks
         */
        record Matched(
                double score,
                double threshold,
                int framesMatched,
                String presentationChecks,
                String modelVersion,
                CardFace cardFace)
                implements Result {}

        record Refused(Problem problem) implements Result {}

        /** The card refused 照合番号B and has {@code triesLeft} (0: blocked). */
        record CollationRejected(int triesLeft) implements Result {}

        /** The expiry year in 照合番号B is not the card's own (共通カードAP): nothing was sent to the card-face AP. */
        record ExpiryMismatch() implements Result {}
    }

    /** The presentation-attack checks this verifier runs, by the names the backend's policy uses. */
    static String presentationChecks(FaceVerifier verifier) {
        List<String> ran = new ArrayList<>(List.of("FROZEN_FRAME"));
        if (verifier.checks().requireLiveColour()) {
            ran.add("LIVE_COLOUR");
        }
        if (Double.isFinite(verifier.checks().replayCeiling())
                && verifier.checks().replayCeiling() <= 1) {
            ran.add("REPLAY_CEILING");
        }
        return String.join(",", ran);
    }

    public Result check(ApduTransport session, CollationNumberB collationNumberB) {
        String digits = collationNumberB.value();
        CardFaceAp ap = new CardFaceAp(session);
        // Cross-check first: a misread or mistyped expiry year costs no 照合番号B try.
        try {
            var expiry = ap.cardExpiry();
            if (expiry.isPresent() && !expiry.get().startsWith(digits.substring(6, 10))) {
                log.info("照合番号B expiry year differs from the card's 共通カードAP; not tried");
                return new Result.ExpiryMismatch();
            }
        } catch (CardGoneException e) {
            return new Result.Refused(Problem.CARD_REMOVED);
        }
        switch (ap.verifyCollationNumberB(digits)) {
            case CardFaceAp.CollationCheck.Verified _ -> {}
            case CardFaceAp.CollationCheck.CardRemoved _ -> {
                return new Result.Refused(Problem.CARD_REMOVED);
            }
            case CardFaceAp.CollationCheck.Wrong wrong -> {
                log.info("照合番号B refused, {} tries left", wrong.triesLeft());
                return new Result.CollationRejected(wrong.triesLeft());
            }
            case CardFaceAp.CollationCheck.Blocked _ -> {
                return new Result.CollationRejected(0);
            }
            case CardFaceAp.CollationCheck.Failed _ -> {
                return new Result.Refused(Problem.COLLATION_NUMBER_WRONG);
            }
        }
        if (!(ap.readCardFace() instanceof CardFaceAp.FaceRead.Read read)) {
            return new Result.Refused(Problem.CARD_UNREADABLE);
        }
        CardFaceData data = read.data();
        CardFace cardFace;
        try {
            cardFace = CardFace.of(
                    data.birthDate(),
                    data.sex(),
                    data.publicKey(),
                    data.photoJp2(),
                    data.expiry(),
                    data.issuerSignature());
        } catch (InvalidValueException e) {
            log.warn("card face malformed: {}", e.getMessage());
            return new Result.Refused(Problem.CARD_NOT_GENUINE);
        }
        // The photo about to be matched is the one the issuer signed (its hash is in the signed bytes).
        if (!cardFace.issuedBy(cardFaceIssuer) || !cardFace.showsPhoto(data.photoJp2())) {
            log.warn("card face not signed by the card-face issuer: refused before the face match");
            return new Result.Refused(Problem.CARD_NOT_GENUINE);
        }
        var presence = ap.presenceProof(data.publicKey());
        if (presence.isEmpty()) {
            return new Result.Refused(Problem.CARD_REMOVED);
        }
        if (!presence.get().verified()) {
            return new Result.Refused(Problem.CARD_NOT_GENUINE);
        }
        if (!(ChipPhoto.decode(data.photoJp2()) instanceof ChipPhoto.Decoded.Ok photo)) {
            return new Result.Refused(Problem.CARD_UNREADABLE);
        }
        try {
            if (pipeline == null) {
                pipeline = new FacePipeline(); // models load once, on this worker thread
            }
            FaceDecision decision;
            try {
                decision = preview == null
                        ? verifier.verify(pipeline, photo.grey(), camera)
                        : verifier.verify(pipeline, photo.grey(), camera, preview);
            } finally {
                if (preview != null) {
                    preview.end();
                }
            }
            log.info(
                    "face decision {} (best {}, threshold {}, frames {}/{})",
                    decision.decision(),
                    String.format("%.3f", decision.bestScore()),
                    decision.threshold(),
                    decision.framesUsed(),
                    decision.framesSeen());
            return switch (decision.decision()) {
                case MATCH ->
                    new Result.Matched(
                            decision.bestScore(),
                            decision.threshold(),
                            verifier.required(),
                            presentationChecks(verifier),
                            MODEL_VERSION,
                            cardFace);
                case NO_MATCH -> new Result.Refused(Problem.FACE_NOT_MATCHED);
                case INCONCLUSIVE ->
                    new Result.Refused(
                            decision.framesSeen() == 0 || decision.reason() == QualityIssue.CAMERA_UNAVAILABLE
                                    ? Problem.CAMERA_UNAVAILABLE
                                    : Problem.FACE_NOT_SEEN);
            };
        } finally {
            photo.grey().release();
        }
    }
}
