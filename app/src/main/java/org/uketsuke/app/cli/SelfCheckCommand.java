package org.uketsuke.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.opencv.core.Core;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.face.pipeline.FaceModels;
import org.uketsuke.reader.pcsc.CardServiceUnavailableException;
import org.uketsuke.reader.pcsc.PcscReaders;
import picocli.CommandLine.Command;

/**
 * {@code uketsuke self-check}: what an installer runs after installing — the runtime has every module we need,
 * JavaFX's native toolkit libraries are there, the SQLite store opens (in a temporary folder, removed again), and the
 * card service answers (without a reader yet is fine; a service that is down is not). One JSON line per check; exit 0
 * when every required one passes, 1 otherwise.
 */
@Command(
        name = "self-check",
        mixinStandardHelpOptions = true,
        description = "Check the installation and print one JSON line per check.")
public final class SelfCheckCommand implements Callable<Integer> {

    private record Check(String name, boolean required, boolean ok, String detail) {}

    @Override
    public Integer call() {
        List<Check> checks = new ArrayList<>();
        checks.add(run("version", true, () -> VersionProvider.version()));
        checks.add(run("java-runtime", true, () -> {
            for (String module : List.of("java.smartcardio", "java.sql", "java.net.http", "jdk.net", "java.xml")) {
                if (ModuleLayer.boot().findModule(module).isEmpty()) {
                    throw new IllegalStateException("module " + module + " missing from the runtime");
                }
            }
            return System.getProperty("java.version");
        }));
        checks.add(run("javafx", true, () -> {
            try {
                Class.forName("javafx.scene.control.Button", false, getClass().getClassLoader());
                Class.forName(
                        "com.sun.glass.ui.gtk.GtkApplication", false, getClass().getClassLoader());
                return "controls and the GTK glass toolkit present";
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("JavaFX classes missing: " + e.getMessage());
            }
        }));
        checks.add(run("sqlite-store", true, () -> {
            try {
                Path dir = Files.createTempDirectory("uketsuke-self-check");
                try (RececonBridge bridge = RececonBridge.open(new BridgeConfig(
                        dir.resolve("outbox.db"),
                        dir.resolve("rececon.db"),
                        null,
                        "0000000000",
                        StandardCharsets.UTF_8))) {
                    bridge.statuses();
                }
                try (var files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
                return "outbox and store open (SQLite native library loads)";
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }));
        checks.add(run("face-models", true, () -> {
            FaceModels.checkShipped();
            return "OpenCV " + Core.VERSION + " loaded; models match their pinned sha256";
        }));
        // Asked, never started: the service manager owns pcscd, and a check that started it would hide that it is down.
        checks.add(run("card-service", true, () -> {
            try {
                return "readers: " + new PcscReaders().readers();
            } catch (CardServiceUnavailableException e) {
                throw new IllegalStateException("the card service (pcscd) is not running: " + e.getMessage(), e);
            }
        }));
        ObjectMapper json = new ObjectMapper();
        boolean allRequired = true;
        for (Check check : checks) {
            var node = json.createObjectNode()
                    .put("check", check.name())
                    .put("ok", check.ok())
                    .put("required", check.required())
                    .put("detail", check.detail());
            System.out.println(node);
            allRequired &= check.ok() || !check.required();
        }
        return allRequired ? 0 : 1;
    }

    private static Check run(String name, boolean required, Supplier<String> probe) {
        try {
            return new Check(name, required, true, probe.get());
        } catch (RuntimeException | LinkageError e) {
            return new Check(name, required, false, e.getMessage());
        }
    }
}
