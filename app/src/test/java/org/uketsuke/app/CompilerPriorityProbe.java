package org.uketsuke.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * {@link CompilerPriorityTest}'s child JVM: lowers the compilers as a windowed start does, prints what
 * {@link CompilerPriority#lower} said, then one {@code thread NAME NICE} line per live thread, read from the kernel.
 */
public final class CompilerPriorityProbe {

    private CompilerPriorityProbe() {}

    public static void main(String[] args) throws IOException {
        System.out.println("said " + CompilerPriority.lower());
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String stat = Files.readString(task.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                // After the name: state is field 3; nice is field 19, the 17th after the name.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                System.out.println("thread " + name.replace(' ', '_') + " " + fields[16]);
            }
        }
    }
}
