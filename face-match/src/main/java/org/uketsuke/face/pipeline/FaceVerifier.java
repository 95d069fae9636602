package org.uketsuke.face.pipeline;

import org.opencv.core.Mat;
import org.uketsuke.face.camera.CameraSource;
import org.uketsuke.face.camera.Frame;

/**
 * Decides over several live frames whether the person in front of the camera is the one in the chip photo: MATCH
 * once {@code required} frames score at or above the threshold, NO_MATCH when {@code maxFrames} usable frames did
 * not, INCONCLUSIVE when too few frames passed the quality gates. Frames are cleared as soon as they are scored.
 *
 * @param threshold cosine similarity (0.40: FRR 0.6 %, FAR 0/4,110 on the measurements in shared/facts/face.md)
 */
public record FaceVerifier(double threshold, int required, int maxFrames) {

    public static FaceVerifier defaults() {
        return new FaceVerifier(0.40, 2, 8);
    }

    public FaceDecision verify(FacePipeline pipeline, Mat chipPhotoGrey, CameraSource camera) {
        if (!(pipeline.analyseChipPhoto(chipPhotoGrey) instanceof FacePipeline.Analysis.Face enrolled)) {
            return new FaceDecision(FaceDecision.Decision.INCONCLUSIVE, -1, threshold, 0, 0, QualityIssue.NO_FACE);
        }
        int seen = 0;
        int used = 0;
        int matched = 0;
        double best = -1;
        QualityIssue lastIssue = null;
        while (seen < maxFrames * 3 && used < maxFrames) {
            if (!(camera.next() instanceof CameraSource.Capture.Got got)) {
                break;
            }
            seen++;
            try (Frame frame = got.frame()) {
                switch (pipeline.analyse(frame.pixels())) {
                    case FacePipeline.Analysis.Face face -> {
                        used++;
                        double score = FacePipeline.cosine(enrolled.embedding(), face.embedding());
                        best = Math.max(best, score);
                        if (score >= threshold && ++matched >= required) {
                            return new FaceDecision(FaceDecision.Decision.MATCH, best, threshold, used, seen, null);
                        }
                    }
                    case FacePipeline.Analysis.Issue issue -> lastIssue = issue.issue();
                }
            }
        }
        if (used < required) {
            return new FaceDecision(FaceDecision.Decision.INCONCLUSIVE, best, threshold, used, seen, lastIssue);
        }
        return new FaceDecision(FaceDecision.Decision.NO_MATCH, best, threshold, used, seen, null);
    }
}
