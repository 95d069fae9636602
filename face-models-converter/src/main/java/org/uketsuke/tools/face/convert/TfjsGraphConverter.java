package org.uketsuke.tools.face.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a TensorFlow.js graph model ({@code model.json}: a TF GraphDef as JSON plus a weights manifest) as ONNX, for
 * the ops MediaPipe BlazeFace uses: {@code _FusedConv2D} (BiasAdd, optionally Relu), {@code DepthwiseConv2dNative},
 * {@code AddV2}, {@code Relu}, {@code MaxPool}, {@code Pad}, {@code Reshape}, {@code Identity}. TF's NHWC becomes
 * ONNX's NCHW inside the graph (input 1×C×H×W); TF's SAME padding is written as explicit pads from the tracked
 * shapes (the extra row or column at the end, as TF does); a Reshape is preceded by the transpose back to NHWC so its
 * output is TF's. Any other op is refused by name.
 */
public final class TfjsGraphConverter {

    /** A 4-D activation: its ONNX name and NCHW shape. */
    private record Activation(String name, int c, int h, int w) {}

    private final TfjsWeights weights;
    private final OnnxGraph graph = new OnnxGraph();
    private final Map<String, Activation> activations = new HashMap<>();
    private final Map<String, String> outputs = new HashMap<>();
    private final Map<String, long[]> outputDims = new HashMap<>();
    /** ONNX names of Conv outputs with no activation after them: the candidates for a fused residual add. */
    private final Set<String> plainConvs = new HashSet<>();

    private TfjsGraphConverter(TfjsWeights weights) {
        this.weights = weights;
    }

    /** Converts {@code model.json} (shards beside it); the graph outputs keep the TF.js Identity names. */
    public static byte[] convert(Path modelJson) throws IOException {
        JsonNode model = new ObjectMapper().readTree(modelJson.toFile());
        TfjsGraphConverter converter =
                new TfjsGraphConverter(TfjsWeights.read(model.get("weightsManifest"), modelJson));
        return converter.build(model.get("modelTopology").get("node"));
    }

    private byte[] build(JsonNode nodes) {
        Set<String> consumed = new HashSet<>();
        Map<String, Integer> uses = new HashMap<>();
        nodes.forEach(n -> n.path("input").forEach(i -> {
            consumed.add(base(i.asText()));
            uses.merge(base(i.asText()), 1, Integer::sum);
        }));
        long[] inputDims = null;
        List<String> graphOutputs = new ArrayList<>();
        for (JsonNode node : nodes) {
            String name = node.get("name").asText();
            String op = node.get("op").asText();
            List<String> in = new ArrayList<>();
            node.path("input").forEach(i -> in.add(base(i.asText())));
            switch (op) {
                case "Const" -> {
                    if (!weights.has(name)) {
                        throw new IllegalArgumentException("constant " + name + " has no weight");
                    }
                }
                case "Placeholder" -> {
                    JsonNode dims = node.get("attr").get("shape").get("shape").get("dim");
                    int h = dims.get(1).get("size").asInt();
                    int w = dims.get(2).get("size").asInt();
                    int c = dims.get(3).get("size").asInt();
                    inputDims = new long[] {1, c, h, w};
                    activations.put(name, new Activation("input", c, h, w));
                }
                case "_FusedConv2D" -> activations.put(name, conv(node, in, false));
                case "DepthwiseConv2dNative" -> activations.put(name, conv(node, in, true));
                case "AddV2" -> activations.put(name, add(in, uses));
                case "Relu" -> {
                    Activation a = activations.get(in.get(0));
                    activations.put(name, new Activation(graph.node("Relu", List.of(a.name())), a.c(), a.h(), a.w()));
                }
                case "MaxPool" -> activations.put(name, maxPool(node, activations.get(in.get(0))));
                case "Pad" -> activations.put(name, pad(activations.get(in.get(0)), weights.get(in.get(1))));
                case "Reshape" -> reshape(name, activations.get(in.get(0)), weights.get(in.get(1)));
                case "Identity" -> {
                    String source = in.get(0);
                    if (!outputs.containsKey(source)) {
                        throw new IllegalArgumentException("Identity " + name + " of a non-reshaped tensor");
                    }
                    outputs.put(name, outputs.get(source));
                    outputDims.put(name, outputDims.get(source));
                }
                default -> throw new IllegalArgumentException("unsupported op " + op + " (" + name + ")");
            }
            if (!consumed.contains(name) && !op.equals("Const")) {
                graphOutputs.add(name);
            }
        }
        if (inputDims == null) {
            throw new IllegalArgumentException("the graph has no Placeholder input");
        }
        List<OnnxGraph.Output> declared = new ArrayList<>();
        graphOutputs.stream()
                .sorted()
                .forEach(o -> declared.add(new OnnxGraph.Output(outputs.get(o), o, outputDims.get(o))));
        return graph.model("tfjs_graph", "input", inputDims, declared);
    }

