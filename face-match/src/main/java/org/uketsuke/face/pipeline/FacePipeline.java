package org.uketsuke.face.pipeline;

import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A {@link FaceLocator} (the product: MediaPipe BlazeFace and its keypoints), then a {@link FaceEmbedder} (the product:
 * the keypoints onto dlib's 150 × 150 chip and its 128-D descriptor), through OpenCV DNN (ADR 0011; ADR 0001's
 * RFB-320, landmarks and ArcFace-style embedder remain for {@code face eval}). Every image is first made greyscale — the chip
 * photo is —, so live frames are compared in the chip's conditions; the product's steps take the grey frame as it is
 * and give exactly what its three-channel copy gives, which is made only for a step that needs it (ADR 0001's).
 * Not thread-safe: one pipeline per worker.
 */
public final class FacePipeline {

    static final double MIN_FACE_WIDTH = 60;
    static final double MIN_SHARPNESS = 15;
    static final double MIN_BRIGHTNESS = 40;
    static final double MAX_BRIGHTNESS = 225;

    private final FaceLocator locator;
    private final FaceEmbedder embedder;
    // Per-frame buffers, reused (the pipeline is one per worker): no native allocation of full frames per frame.
    private final Mat grey = new Mat();
    private final Mat greyBgr = new Mat();
    private final Mat laplacian = new Mat();
    private final MatOfDouble mu = new MatOfDouble();
    private final MatOfDouble sigma = new MatOfDouble();
    /** Whether {@link #greyBgr} holds this frame's three-channel copy (made only for a step that does not take grey). */
    private boolean greyBgrMade;

    private FacePoints lastPoints;

    /** One frame's analysis: a usable face with its embedding, or the reason there is none. */
    public sealed interface Analysis {
        record Face(FaceBox box, float[] embedding) implements Analysis {}

        record Issue(QualityIssue issue) implements Analysis {}
    }

    /** The product's pipeline: BlazeFace and dlib's recogniser (ADR 0011, licence-clear). */
    public FacePipeline() {
        this(FaceEmbedder.dlib());
    }

    /** The product's detector with another embedding step. */
    public FacePipeline(FaceEmbedder embedder) {
        this(FaceLocator.blazeFace(), embedder);
    }

    /** Another detector and embedder (ADR 0001's RFB-320 and ArcFace-style nets, measured by {@code face eval}). */
    public FacePipeline(FaceLocator locator, FaceEmbedder embedder) {
        this.locator = locator;
        this.embedder = embedder;
    }

    /** Detected faces, in pixels of {@code image}. */
    public List<FaceBox> detect(Mat image) {
        return locator.detect(image);
    }

    /** Quality gates, then landmarks, alignment and embedding of the one face in the frame. */
    public Analysis analyse(Mat bgr) {
        chipConditions(bgr);
        List<FaceBox> faces = detect(locator.takesGrey() ? grey : greyBgr());
        if (faces.isEmpty()) {
            return new Analysis.Issue(QualityIssue.NO_FACE);
        }
        if (faces.stream().allMatch(f -> f.width() < MIN_FACE_WIDTH)) {
            // Only small faces (BlazeFace may also find a spurious second one at that size): the patient is too far
            // away.
            return new Analysis.Issue(QualityIssue.TOO_SMALL);
        }
        if (faces.size() > 1) {
            return new Analysis.Issue(QualityIssue.MULTIPLE_FACES);
        }
        FaceBox face = faces.getFirst();
        QualityIssue exposure = exposure(face);
        if (exposure != null) {
            return new Analysis.Issue(exposure);
        }
        lastPoints = locator.points(grey, face);
        return new Analysis.Face(face, embedder.embed(embedder.takesGrey() ? grey : greyBgr(), lastPoints));
    }

    /** Embedding of the chip photo (greyscale); smaller photos are scaled up so the face clears the minimum size. */
    public Analysis analyseChipPhoto(Mat grey) {
        Mat bgr = new Mat();
        Imgproc.cvtColor(grey, bgr, Imgproc.COLOR_GRAY2BGR);
        double scale = Math.max(1.0, 320.0 / Math.max(grey.cols(), grey.rows()));
        if (scale > 1.0) {
            Imgproc.resize(bgr, bgr, new Size(), scale, scale, Imgproc.INTER_CUBIC);
        }
        try {
            return analyse(bgr);
        } finally {
            bgr.release();
        }
    }

    /**
     * Overwrites and releases the frame buffers this pipeline keeps between frames, so no picture of a face stays in
     * memory after a decision. The next frame allocates them again.
     */
    public void clear() {
        for (Mat m : new Mat[] {grey, greyBgr, laplacian}) {
            if (!m.empty()) {
                m.setTo(new Scalar(0));
                m.release();
            }
        }
        greyBgrMade = false;
        locator.clear();
        embedder.clear();
    }

    /**
     * The grey pixels of the face {@link #analyse} last embedded, warped onto dlib's chip by the locator's points and cut
     * to the face itself (the mean face's extent on the chip and a little more), {@link ChipReplay#SIDE} square, 8-bit:
     * the same face region for any detector and recogniser, what {@link ChipReplay} compares to tell the chip picture
     * shown to the camera from a live face. A new Mat the caller releases; call it before {@link #clear}.
     */
    public Mat lastFace() {
        Mat transform = ChipAlignment.toChip(lastPoints);
        Mat chip = new Mat();
        Imgproc.warpAffine(
                grey,
                chip,
                transform,
                new Size(ChipAlignment.CHIP_SIZE, ChipAlignment.CHIP_SIZE),
                Imgproc.INTER_LINEAR,
                Core.BORDER_REPLICATE);
        Mat inner = chip.submat(ChipReplay.FACE_ON_CHIP);
        Mat face = new Mat();
        Imgproc.resize(inner, face, new Size(ChipReplay.SIDE, ChipReplay.SIDE), 0, 0, Imgproc.INTER_AREA);
        for (Mat m : new Mat[] {transform, inner, chip}) {
            m.release();
        }
        return face;
    }

    /** The embedder's similarity of two embeddings (the product's: {@link #cosine}). */
    public double similarity(float[] a, float[] b) {
        return embedder.similarity(a, b);
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot; // both are L2-normalised
    }

    /**
     * The frame in the chip's conditions: greyscale ({@link #grey}). The product's steps take it as it is; another
     * step gets it back in three channels ({@link #greyBgr()}).
     */
    private void chipConditions(Mat bgr) {
        if (bgr.channels() == 1) {
            bgr.copyTo(grey);
        } else {
            Imgproc.cvtColor(bgr, grey, bgr.channels() == 4 ? Imgproc.COLOR_BGRA2GRAY : Imgproc.COLOR_BGR2GRAY);
        }
        greyBgrMade = false;
    }

    /** This frame's grey in three channels, made at most once per frame. */
    private Mat greyBgr() {
        if (!greyBgrMade) {
            Imgproc.cvtColor(grey, greyBgr, Imgproc.COLOR_GRAY2BGR);
            greyBgrMade = true;
        }
        return greyBgr;
    }

    /** Exposure and sharpness of the face, on the grey frame. */
    private QualityIssue exposure(FaceBox face) {
        Mat crop = grey.submat(area(face));
        // 8-bit Laplacian (kernel 1) fits 16 bits exactly: the same variance as in 64-bit floats, a quarter of the
        // memory.
        Imgproc.Laplacian(crop, laplacian, CvType.CV_16S);
        Core.meanStdDev(laplacian, mu, sigma);
        double sharpness = sigma.get(0, 0)[0] * sigma.get(0, 0)[0];
        double mean = Core.mean(crop).val[0];
        crop.release();
        if (mean < MIN_BRIGHTNESS) {
            return QualityIssue.TOO_DARK;
        }
        if (mean > MAX_BRIGHTNESS) {
            return QualityIssue.TOO_BRIGHT;
        }
        return sharpness < MIN_SHARPNESS ? QualityIssue.BLURRY : null;
    }

    static Rect area(FaceBox face) {
        return new Rect(
                (int) face.x1(), (int) face.y1(), (int) Math.max(1, face.width()), (int) Math.max(1, face.height()));
    }
}
