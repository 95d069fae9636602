package org.uketsuke.tools.face.convert;

import java.util.List;

/**
 * Writes face-api.js's FaceRecognitionNet (the TensorFlow.js port of dlib's ResNet face recogniser, 150×150 RGB in,
 * 128-D descriptor out) as an ONNX graph OpenCV's DNN loads. The layer sequence is face-api.js 0.22.2's
 * {@code FaceRecognitionNet.forwardInput}; each TF.js conv + scale pair is folded into one Conv (weights × scale,
 * bias × scale + shift), TF's NHWC/HWIO order becomes ONNX's NCHW/OIHW.
 *
 * <p>Input {@code input} 1×3×150×150 RGB, already normalised as dlib and face-api.js do:
 * {@code (pixel − mean RGB (122.782, 117.001, 104.298)) / 256}. Output {@code descriptor} 1×128.
 */
public final class FaceRecognitionNetConverter {

    /** Per-channel mean subtracted before the 1/256 scale (dlib's input_rgb_image). */
    public static final double[] MEAN_RGB = {122.782, 117.001, 104.298};

    public static final int INPUT_SIZE = 150;

    private final TfjsWeights weights;
    private final OnnxGraph graph = new OnnxGraph();
    private int channels = 3;
    private int size = INPUT_SIZE;

    private FaceRecognitionNetConverter(TfjsWeights weights) {
        this.weights = weights;
    }

    public static byte[] convert(TfjsWeights weights) {
        return new FaceRecognitionNetConverter(weights).build();
    }

    private byte[] build() {
        String x = conv("input", "conv32_down", 2, true);
        x = graph.node(
                "MaxPool",
                List.of(x),
                new OnnxGraph.IntsAttribute("kernel_shape", 3, 3),
                new OnnxGraph.IntsAttribute("strides", 2, 2));
        size = (size - 3) / 2 + 1;
        x = residual(x, "conv32_1");
        x = residual(x, "conv32_2");
        x = residual(x, "conv32_3");
        x = residualDown(x, "conv64_down");
        x = residual(x, "conv64_1");
        x = residual(x, "conv64_2");
        x = residual(x, "conv64_3");
        x = residualDown(x, "conv128_down");
        x = residual(x, "conv128_1");
        x = residual(x, "conv128_2");
        x = residualDown(x, "conv256_down");
        x = residual(x, "conv256_1");
        x = residual(x, "conv256_2");
        x = residualDown(x, "conv256_down_out");
        x = graph.node("GlobalAveragePool", List.of(x));
        x = graph.node("Flatten", List.of(x), new OnnxGraph.IntAttribute("axis", 1));
        TfjsWeights.Tensor fc = weights.get("fc");
        // B stored N × K with transB=1: OpenCV before 4.7 (Debian's python3-opencv 4.6, the bench's Python reference)
        // takes the output count from the wrong axis of a K × N B.
        int k = fc.shape()[0];
        int n = fc.shape()[1];
        String fcName = graph.floats("fc", new long[] {n, k}, transposed(fc.values(), k, n));
        x = graph.node("Gemm", List.of(x, fcName), new OnnxGraph.IntAttribute("transB", 1));
        return graph.model(
                "face_recognition_net",
                "input",
                new long[] {1, 3, INPUT_SIZE, INPUT_SIZE},
                x,
                "descriptor",
                new long[] {1, fc.shape()[1]});
    }

    /** conv → add bias → scale (× weights + biases) → relu?, TF padding 'valid' at stride 2, 'same' at stride 1. */
    private String conv(String x, String prefix, int stride, boolean relu) {
        TfjsWeights.Tensor filters = weights.get(prefix + "/conv/filters");
        float[] bias = weights.get(prefix + "/conv/bias").values();
        float[] scale = weights.get(prefix + "/scale/weights").values();
        float[] shift = weights.get(prefix + "/scale/biases").values();
        int kh = filters.shape()[0];
        int kw = filters.shape()[1];
        int in = filters.shape()[2];
        int out = filters.shape()[3];
        if (in != channels) {
            throw new IllegalArgumentException(prefix + " expects " + in + " channels, the graph has " + channels);
        }
        float[] oihw = new float[out * in * kh * kw];
        for (int h = 0; h < kh; h++) {
            for (int w = 0; w < kw; w++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        oihw[((o * in + i) * kh + h) * kw + w] =
                                filters.values()[((h * kw + w) * in + i) * out + o] * scale[o];
                    }
                }
            }
        }
        float[] folded = new float[out];
        for (int o = 0; o < out; o++) {
            folded[o] = bias[o] * scale[o] + shift[o];
        }
        String w = graph.floats(prefix + "/w", new long[] {out, in, kh, kw}, oihw);
        String b = graph.floats(prefix + "/b", new long[] {out}, folded);
        long pad = stride == 1 ? kh / 2 : 0;
        String y = graph.node(
                "Conv",
                List.of(x, w, b),
                new OnnxGraph.IntsAttribute("kernel_shape", kh, kw),
                new OnnxGraph.IntsAttribute("strides", stride, stride),
                new OnnxGraph.IntsAttribute("pads", pad, pad, pad, pad));
        channels = out;
        size = stride == 1 ? size : (size - kh) / stride + 1;
        return relu ? graph.node("Relu", List.of(y)) : y;
    }

    private String residual(String x, String prefix) {
        String out = conv(x, prefix + "/conv1", 1, true);
        out = conv(out, prefix + "/conv2", 1, false);
        return graph.node("Relu", List.of(graph.node("Add", List.of(out, x))));
    }

    /**
     * The down-sampling block: the convolution path at stride 2 plus a 2×2 average pool of the input, zero-padded
     * to the convolution's channels, and the convolution's result zero-padded by one row and column where its size
     * came out one smaller than the pool's (face-api.js's residualDown).
     */
    private String residualDown(String x, String prefix) {
        int inChannels = channels;
        int inSize = size;
        String out = conv(x, prefix + "/conv1", 2, true);
        out = conv(out, prefix + "/conv2", 1, false);
        int pooledSize = inSize / 2;
        String pooled = graph.node(
                "AveragePool",
                List.of(x),
                new OnnxGraph.IntsAttribute("kernel_shape", 2, 2),
                new OnnxGraph.IntsAttribute("strides", 2, 2));
        if (pooledSize != size) {
            if (pooledSize != size + 1) {
                throw new IllegalStateException(prefix + ": pool " + pooledSize + " vs conv " + size);
            }
            out = graph.node("Pad", List.of(out, graph.int64s(prefix + "/pad_hw", 0, 0, 0, 0, 0, 0, 1, 1)));
            size = pooledSize;
        }
        if (inChannels != channels) {
            pooled = graph.node(
                    "Pad",
                    List.of(pooled, graph.int64s(prefix + "/pad_c", 0, 0, 0, 0, 0, channels - inChannels, 0, 0)));
        }
        return graph.node("Relu", List.of(graph.node("Add", List.of(pooled, out))));
    }

    /** A row-major {@code rows × cols} matrix as {@code cols × rows}. */
    private static float[] transposed(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }
}
