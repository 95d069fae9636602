package org.uketsuke.tools.face.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The build step (tools' {@code process-classes}): converts the fetched TF.js recognition weights into
 * {@code face_recognition_dlib.onnx} and refuses a result whose sha256 is not the pinned one, so a changed converter
 * or input cannot slip through unnoticed. A converted file whose sha256 is the pinned one is kept in the cache
 * ({@code ~/.cache/uketsuke/onnx}) and copied from there on later builds.
 *
 * <p>{@code ConvertFaceModels TFJS_DIR OUT_DIR}
 */
public final class ConvertFaceModels {

    public static final String RECOGNITION_ONNX = "face_recognition_dlib.onnx";

    /** sha256 of the converter's output for the pinned weights of fetch-tfjs-models.sh. */
    public static final String RECOGNITION_SHA256 = "bbb4dbbe554f55a7e8098fed5f26b76ed8d06736e84d992f333a005f4617e58d";

    private ConvertFaceModels() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ConvertFaceModels TFJS_DIR OUT_DIR");
        }
        convert(Path.of(args[0]), Path.of(args[1]), cache());
    }

    /** Writes the recognition net to {@code outDir}, from the cache when it holds the pinned file. */
    public static Path convert(Path tfjsDir, Path outDir, Path cacheDir) throws IOException {
        Files.createDirectories(outDir);
        Path target = outDir.resolve(RECOGNITION_ONNX);
        Path cached = cacheDir.resolve(RECOGNITION_SHA256 + ".onnx");
        if (Files.isRegularFile(cached) && sha256(Files.readAllBytes(cached)).equals(RECOGNITION_SHA256)) {
            Files.copy(cached, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
        byte[] onnx = FaceRecognitionNetConverter.convert(
                TfjsWeights.read(tfjsDir.resolve("face_recognition_model-weights_manifest.json")));
        String sha = sha256(onnx);
        if (!sha.equals(RECOGNITION_SHA256)) {
            throw new IllegalStateException("the converted " + RECOGNITION_ONNX + " has sha256 " + sha
                    + ", not the pinned " + RECOGNITION_SHA256
                    + ": the converter or its input changed; check the equivalence test, then update the pin");
        }
        Files.write(target, onnx);
        Files.createDirectories(cacheDir);
        Files.write(cached, onnx);
        return target;
    }

    static Path cache() {
        String dir = System.getenv("UKETSUKE_CACHE");
        return (dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "uketsuke"))
                .resolve("onnx");
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