    /**
     * A residual {@code AddV2} of a convolution's output (without activation, read by this add alone) and a shortcut,
     * written so that OpenCV 4.9's DNN (CPU) fuses the add, and the activation after it, into that
     * convolution: it does so only when the add's other input comes from a layer that precedes the convolution in the
     * graph and has no consumer but the add (net_impl_fuse.cpp). The shortcut, which also feeds the block's next
     * convolution, therefore goes through an {@code Identity} of its own, and the convolution is moved after it. Same
     * weights, same operations: the sum is the same up to the order in which the bias and the shortcut are added.
     * Any other add is written as it is.
     */
    private Activation add(List<String> in, Map<String, Integer> uses) {
        Activation a = activations.get(in.get(0));
        Activation b = activations.get(in.get(1));
        int conv = plainConvs.contains(a.name()) && uses.get(in.get(0)) == 1
                ? 0
                : plainConvs.contains(b.name()) && uses.get(in.get(1)) == 1 ? 1 : -1;
        String first = a.name();
        String second = b.name();
        if (conv >= 0) {
            String shortcut = conv == 0 ? second : first;
            if (uses.get(in.get(1 - conv)) > 1) {
                shortcut = graph.node("Identity", List.of(shortcut));
            }
            graph.moveToEnd(conv == 0 ? first : second);
            if (conv == 0) {
                second = shortcut;
            } else {
                first = shortcut;
            }
        }
        return new Activation(graph.node("Add", List.of(first, second)), a.c(), a.h(), a.w());
    }

    /** Conv2D (+ bias, + relu) or depthwise conv, SAME or VALID, as one ONNX Conv. */
    private Activation conv(JsonNode node, List<String> in, boolean depthwise) {
        Activation x = activations.get(in.get(0));
        TfjsWeights.Tensor filter = weights.get(in.get(1));
        int kh = filter.shape()[0];
        int kw = filter.shape()[1];
        int inC = filter.shape()[2];
        int outC = depthwise ? inC * filter.shape()[3] : filter.shape()[3];
        int perGroup = depthwise ? 1 : inC;
        int multiplier = depthwise ? filter.shape()[3] : 1;
        float[] oihw = new float[outC * perGroup * kh * kw];
        for (int h = 0; h < kh; h++) {
            for (int w = 0; w < kw; w++) {
                for (int i = 0; i < inC; i++) {
                    for (int o = 0; o < filter.shape()[3]; o++) {
                        float v = filter.values()[((h * kw + w) * inC + i) * filter.shape()[3] + o];
                        int onnxOut = depthwise ? i * multiplier + o : o;
                        int onnxIn = depthwise ? 0 : i;
                        oihw[((onnxOut * perGroup + onnxIn) * kh + h) * kw + w] = v;
                    }
                }
            }
        }
        String prefix = node.get("name").asText();
        List<String> inputs = new ArrayList<>(
                List.of(x.name(), graph.floats(prefix + "/w", new long[] {outC, perGroup, kh, kw}, oihw)));
        List<String> fused = fusedOps(node);
        if (!depthwise) {
            if (fused.isEmpty() || !fused.getFirst().equals("BiasAdd")) {
                throw new IllegalArgumentException(prefix + ": fused ops " + fused + " (expected BiasAdd[, Relu])");
            }
            inputs.add(graph.floats(
                    prefix + "/b", new long[] {outC}, weights.get(in.get(2)).values()));
        }
        Window window = window(node, x, kh, kw);
        String y = graph.node(
                "Conv",
                inputs,
                window.kernel(),
                window.strides(),
                window.pads(),
                new OnnxGraph.IntAttribute("group", depthwise ? inC : 1));
        if (fused.size() == 2 && fused.get(1).equals("Relu")) {
            y = graph.node("Relu", List.of(y));
        } else if (fused.size() > 1) {
            throw new IllegalArgumentException(prefix + ": unsupported fused ops " + fused);
        } else {
            plainConvs.add(y);
        }
        return new Activation(y, outC, window.h(), window.w());
    }

