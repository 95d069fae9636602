package org.uketsuke.face.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.uketsuke.face.camera.CameraSource;
import org.uketsuke.face.camera.Frame;

/**
 * Decides over several live frames whether the person in front of the camera is the one in the chip photo: MATCH
 * once {@code required} frames score at or above the threshold, NO_MATCH when {@code maxFrames} usable frames did
 * not, INCONCLUSIVE when too few frames passed the quality gates. Frames are cleared as soon as they are scored.
 *
 * <p>Passive presentation-attack check: a face frame that is (almost) pixel-identical to one already scored in this
 * session is a frozen or replayed picture and is not scored; a live person in front of a camera never gives the same frame
 * twice (sensor noise alone differs). {@link PresentationChecks} add two more: a face without colour (a greyscale print
 * or screen, such as the chip photo shown to the camera) is not scored, and a face that reproduces the chip photo's
 * pixels ({@link ChipReplay}: the chip picture held to the camera) refuses the session as a presentation attack. A colour photo or video of the person moved in front of the camera is not caught —
 * see docs/decisions/0001-face-models.md for what is and is not covered.
 *
 * @param threshold in the embedder's similarity ({@link FacePipeline#similarity}; the product's: {@link #THRESHOLD})
 * @param checks the passive presentation-attack checks
 */
public record FaceVerifier(double threshold, int required, int maxFrames, PresentationChecks checks) {

    /** With the default presentation-attack checks. */
    public FaceVerifier(double threshold, int required, int maxFrames) {
        this(threshold, required, maxFrames, PresentationChecks.defaults());
    }

    public FaceVerifier withChecks(PresentationChecks other) {
        return new FaceVerifier(threshold, required, maxFrames, other);
    }

    /** Mean absolute difference (0–255) of the 32×24 grey thumbnails below which two frames are the same picture. */
    static final double FROZEN_MEAN_DIFFERENCE = 0.75;

    /**
     * dlib's 1 − Euclidean distance (distance 0.55): ADR 0011's margin rule on three seeded calibration halves of 95
     * images (docs/face-eval.md); ArcFace's cosine threshold was 0.40.
     */
    public static final double THRESHOLD = 0.45;

    public static FaceVerifier defaults() {
        return new FaceVerifier(THRESHOLD, 2, 8);
    }

    /** A 32×24 greyscale thumbnail: enough to tell a repeated picture from a live one, cheap to compare. */
    private static Mat signature(Mat pixels) {
        Mat grey = new Mat();
        if (pixels.channels() == 1) {
            pixels.copyTo(grey);
        } else {
            Imgproc.cvtColor(pixels, grey, pixels.channels() == 4 ? Imgproc.COLOR_BGRA2GRAY : Imgproc.COLOR_BGR2GRAY);
        }
        Mat small = new Mat();
        Imgproc.resize(grey, small, new Size(32, 24), 0, 0, Imgproc.INTER_AREA);
        grey.release();
        return small;
    }

    /**
     * Sees each live frame of a session while it is still in memory, with what the gates made of it, so the kiosk can
     * show the patient the picture and what to do ("come closer", "hold still"). Called on the verifying thread; the
     * frame is released right after, so an observer copies what it shows and keeps nothing else.
     */
    @FunctionalInterface
    public interface FrameObserver {
        /** @param issue why the frame was not scored, or null for a face that was */
        void frame(Mat bgr, QualityIssue issue);

        FrameObserver NONE = (bgr, issue) -> {};
    }

    /** True when the face the pipeline last analysed reproduces the chip photo's pixels ({@link ChipReplay}). */
    private boolean replays(Mat chipFace, FacePipeline pipeline) {
        Mat live = pipeline.lastFace();
        try {
            return checks.replayOfChipPhoto(ChipReplay.correlation(chipFace, live));
        } finally {
            live.release();
        }
    }

    public FaceDecision verify(FacePipeline pipeline, Mat chipPhotoGrey, CameraSource camera) {
        return verify(pipeline, chipPhotoGrey, camera, FrameObserver.NONE);
    }

