package org.uketsuke.face.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;
import org.opencv.imgproc.Imgproc;

/**
 * MediaPipe BlazeFace through OpenCV DNN (the graph converted from TF.js at build time, ADR 0011): the frame is
 * letterboxed into the 256 × 256 input (centred, black bars, as MediaPipe's {@code ImageToTensorCalculator} with
 * {@code keep_aspect_ratio}) with a margin — its longer side takes 1 / {@link #MARGIN} of the input —, normalised to
 * [−1, 1], and the four outputs are decoded by {@link BlazeFace}. The keypoints come with the detection, so
 * {@link #points} needs no second network. A one-channel (grey) frame — the pipeline's — is scaled as one channel and
 * its plane, bit for bit channel 0 of what its three-channel copy gives, is the one input channel of the same net with
 * its first convolution's three identical input channels folded into one ({@link GreyFold}, {@link #takesGrey}); the
 * three-channel net, as pinned, is read when a three-channel frame first comes (tools' evaluations).
 */
public final class BlazeFaceLocator implements FaceLocator {

    /** The converted graph keeps TF.js's output names: scores then regressors, 16 × 16 × 2 anchors then 8 × 8 × 6. */
    private static final List<String> OUTPUTS = List.of("Identity", "Identity_1", "Identity_2", "Identity_3");

    /**
     * The input square is this many times the frame's longer side. A face filling the frame (a chip photo's head crop,
     * LFW-style crops) gets half-face detections and keypoints pulled towards the face's centre from the model; with
     * the frame at two thirds of the input, on the 95 images of docs/face-eval.md, enrolment failures fell from 17 to 6
     * and the EER from 1.80 % to 0.09 % (1.25: 0.18 %, 2: 0.16 %).
     */
    static final double MARGIN = 1.5;

    /** MediaPipe's normalisation to [−1, 1]: (pixel − 127.5) / 127.5. */
    private static final Scalar MEAN = new Scalar(127.5, 127.5, 127.5);

    private static final double SCALE = 1 / 127.5;

    /** The pinned net with its first convolution folded to the one channel of a grey frame (the pipeline's). */
    private final Net greyNet;
    /** The pinned net as converted, for three-channel frames; read when first needed. */
    private final Supplier<Net> colourNet;

    private final float minScore;
    private final Mat letterbox = new Mat();
    /** The grey path's buffers, kept between frames: the scaled frame, as 8-bit and as normalised floats, and the input. */
    private final Mat scaled = new Mat();

    private final Mat normalised = new Mat();
    private final Mat input = new Mat(new int[] {1, 1, BlazeFace.INPUT_SIZE, BlazeFace.INPUT_SIZE}, CvType.CV_32F);
    /** The letterbox whose bars {@link #input} holds (they stay while frames keep their size). */
    private Letterbox barsOf;

    private final List<Mat> outputs = new ArrayList<>(4);
    private final float[] logits = new float[BlazeFace.ANCHORS];
    private final float[] regressors = new float[BlazeFace.ANCHORS * BlazeFace.VALUES_PER_ANCHOR];
    private List<FaceBox> lastBoxes = List.of();
    private List<float[]> lastKeypoints = List.of();

    private BlazeFaceLocator(Net greyNet, Supplier<Net> colourNet, float minScore) {
        this.greyNet = greyNet;
        this.colourNet = colourNet;
        this.minScore = minScore;
    }

    /**
     * The detector from its ONNX bytes (the caller checks them against their pin), at MediaPipe's score threshold; the
     * bytes are kept for the three-channel net, read if a three-channel frame comes.
     */
    public static BlazeFaceLocator fromOnnx(byte[] onnx) {
        return new BlazeFaceLocator(greyNet(onnx), GreyFold.lazily(() -> onnx), BlazeFace.MIN_SCORE);
    }

    /** The product's detector: the face-models jar's pinned file; its three-channel net re-read only if ever needed. */
    static BlazeFaceLocator shipped() {
        return new BlazeFaceLocator(
                greyNet(FaceModels.bytes(FaceModels.BLAZEFACE)),
                GreyFold.lazily(() -> FaceModels.bytes(FaceModels.BLAZEFACE)),
                BlazeFace.MIN_SCORE);
    }

    /** Every input channel is (grey − 127.5) / 127.5: one plane, the same weights summed over the three channels. */
    private static Net greyNet(byte[] onnx) {
        return GreyFold.oneChannel(onnx, MEAN.val, SCALE);
    }

    /** The input channels of the net grey frames go through (1: folded), for the tests. */
    int greyNetChannels() {
        return GreyFold.firstConvolutionChannels(greyNet);
    }

    /** How a frame sits in the network's input square. */
    record Letterbox(double scale, int width, int height, int padX, int padY) {

        static Letterbox of(int cols, int rows) {
            double scale = BlazeFace.INPUT_SIZE / (MARGIN * Math.max(cols, rows));
            int w = (int) Math.round(cols * scale);
            int h = (int) Math.round(rows * scale);
            return new Letterbox(scale, w, h, (BlazeFace.INPUT_SIZE - w) / 2, (BlazeFace.INPUT_SIZE - h) / 2);
        }

        double x(double unit) {
            return (unit * BlazeFace.INPUT_SIZE - padX) / scale;
        }

        double y(double unit) {
            return (unit * BlazeFace.INPUT_SIZE - padY) / scale;
        }
    }

