package org.uketsuke.tools.face.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named tensors of a TensorFlow.js weights manifest and its binary shards, as float32. Follows the format
 * tensorflow.js documents for {@code tf.io.decodeWeights}: each group's shards are concatenated, tensors follow in
 * manifest order, little-endian; a quantised tensor holds uint8/uint16 values q that stand for {@code q·scale + min}.
 */
public final class TfjsWeights {

    /** One tensor: TF.js shape (NHWC / HWIO order) and its values in row-major order. */
    public record Tensor(int[] shape, float[] values) {}

    private final Map<String, Tensor> tensors;

    private TfjsWeights(Map<String, Tensor> tensors) {
        this.tensors = tensors;
    }

    /** Reads {@code manifest} and the shards it names from the same folder. */
    public static TfjsWeights read(Path manifest) throws IOException {
        return read(new ObjectMapper().readTree(manifest.toFile()), manifest);
    }

    /** The weight groups of a manifest (or of a graph model's {@code weightsManifest}), shards beside {@code manifest}. */
    public static TfjsWeights read(JsonNode groups, Path manifest) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (JsonNode group : groups) {
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            for (JsonNode shard : group.get("paths")) {
                data.writeBytes(Files.readAllBytes(manifest.resolveSibling(shard.asText())));
            }
            ByteBuffer buffer = ByteBuffer.wrap(data.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            for (JsonNode weight : group.get("weights")) {
                int[] shape = new int[weight.get("shape").size()];
                int count = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = weight.get("shape").get(i).asInt();
                    count *= shape[i];
                }
                tensors.put(weight.get("name").asText(), new Tensor(shape, values(weight, buffer, count)));
            }
            if (buffer.hasRemaining()) {
                throw new IOException(manifest + ": " + buffer.remaining() + " bytes in the shards no weight uses");
            }
        }
        return new TfjsWeights(tensors);
    }

    private static float[] values(JsonNode weight, ByteBuffer buffer, int count) throws IOException {
        float[] values = new float[count];
        JsonNode quantization = weight.get("quantization");
        String dtype = weight.get("dtype").asText();
        if (quantization == null) {
            for (int i = 0; i < count; i++) {
                values[i] = switch (dtype) {
                    case "float32" -> buffer.getFloat();
                    case "int32" -> buffer.getInt(); // shapes and paddings: small integers, exact in a float
                    default -> throw new IOException("unsupported weight dtype " + dtype + " of " + weight.get("name"));
                };
            }
            return values;
        }
        double scale = quantization.get("scale").asDouble();
        double min = quantization.get("min").asDouble();
        String stored = quantization.get("dtype").asText();
        for (int i = 0; i < count; i++) {
            int q = switch (stored) {
                case "uint8" -> Byte.toUnsignedInt(buffer.get());
                case "uint16" -> Short.toUnsignedInt(buffer.getShort());
                default -> throw new IOException("unsupported quantisation " + stored + " of " + weight.get("name"));
            };
            values[i] = (float) (q * scale + min);
        }
        return values;
    }

    /** The tensor of that name; a missing one is an error of the manifest, not of the caller. */
    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the manifest has no weight " + name);
        }
        return t;
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    public int size() {
        return tensors.size();
    }
}