    public FaceDecision verify(FacePipeline pipeline, Mat chipPhotoGrey, CameraSource camera, FrameObserver observer) {
        if (!(pipeline.analyseChipPhoto(chipPhotoGrey) instanceof FacePipeline.Analysis.Face enrolled)) {
            pipeline.clear();
            return new FaceDecision(FaceDecision.Decision.INCONCLUSIVE, -1, threshold, 0, 0, QualityIssue.NO_FACE);
        }
        Mat chipFace = checks.checksReplay() ? pipeline.lastFace() : null;
        int seen = 0;
        int used = 0;
        int matched = 0;
        double best = -1;
        QualityIssue lastIssue = null;
        List<Mat> signatures = new ArrayList<>();
        int frozen = 0;
        int colourless = 0;
        try {
            while (seen < maxFrames * 3 && used < maxFrames) {
                CameraSource.Capture capture = camera.next();
                if (capture instanceof CameraSource.Capture.Unavailable) {
                    lastIssue = QualityIssue.CAMERA_UNAVAILABLE;
                    break;
                }
                if (!(capture instanceof CameraSource.Capture.Got got)) {
                    break;
                }
                seen++;
                try (Frame frame = got.frame()) {
                    switch (pipeline.analyse(frame.pixels())) {
                        case FacePipeline.Analysis.Face face -> {
                            if (!checks.liveColour(frame.pixels(), face.box())) {
                                colourless++;
                                lastIssue = QualityIssue.NOT_LIVE_COLOUR;
                                observer.frame(frame.pixels(), lastIssue);
                                continue;
                            }
                            Mat signature = signature(frame.pixels());
                            if (signatures.stream()
                                    .anyMatch(earlier -> Core.norm(earlier, signature, Core.NORM_L1) / signature.total()
                                            < FROZEN_MEAN_DIFFERENCE)) {
                                signature.release();
                                frozen++;
                                lastIssue = QualityIssue.FROZEN_FRAMES;
                                observer.frame(frame.pixels(), lastIssue);
                                continue;
                            }
                            observer.frame(frame.pixels(), null);
                            signatures.add(signature);
                            used++;
                            double score = pipeline.similarity(enrolled.embedding(), face.embedding());
                            best = Math.max(best, score);
                            if (chipFace != null && replays(chipFace, pipeline)) {
                                return new FaceDecision(
                                        FaceDecision.Decision.NO_MATCH,
                                        best,
                                        threshold,
                                        used,
                                        seen,
                                        QualityIssue.CHIP_PHOTO_REPLAY);
                            }
                            if (score >= threshold && ++matched >= required) {
                                return new FaceDecision(FaceDecision.Decision.MATCH, best, threshold, used, seen, null);
                            }
                        }
                        case FacePipeline.Analysis.Issue issue -> {
                            lastIssue = issue.issue();
                            observer.frame(frame.pixels(), lastIssue);
                        }
                    }
                }
            }
        } finally {
            signatures.forEach(Mat::release);
            if (chipFace != null) {
                chipFace.setTo(new Scalar(0)); // the chip photo's pixels: not left in memory after the decision
                chipFace.release();
            }
            pipeline.clear();
        }
        if (used < required) {
            if (lastIssue != QualityIssue.CAMERA_UNAVAILABLE) {
                // A face was there but was not a live one: say which check kept it out, the commoner one first.
                if (colourless > 0 && colourless >= frozen) {
                    lastIssue = QualityIssue.NOT_LIVE_COLOUR;
                } else if (frozen > 0) {
                    lastIssue = QualityIssue.FROZEN_FRAMES;
                }
            }
            return new FaceDecision(FaceDecision.Decision.INCONCLUSIVE, best, threshold, used, seen, lastIssue);
        }
        return new FaceDecision(FaceDecision.Decision.NO_MATCH, best, threshold, used, seen, null);
    }
}
