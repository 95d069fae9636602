package org.uketsuke.face;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/** Loads OpenCV's native library (bundled in the openpnp jar for every OS) once per process. */
public final class OpenCv {

    /** OpenCV's own log level, read by the library from the environment when it first logs. */
    static final String LOG_LEVEL = "OPENCV_LOG_LEVEL";

    private static volatile boolean loaded;

    private OpenCv() {}

    public static void load() {
        if (!loaded) {
            synchronized (OpenCv.class) {
                if (!loaded) {
                    quietNativeLog();
                    nu.pattern.OpenCV.loadLocally();
                    loaded = true;
                }
            }
        }
    }

    /**
     * OpenCV's video back ends print their own warnings and errors on stderr when a camera is missing (V4L2 "can't
     * open camera by index", the Orbbec back end's "Camera index out of range"): raw text a receptionist cannot act
     * on. Unless an administrator set {@value #LOG_LEVEL} (to debug a camera), it is set to SILENT in this process
     * before the library loads; the terminal reports a camera it cannot use with one typed line of its own. Where
     * the C library's {@code setenv} cannot be reached (Windows), the MSI's launcher sets the variable.
     */
    @SuppressWarnings("restricted") // the downcall to setenv; the launchers enable native access for every start
    static void quietNativeLog() {
        if (System.getenv(LOG_LEVEL) != null) {
            return;
        }
        Linker linker = Linker.nativeLinker();
        Optional<MethodHandle> setenv = linker.defaultLookup()
                .find("setenv")
                .map(symbol ->
                        linker.downcallHandle(symbol, FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT)));
        if (setenv.isEmpty()) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            int unused = (int) setenv.get().invokeExact(arena.allocateFrom(LOG_LEVEL), arena.allocateFrom("SILENT"), 0);
        } catch (Throwable e) {
            // The variable stays unset: OpenCV then logs as it would have anyway; nothing else depends on it.
        }
    }
}