    private Activation maxPool(JsonNode node, Activation x) {
        int k = node.get("attr").get("ksize").get("list").get("i").get(1).asInt();
        Window window = window(node, x, k, k);
        String y = graph.node("MaxPool", List.of(x.name()), window.kernel(), window.strides(), window.pads());
        return new Activation(y, x.c(), window.h(), window.w());
    }

    /** TF paddings [[n0, n1], [h0, h1], [w0, w1], [c0, c1]] as ONNX pads (NCHW begins, then ends). */
    private Activation pad(Activation x, TfjsWeights.Tensor paddings) {
        float[] p = paddings.values();
        long[] pads = {
            (long) p[0], (long) p[6], (long) p[2], (long) p[4], (long) p[1], (long) p[7], (long) p[3], (long) p[5]
        };
        String y = graph.node("Pad", List.of(x.name(), graph.int64s(x.name() + "/pads", pads)));
        return new Activation(y, x.c() + (int) (p[6] + p[7]), x.h() + (int) (p[2] + p[3]), x.w() + (int) (p[4] + p[5]));
    }

    private void reshape(String name, Activation x, TfjsWeights.Tensor shape) {
        String nhwc = graph.node("Transpose", List.of(x.name()), new OnnxGraph.IntsAttribute("perm", 0, 2, 3, 1));
        long[] dims = new long[shape.values().length];
        long known = 1;
        int unknown = -1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (long) shape.values()[i];
            if (dims[i] < 0) {
                unknown = i;
            } else {
                known *= dims[i];
            }
        }
        String y = graph.node("Reshape", List.of(nhwc, graph.int64s(name + "/shape", dims)));
        long[] resolved = dims.clone();
        if (unknown >= 0) {
            resolved[unknown] = (long) x.c() * x.h() * x.w() / known;
        }
        outputs.put(name, y);
        outputDims.put(name, resolved);
    }

    /** A conv or pool window over an activation: its ONNX attributes and the output height and width. */
    private record Window(
            OnnxGraph.Attribute kernel, OnnxGraph.Attribute strides, OnnxGraph.Attribute pads, int h, int w) {}

    private static Window window(JsonNode node, Activation x, int kh, int kw) {
        int stride = strides(node);
        boolean same = padding(node).equals("SAME");
        int[] ph = pads(x.h(), kh, stride, same);
        int[] pw = pads(x.w(), kw, stride, same);
        return new Window(
                new OnnxGraph.IntsAttribute("kernel_shape", kh, kw),
                new OnnxGraph.IntsAttribute("strides", stride, stride),
                new OnnxGraph.IntsAttribute("pads", ph[0], pw[0], ph[1], pw[1]),
                ph[2],
                pw[2]);
    }

    /** Begin pad, end pad and output size along one axis, as TF computes SAME (extra at the end) or VALID. */
    static int[] pads(int in, int k, int stride, boolean same) {
        if (!same) {
            return new int[] {0, 0, (in - k) / stride + 1};
        }
        int out = (in + stride - 1) / stride;
        int total = Math.max((out - 1) * stride + k - in, 0);
        return new int[] {total / 2, total - total / 2, out};
    }

    private static int strides(JsonNode node) {
        JsonNode s = node.get("attr").get("strides").get("list").get("i");
        if (s.get(1).asInt() != s.get(2).asInt()) {
            throw new IllegalArgumentException(node.get("name").asText() + ": unequal strides");
        }
        return s.get(1).asInt();
    }

    private static String padding(JsonNode node) {
        return decode(node.get("attr").get("padding").get("s").asText());
    }

    private static List<String> fusedOps(JsonNode node) {
        List<String> ops = new ArrayList<>();
        node.path("attr").path("fused_ops").path("list").path("s").forEach(s -> ops.add(decode(s.asText())));
        return ops;
    }

    /** Strings in a TF.js GraphDef are base64. */
    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    /** {@code node:0} and {@code ^node} both name the node. */
    private static String base(String input) {
        String s = input.startsWith("^") ? input.substring(1) : input;
        int colon = s.indexOf(':');
        return colon < 0 ? s : s.substring(0, colon);
    }
}
