package org.uketsuke.face.pipeline;

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
 * dlib's face recogniser (public domain, via face-api.js's TF.js port, converted to ONNX at build time; ADR 0011)
 * behind the pipeline's embedding step: the face is warped onto dlib's 150 × 150 chip ({@link ChipAlignment}), goes
 * through the net, and two 128-D descriptors are compared by their Euclidean distance, the metric dlib trained for. A
 * one-channel (grey) frame — the pipeline's — is warped as one channel and its chip, bit for bit channel 0 of what its
 * three-channel copy gives, is the one input channel of the same net with its first convolution's three input channels
 * folded into one, the other two channels' mean offsets in its bias ({@link GreyFold}, {@link #takesGrey}); the
 * three-channel net, as pinned, is read when a three-channel frame first comes (tools' evaluations).
 */
public final class DlibEmbedder implements FaceEmbedder {

    private static final int SIZE = ChipAlignment.CHIP_SIZE;
    /** face-api.js's {@code normalize}: the RGB means its FaceRecognitionNet subtracts before scaling by 1/256. */
    private static final Scalar MEAN_RGB = new Scalar(122.782, 117.001, 104.298);

    private static final double SCALE = 1 / 256.0;

    /** The pinned net with its first convolution folded to the one channel of a grey frame (the pipeline's). */
    private final Net greyNet;
    /** The pinned net as converted, for three-channel frames; read when first needed. */
    private final Supplier<Net> colourNet;
    /** The grey path's buffers, kept between faces: the chip, as 8-bit and as floats, and the network's input. */
    private final Mat chip = new Mat();

    private final Mat chipFloat = new Mat();
    private final Mat input = new Mat(new int[] {1, 1, SIZE, SIZE}, CvType.CV_32F);

    private DlibEmbedder(Net greyNet, Supplier<Net> colourNet) {
        this.greyNet = greyNet;
        this.colourNet = colourNet;
    }

    /**
     * The recogniser from its ONNX bytes (the caller checks them against their pin); the bytes are kept for the
     * three-channel net, read if a three-channel frame comes (tools; the product uses {@link #shipped}).
     */
    public static DlibEmbedder fromOnnx(byte[] onnx) {
        return new DlibEmbedder(greyNet(onnx), GreyFold.lazily(() -> onnx));
    }

    /**
     * The product's recogniser: the face-models jar's pinned file; its three-channel net is re-read (and its pin
     * checked again) only if ever needed, so the 22 MB of bytes are not kept.
     */
    static DlibEmbedder shipped() {
        return new DlibEmbedder(
                greyNet(FaceModels.bytes(FaceModels.DLIB_RECOGNISER)),
                GreyFold.lazily(() -> FaceModels.bytes(FaceModels.DLIB_RECOGNISER)));
    }

    /** Input channel c is (grey − mean[c]) / 256: channel 0's plane, the others' offsets folded into the bias. */
    private static Net greyNet(byte[] onnx) {
        return GreyFold.oneChannel(onnx, MEAN_RGB.val, SCALE);
    }

    /** The input channels of the net grey frames go through (1: folded), for the tests. */
    int greyNetChannels() {
        return GreyFold.firstConvolutionChannels(greyNet);
    }

    @Override
    public float[] embed(Mat image, FacePoints points) {
        Mat transform = ChipAlignment.toChip(points);
        boolean grey = image.channels() == 1;
        Mat blob = grey ? greyInput(image, transform) : colourInput(image, transform);
        Net net = grey ? greyNet : colourNet.get();
        net.setInput(blob);
        Mat out = net.forward();
        float[] descriptor = new float[(int) out.total()];
        out.reshape(1, 1).get(0, 0, descriptor);
        for (Mat m : new Mat[] {transform, out}) {
            m.release();
        }
        if (!grey) { // the grey path's input is kept for the next face
            blob.release();
        }
        return descriptor;
    }

    /** A three-channel frame's chip made the network's input: face-api.js's RGB means subtracted, scaled by 1/256. */
    static Mat colourInput(Mat image, Mat transform) {
        Mat colourChip = new Mat();
        Imgproc.warpAffine(image, colourChip, transform, new Size(SIZE, SIZE), Imgproc.INTER_LINEAR);
        Mat blob = Dnn.blobFromImage(colourChip, SCALE, new Size(SIZE, SIZE), MEAN_RGB, true, false);
        colourChip.release();
        return blob;
    }

    /**
     * A grey frame's chip made the folded network's one-channel input: warped as one channel, then through
     * {@code blobFromImage}'s own steps for channel 0 (8-bit to float, minus channel 0's mean, times the scale).
     * Warping is per channel, so this is bit for bit channel 0 of what {@link #colourInput} gives for the frame's
     * three-channel copy ({@code GreyInputTest}).
     */
    Mat greyInput(Mat grey, Mat transform) {
        Imgproc.warpAffine(grey, chip, transform, new Size(SIZE, SIZE), Imgproc.INTER_LINEAR);
        chip.convertTo(chipFloat, CvType.CV_32F);
        Mat plane = input.reshape(1, new int[] {SIZE, SIZE});
        Core.subtract(chipFloat, new Scalar(MEAN_RGB.val[0]), plane);
        Core.multiply(plane, new Scalar(SCALE), plane);
        plane.release();
        return input;
    }

    @Override
    public boolean takesGrey() {
        return true;
    }

    @Override
    public void clear() {
        for (Mat m : new Mat[] {chip, chipFloat}) {
            if (!m.empty()) {
                m.setTo(new Scalar(0));
                m.release();
            }
        }
        input.setTo(new Scalar(0));
    }

    /**
     * 1 − Euclidean distance: dlib trained the net to put one person's descriptors within 0.6 of each other, so a
     * threshold of 0.40 is dlib's own radius; cosine does not suit this net (any two faces score about 0.8).
     */
    @Override
    public double similarity(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return 1 - Math.sqrt(d);
    }
}
