package org.uketsuke.tools.face;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;
import org.opencv.imgproc.Imgproc;
import org.uketsuke.face.pipeline.FaceEmbedder;
import org.uketsuke.tools.face.convert.ConvertFaceModels;
import org.uketsuke.tools.face.convert.FaceRecognitionNetConverter;

/**
 * dlib's face recogniser (public domain, via face-api.js's TF.js port, converted to ONNX at build time) behind the
 * pipeline's embedding step: the 68 landmarks are mapped by a least-squares similarity transform onto dlib's mean
 * face (the points dlib's {@code get_face_chip_details} uses: nose, eyes, outer and upper lips; 150×150 chip, padding
 * 0.25), the chip goes through the net and two 128-D descriptors are compared by their Euclidean distance, the
 * metric dlib trained for. Measured by {@code face eval --embedder dlib}; the product does not ship it (ADR 0011).
 */
final class DlibEmbedder implements FaceEmbedder {

    private static final int SIZE = FaceRecognitionNetConverter.INPUT_SIZE;
    private static final double PADDING = 0.25;

    /** dlib's mean face shape, points 17..67 of the 68-point layout, in [0, 1] (dlib image_transforms/interpolation.h). */
    private static final double[] MEAN_X = {
        0.000213256, 0.0752622, 0.18113, 0.29077, 0.393397, 0.586856, 0.689483, 0.799124, 0.904991, 0.98004, 0.490127,
        0.490127, 0.490127, 0.490127, 0.36688, 0.426036, 0.490127, 0.554217, 0.613373, 0.121737, 0.187122, 0.265825,
        0.334606, 0.260918, 0.182743, 0.645647, 0.714428, 0.793132, 0.858516, 0.79751, 0.719335, 0.254149, 0.340985,
        0.428858, 0.490127, 0.551395, 0.639268, 0.726104, 0.642159, 0.556721, 0.490127, 0.423532, 0.338094, 0.290379,
        0.428096, 0.490127, 0.552157, 0.689874, 0.553364, 0.490127, 0.42689
    };

    private static final double[] MEAN_Y = {
        0.106454, 0.038915, 0.0187482, 0.0344891, 0.0773906, 0.0773906, 0.0344891, 0.0187482, 0.038915, 0.106454,
        0.203352, 0.307009, 0.409805, 0.515625, 0.587326, 0.609345, 0.628106, 0.609345, 0.587326, 0.216423, 0.178758,
        0.179852, 0.231733, 0.245099, 0.244077, 0.231733, 0.179852, 0.178758, 0.216423, 0.244077, 0.245099, 0.780233,
        0.745405, 0.727388, 0.742578, 0.727388, 0.745405, 0.780233, 0.864805, 0.902192, 0.909281, 0.902192, 0.864805,
        0.784792, 0.778746, 0.785343, 0.778746, 0.784792, 0.824182, 0.831803, 0.824182
    };

    private final Net net;

    private DlibEmbedder(Net net) {
        this.net = net;
    }

    /** The converted net from the tools jar, checked against its pinned sha256. */
    static DlibEmbedder load() {
        String resource = "/org/uketsuke/tools/face/models/" + ConvertFaceModels.RECOGNITION_ONNX;
        try (InputStream in = DlibEmbedder.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not in the build (run the tools build)");
            }
            byte[] onnx = in.readAllBytes();
            if (!ConvertFaceModels.sha256(onnx).equals(ConvertFaceModels.RECOGNITION_SHA256)) {
                throw new IllegalStateException(resource + " does not match its pinned sha256");
            }
            MatOfByte buffer = new MatOfByte(onnx);
            Net net = Dnn.readNetFromONNX(buffer);
            buffer.release();
            return new DlibEmbedder(net);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public float[] embed(Mat image, float[] p) {
        Mat transform = toChip(p);
        Mat chip = new Mat();
        Imgproc.warpAffine(image, chip, transform, new Size(SIZE, SIZE), Imgproc.INTER_LINEAR);
        double[] mean = FaceRecognitionNetConverter.MEAN_RGB;
        Mat blob = Dnn.blobFromImage(
                chip, 1 / 256.0, new Size(SIZE, SIZE), new Scalar(mean[0], mean[1], mean[2]), true, false);
        net.setInput(blob);
        Mat out = net.forward();
        float[] descriptor = new float[(int) out.total()];
        out.reshape(1, 1).get(0, 0, descriptor);
        for (Mat m : new Mat[] {transform, chip, blob, out}) {
            m.release();
        }
        return descriptor;
    }

    /**
     * 1 − Euclidean distance: dlib trained the net to put one person's descriptors within 0.6 of each other, so the
     * verifier's 0.40 is dlib's own radius; cosine does not suit this net (any two faces score about 0.8).
     */
    @Override
    public double similarity(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return 1 - Math.sqrt(d);
    }

    /** Least-squares similarity (scale, rotation, shift) from the landmarks dlib aligns with onto its chip. */
    static Mat toChip(float[] p) {
        int n = 0;
        double sx = 0;
        double sy = 0;
        double dx = 0;
        double dy = 0;
        for (int i = 27; i < 68; i++) {
            if (used(i)) {
                sx += p[2 * i];
                sy += p[2 * i + 1];
                dx += chipX(i);
                dy += chipY(i);
                n++;
            }
        }
        sx /= n;
        sy /= n;
        dx /= n;
        dy /= n;
        double a = 0;
        double b = 0;
        double norm = 0;
        for (int i = 27; i < 68; i++) {
            if (used(i)) {
                double px = p[2 * i] - sx;
                double py = p[2 * i + 1] - sy;
                double qx = chipX(i) - dx;
                double qy = chipY(i) - dy;
                a += px * qx + py * qy;
                b += px * qy - py * qx;
                norm += px * px + py * py;
            }
        }
        a /= norm;
        b /= norm;
        Mat m = new Mat(2, 3, CvType.CV_64F);
        m.put(0, 0, a, -b, dx - (a * sx - b * sy), b, a, dy - (b * sx + a * sy));
        return m;
    }

    /** dlib leaves out the eyebrows (17–26), the lower outer lip (55–59) and the lower inner lip (65–67). */
    private static boolean used(int i) {
        return !(i >= 55 && i <= 59) && !(i >= 65);
    }

    private static double chipX(int i) {
        return (PADDING + MEAN_X[i - 17]) / (2 * PADDING + 1) * SIZE;
    }

    private static double chipY(int i) {
        return (PADDING + MEAN_Y[i - 17]) / (2 * PADDING + 1) * SIZE;
    }
}