    /** The decoded faces of {@code image}, in units of the input square (before mapping to pixels). */
    List<BlazeFace.Detection> detections(Mat image, Letterbox box) {
        boolean grey = image.channels() == 1;
        Mat blob = grey ? greyInput(image, box) : colourInput(image, box);
        Net net = grey ? greyNet : colourNet.get();
        net.setInput(blob);
        outputs.clear();
        net.forward(outputs, OUTPUTS);
        if (!grey) { // the grey path's input is kept for the next frame
            blob.release();
        }
        int strideSixteen = 16 * 16 * 2;
        read(outputs.get(0), logits, 0, strideSixteen);
        read(outputs.get(1), logits, strideSixteen, BlazeFace.ANCHORS - strideSixteen);
        read(outputs.get(2), regressors, 0, strideSixteen * BlazeFace.VALUES_PER_ANCHOR);
        read(
                outputs.get(3),
                regressors,
                strideSixteen * BlazeFace.VALUES_PER_ANCHOR,
                (BlazeFace.ANCHORS - strideSixteen) * BlazeFace.VALUES_PER_ANCHOR);
        outputs.forEach(Mat::release);
        return BlazeFace.withoutContained(BlazeFace.decode(logits, regressors, minScore));
    }

    /** A three-channel frame letterboxed and made the network's input, as MediaPipe does (RGB, [−1, 1]). */
    Mat colourInput(Mat image, Letterbox box) {
        int w = box.width();
        int h = box.height();
        Imgproc.resize(image, letterbox, new Size(w, h), 0, 0, Imgproc.INTER_LINEAR);
        Core.copyMakeBorder(
                letterbox,
                letterbox,
                box.padY(),
                BlazeFace.INPUT_SIZE - h - box.padY(),
                box.padX(),
                BlazeFace.INPUT_SIZE - w - box.padX(),
                Core.BORDER_CONSTANT,
                new Scalar(0, 0, 0));
        return Dnn.blobFromImage(
                letterbox, SCALE, new Size(BlazeFace.INPUT_SIZE, BlazeFace.INPUT_SIZE), MEAN, true, false);
    }

    /**
     * A grey frame made the folded network's one-channel input: scaled as one channel, normalised with
     * {@code blobFromImage}'s own steps (8-bit to float, minus the mean, times the scale), its plane copied into the
     * input inside bars of normalised black. Resizing is per channel, so this is bit for bit each channel of what
     * {@link #colourInput} gives for the frame's three-channel copy ({@code GreyInputTest}); a fifth of the pixels to
     * scale and normalise, one plane to write, and one input buffer kept between frames.
     */
    Mat greyInput(Mat grey, Letterbox box) {
        int w = box.width();
        int h = box.height();
        int side = BlazeFace.INPUT_SIZE;
        Mat plane = input.reshape(1, new int[] {side, side});
        if (!box.equals(barsOf)) {
            Mat black = new Mat(1, 1, CvType.CV_8U, new Scalar(0));
            plane.setTo(new Scalar(normalise(black).get(0, 0)[0]));
            black.release();
            barsOf = box;
        }
        Imgproc.resize(grey, scaled, new Size(w, h), 0, 0, Imgproc.INTER_LINEAR);
        normalise(scaled);
        Mat window = plane.submat(box.padY(), box.padY() + h, box.padX(), box.padX() + w);
        normalised.copyTo(window);
        window.release();
        plane.release();
        return input;
    }

    /** {@code blobFromImage}'s arithmetic on one channel, into {@link #normalised} (returned). */
    private Mat normalise(Mat eightBit) {
        eightBit.convertTo(normalised, CvType.CV_32F);
        Core.subtract(normalised, MEAN, normalised);
        Core.multiply(normalised, new Scalar(SCALE, SCALE, SCALE), normalised);
        return normalised;
    }

    @Override
    public boolean takesGrey() {
        return true;
    }

    @Override
    public void clear() {
        for (Mat m : new Mat[] {letterbox, scaled, normalised}) {
            if (!m.empty()) {
                m.setTo(new Scalar(0));
                m.release();
            }
        }
        input.setTo(new Scalar(0));
        barsOf = null;
    }

    private static void read(Mat output, float[] into, int offset, int count) {
        if (output.total() != count) {
            throw new IllegalStateException("BlazeFace output of " + output.total() + " values, expected " + count);
        }
        float[] values = new float[count];
        Mat flat = output.reshape(1, 1);
        flat.get(0, 0, values);
        flat.release();
        System.arraycopy(values, 0, into, offset, count);
    }

    @Override
    public List<FaceBox> detect(Mat image) {
        Letterbox box = Letterbox.of(image.cols(), image.rows());
        List<FaceBox> faces = new ArrayList<>();
        List<float[]> keypoints = new ArrayList<>();
        for (BlazeFace.Detection d : detections(image, box)) {
            double x1 = Math.max(0, box.x(d.x1()));
            double y1 = Math.max(0, box.y(d.y1()));
            double x2 = Math.min(image.cols() - 1, box.x(d.x2()));
            double y2 = Math.min(image.rows() - 1, box.y(d.y2()));
            if (x2 <= x1 || y2 <= y1) {
                continue; // a box wholly in the letterbox bars
            }
            faces.add(new FaceBox(x1, y1, x2, y2, d.score()));
            float[] xy = new float[2 * d.keypoints().size()];
            for (int k = 0; k < d.keypoints().size(); k++) {
                xy[2 * k] = (float) box.x(d.keypoints().get(k).x());
                xy[2 * k + 1] = (float) box.y(d.keypoints().get(k).y());
            }
            keypoints.add(xy);
        }
        lastBoxes = faces;
        lastKeypoints = keypoints;
        return faces;
    }

    @Override
    public FacePoints points(Mat grey, FaceBox face) {
        for (int i = 0; i < lastBoxes.size(); i++) {
            if (lastBoxes.get(i).equals(face)) {
                return new FacePoints.Keypoints6(lastKeypoints.get(i).clone());
            }
        }
        throw new IllegalArgumentException("the face was not found by this locator's last detection");
    }
}
