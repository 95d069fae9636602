package org.uketsuke.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtensionsTest {

    @Test
    void aJarInAnExtensionFolderContributesItsCommands(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("extensions"));
        writeContributionJar(dir, folder.resolve("sample.jar"));

        ClassLoader loader = Extensions.loader(folder.toString());

        List<String> names = ServiceLoader.load(CommandContribution.class, loader).stream()
                .map(p -> p.get().commands().getFirst().getClass().getName())
                .toList();
        assertThat(names).containsExactly("sample.SampleCommand");
    }

    @Test
    void aMissingFolderMeansNoExtension(@TempDir Path dir) {
        assertThat(Extensions.loader(dir.resolve("not-installed").toString()))
                .isSameAs(Extensions.class.getClassLoader());
        assertThat(Extensions.loader("")).isSameAs(Extensions.class.getClassLoader());
    }

    /** Compiles a provider and a command with the JDK's compiler into a jar with its service registration. */
    private static void writeContributionJar(Path work, Path jar) throws IOException {
        Path src = Files.createDirectories(work.resolve("src/sample"));
        Files.writeString(src.resolve("SampleCommand.java"), "package sample; public class SampleCommand {}");
        Files.writeString(src.resolve("SampleContribution.java"), """
                package sample;
                public class SampleContribution implements org.uketsuke.app.cli.CommandContribution {
                    public java.util.List<Object> commands() { return java.util.List.of(new SampleCommand()); }
                }
                """);
        Path classes = Files.createDirectories(work.resolve("classes"));
        int rc = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        null,
                        "-d",
                        classes.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        src.resolve("SampleCommand.java").toString(),
                        src.resolve("SampleContribution.java").toString());
        assertThat(rc).isZero();
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream zip = new JarOutputStream(out)) {
            for (String name : List.of("sample/SampleCommand.class", "sample/SampleContribution.class")) {
                zip.putNextEntry(new JarEntry(name));
                zip.write(Files.readAllBytes(classes.resolve(name)));
            }
            zip.putNextEntry(new JarEntry("META-INF/services/" + CommandContribution.class.getName()));
            zip.write("sample.SampleContribution\n".getBytes(StandardCharsets.UTF_8));
        }
    }
}
