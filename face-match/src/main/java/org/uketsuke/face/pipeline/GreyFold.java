package org.uketsuke.face.pipeline;

import java.util.List;
import java.util.function.Supplier;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;

/**
 * A grey frame gives a network three input channels that differ only by a constant: channel c is (grey − mean[c]) ×
 * scale, which is channel 0's plane plus (mean[0] − mean[c]) × scale. So the first convolution's three input channels
 * can be folded into one, with the same weights: each output channel's kernel is the sum of its three kernels, and the
 * other channels' constant offsets go into its bias (their kernels times the offset, summed over the taps). The net then
 * reads channel 0's plane alone: a third of the first convolution's multiplications and of the input to write. Exact
 * arithmetic but for float rounding (a sum of three products becomes a product of a sum); where the offsets are not zero
 * the convolution must not pad, as padding adds zeros and not the offset — {@code GreyInputTest} compares the folded
 * net with the pinned one on real frames, which a padded convolution would fail at its borders.
 */
final class GreyFold {

    private GreyFold() {}

    /** The net as its ONNX bytes give it (the caller checked them against their pin). */
    static Net read(byte[] onnx) {
        MatOfByte buffer = new MatOfByte(onnx);
        Net net = Dnn.readNetFromONNX(buffer);
        buffer.release();
        return net;
    }

    /** A supplier that reads the net when first asked and then keeps it: the three-channel net, which only tools use. */
    static Supplier<Net> lazily(Supplier<byte[]> onnx) {
        return new Supplier<>() {
            private Net net;

            @Override
            public synchronized Net get() {
                if (net == null) {
                    net = read(onnx.get());
                }
                return net;
            }
        };
    }

    /**
     * The net from {@code onnx} with its first convolution taking one channel: channel 0 of what {@code blobFromImage}
     * with these per-channel means (the first three values) and this scale makes of a three-channel copy of a grey
     * frame.
     */
    static Net oneChannel(byte[] onnx, double[] means, double scale) {
        Net net = read(onnx);
        String first = firstConvolution(net);
        Mat weights = net.getParam(first, 0);
        if (weights.dims() != 4 || weights.size(1) != 3 || means.length < 3) {
            throw new IllegalStateException("the first convolution does not take three channels");
        }
        int outputs = weights.size(0);
        int taps = weights.size(2) * weights.size(3);
        float[] all = new float[outputs * 3 * taps];
        weights.reshape(1, 1).get(0, 0, all);
        float[] folded = new float[outputs * taps];
        double[] offsets = new double[outputs];
        for (int o = 0; o < outputs; o++) {
            for (int c = 0; c < 3; c++) {
                double offset = (means[0] - means[c]) * scale;
                for (int t = 0; t < taps; t++) {
                    float w = all[(o * 3 + c) * taps + t];
                    folded[o * taps + t] += w;
                    offsets[o] += w * offset;
                }
            }
        }
        Mat oneChannel = new Mat(new int[] {outputs, 1, weights.size(2), weights.size(3)}, CvType.CV_32F);
        oneChannel.reshape(1, 1).put(0, 0, folded);
        net.setParam(first, 0, oneChannel);
        if (means[1] != means[0] || means[2] != means[0]) {
            Mat bias = net.getParam(first, 1);
            if (bias.total() != outputs) {
                throw new IllegalStateException("the first convolution's bias has " + bias.total() + " values");
            }
            float[] values = new float[outputs];
            Mat flat = bias.reshape(1, 1);
            flat.get(0, 0, values);
            for (int o = 0; o < outputs; o++) {
                values[o] = (float) (values[o] + offsets[o]);
            }
            Mat shifted = new Mat(bias.rows(), bias.cols(), CvType.CV_32F);
            shifted.reshape(1, 1).put(0, 0, values);
            net.setParam(first, 1, shifted);
        }
        return net;
    }

    /** The first layer of type Convolution, by OpenCV's order of the graph's layers. */
    static String firstConvolution(Net net) {
        List<String> names = net.getLayerNames();
        for (String name : names) {
            if ("Convolution".equals(net.getLayer(net.getLayerId(name)).get_type())) {
                return name;
            }
        }
        throw new IllegalStateException("the net has no convolution");
    }

    /** The number of input channels of the net's first convolution's kernels (3 as converted, 1 folded). */
    static int firstConvolutionChannels(Net net) {
        return net.getParam(firstConvolution(net), 0).size(1);
    }
}
