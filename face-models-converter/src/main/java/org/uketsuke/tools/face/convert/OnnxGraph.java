package org.uketsuke.tools.face.convert;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An ONNX graph being written: nodes in order, initializers, one input and one output, serialised as a ModelProto.
 * Field numbers are those of onnx.proto (ONNX IR version 6, operator set 11); see
 * docs/decisions/0011-licence-clear-face-models.md.
 */
final class OnnxGraph {

    static final int IR_VERSION = 6;
    static final int OPSET = 11;

    private static final int TENSOR_FLOAT = 1;
    private static final int TENSOR_INT64 = 7;
    private static final int ATTRIBUTE_FLOAT = 1;
    private static final int ATTRIBUTE_INT = 2;
    private static final int ATTRIBUTE_INTS = 7;

    /** A node attribute: an int, a float or a list of ints. */
    sealed interface Attribute {
        String name();

        ProtoMessage proto();
    }

    record IntAttribute(String name, long value) implements Attribute {
        @Override
        public ProtoMessage proto() {
            return new ProtoMessage().string(1, name).int64(3, value).int64(20, ATTRIBUTE_INT);
        }
    }

    record FloatAttribute(String name, float value) implements Attribute {
        @Override
        public ProtoMessage proto() {
            return new ProtoMessage().string(1, name).float32(2, value).int64(20, ATTRIBUTE_FLOAT);
        }
    }

    record IntsAttribute(String name, long... values) implements Attribute {
        @Override
        public ProtoMessage proto() {
            ProtoMessage attribute = new ProtoMessage().string(1, name);
            for (long v : values) {
                attribute.int64(8, v);
            }
            return attribute.int64(20, ATTRIBUTE_INTS);
        }
    }

    private final List<ProtoMessage> nodes = new ArrayList<>();
    private final List<String> nodeOutputs = new ArrayList<>();
    private final List<ProtoMessage> initializers = new ArrayList<>();
    private int counter;

    /** Adds a float32 initializer (little-endian raw data) and returns its name. */
    String floats(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        initializers.add(tensor(name, dims, TENSOR_FLOAT, raw.array()));
        return name;
    }

    /** Adds an int64 initializer and returns its name. */
    String int64s(String name, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        initializers.add(tensor(name, new long[] {values.length}, TENSOR_INT64, raw.array()));
        return name;
    }

    /** Appends a node and returns the name of its (single) output. */
    String node(String opType, List<String> inputs, Attribute... attributes) {
        String output = opType.toLowerCase(Locale.ROOT) + "_" + counter++;
        ProtoMessage node = new ProtoMessage();
        inputs.forEach(i -> node.string(1, i));
        node.string(2, output).string(3, output).string(4, opType);
        for (Attribute a : attributes) {
            node.message(5, a.proto());
        }
        nodes.add(node);
        nodeOutputs.add(output);
        return output;
    }

    /**
     * Moves the node whose output is {@code output} to the end of the node list. The graph stays topologically sorted
     * only if no node after it reads that output: the caller's to know.
     */
    void moveToEnd(String output) {
        int i = nodeOutputs.indexOf(output);
        if (i < 0) {
            throw new IllegalArgumentException("no node has output " + output);
        }
        nodes.add(nodes.remove(i));
        nodeOutputs.add(nodeOutputs.remove(i));
    }

    /** A graph output: the node output it is, the name it gets and its shape. */
    record Output(String node, String name, long[] dims) {}

    /** The ModelProto with this graph, its input and the given node output renamed to {@code outputName}. */
    byte[] model(
            String graphName,
            String inputName,
            long[] inputDims,
            String lastOutput,
            String outputName,
            long[] outputDims) {
        return model(graphName, inputName, inputDims, List.of(new Output(lastOutput, outputName, outputDims)));
    }

    /** The ModelProto with this graph, its input and its outputs (each an Identity of a node output). */
    byte[] model(String graphName, String inputName, long[] inputDims, List<Output> outputs) {
        for (Output o : outputs) {
            nodes.add(new ProtoMessage()
                    .string(1, o.node())
                    .string(2, o.name())
                    .string(3, o.name())
                    .string(4, "Identity"));
        }
        ProtoMessage graph = new ProtoMessage();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, graphName);
        initializers.forEach(t -> graph.message(5, t));
        graph.message(11, valueInfo(inputName, inputDims));
        outputs.forEach(o -> graph.message(12, valueInfo(o.name(), o.dims())));
        return new ProtoMessage()
                .int64(1, IR_VERSION)
                .string(2, "uketsuke-tools tfjs-to-onnx")
                .message(7, graph)
                .message(8, new ProtoMessage().string(1, "").int64(2, OPSET))
                .toByteArray();
    }

    private static ProtoMessage tensor(String name, long[] dims, int dataType, byte[] raw) {
        ProtoMessage tensor = new ProtoMessage();
        for (long d : dims) {
            tensor.int64(1, d);
        }
        return tensor.int64(2, dataType).string(8, name).bytes(9, raw);
    }

    private static ProtoMessage valueInfo(String name, long[] dims) {
        ProtoMessage shape = new ProtoMessage();
        for (long d : dims) {
            shape.message(1, new ProtoMessage().int64(1, d));
        }
        ProtoMessage tensorType = new ProtoMessage().int64(1, TENSOR_FLOAT).message(2, shape);
        return new ProtoMessage().string(1, name).message(2, new ProtoMessage().message(1, tensorType));
    }
}
