package org.uketsuke.mockbackend;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import javax.management.MBeanServerFactory;
import org.eclipse.jetty.util.MemoryUtils;

/**
 * Run in a JVM of its own by {@link JettyCacheLineTest}: serves a mock backend on the state folder {@code args[0]},
 * then prints whether the platform MBean server was made, Jetty's references per cache line and the value Jetty's own
 * rule gives on this JVM.
 */
final class JettyCacheLineProbe {

    private JettyCacheLineProbe() {}

    public static void main(String[] args) throws Exception {
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(Path.of(args[0]), 0, 42L, 5))) {
            // Every MBean server made through MBeanServerFactory, the platform's among them, is listed here.
            System.out.println(
                    "mbean-servers=" + MBeanServerFactory.findMBeanServer(null).size());
            System.out.println("jetty=" + MemoryUtils.getReferencesPerCacheLine());
            boolean compressed = Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseCompressedOops")
                    .getValue());
            System.out.println("rule="
                    + (compressed ? MemoryUtils.getIntegersPerCacheLine() : MemoryUtils.getLongsPerCacheLine()));
        }
    }
}
