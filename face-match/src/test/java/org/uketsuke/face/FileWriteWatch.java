package org.uketsuke.face;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every file this JVM writes while the watch runs, on the file systems of the given paths, through Linux fanotify
 * (mount marks, FAN_MODIFY | FAN_CLOSE_WRITE): the kernel names the writing process of each event, so files other
 * processes write at the same time (other builds in /tmp) are told apart by pid instead of being guessed at. Needs
 * CAP_SYS_ADMIN; {@link #start} says why when the kernel refuses.
 */
final class FileWriteWatch implements AutoCloseable {

    private static final int FAN_CLOEXEC = 0x1;
    private static final int FAN_NONBLOCK = 0x2;
    private static final int FAN_CLASS_NOTIF = 0x0;
    private static final int FAN_MARK_ADD = 0x1;
    private static final int FAN_MARK_MOUNT = 0x10;
    private static final long FAN_MODIFY = 0x2;
    private static final long FAN_CLOSE_WRITE = 0x8;
    private static final long FAN_Q_OVERFLOW = 0x4000;
    private static final int AT_FDCWD = -100;
    private static final int O_RDONLY = 0;
    private static final int METADATA_LEN = 24; // struct fanotify_event_metadata

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle INIT = function(
            "fanotify_init", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle MARK = function(
            "fanotify_mark",
            FunctionDescriptor.of(
                    ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS));
    private static final MethodHandle READ = function(
            "read",
            FunctionDescriptor.of(
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle CLOSE =
            function("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final int PID = (int) ProcessHandle.current().pid();

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer;
    private final Set<String> ours = new LinkedHashSet<>();
    private final Thread reader;
    private volatile boolean running = true;
    private volatile boolean overflowed;
    private final AtomicLong othersEvents = new AtomicLong();

    private FileWriteWatch(int fd) {
        this.fd = fd;
        this.buffer = arena.allocate(64 * 1024, 8);
        // Drain all the time: other processes' events are many while builds run, and every event holds an open fd.
        this.reader = Thread.ofPlatform().daemon().name("fanotify-reader").start(this::drainLoop);
    }

    /** Starts watching the file systems of {@code paths}, or says why this kernel/user cannot. */
    static Result start(List<Path> paths) {
        try {
            int fd = (int) INIT.invokeExact(FAN_CLASS_NOTIF | FAN_CLOEXEC | FAN_NONBLOCK, O_RDONLY);
            if (fd < 0) {
                return new Result(Optional.empty(), "fanotify_init refused (needs CAP_SYS_ADMIN)");
            }
            try (Arena names = Arena.ofConfined()) {
                for (Path path : paths) {
                    int marked = (int) MARK.invokeExact(
                            fd,
                            FAN_MARK_ADD | FAN_MARK_MOUNT,
                            FAN_MODIFY | FAN_CLOSE_WRITE,
                            AT_FDCWD,
                            names.allocateFrom(path.toAbsolutePath().toString()));
                    if (marked != 0) {
                        int closed = (int) CLOSE.invokeExact(fd);
                        return new Result(Optional.empty(), "fanotify_mark refused on " + path + " (" + closed + ")");
                    }
                }
            }
            return new Result(Optional.of(new FileWriteWatch(fd)), null);
        } catch (Throwable e) {
            return new Result(Optional.empty(), "fanotify unavailable: " + e);
        }
    }

    record Result(Optional<FileWriteWatch> watch, String whyNot) {}

    /** Stops and returns the paths this JVM wrote to; throws when the kernel's queue overflowed (nothing proven). */
    List<String> stop() throws InterruptedException {
        Thread.sleep(50); // events of the last writes are queued asynchronously
        running = false;
        reader.join();
        if (overflowed) {
            throw new IllegalStateException("fanotify queue overflowed: events were lost, the watch proves nothing");
        }
        synchronized (ours) {
            return new ArrayList<>(ours);
        }
    }

    /** Events seen from other processes (to show the watch saw the file system at all). */
    long othersEvents() {
        return othersEvents.get();
    }

    private void drainLoop() {
        try {
            while (running) {
                if (!drainOnce()) {
                    Thread.sleep(2);
                }
            }
            while (drainOnce()) {
                // the rest of the queue
            }
        } catch (Throwable e) {
            overflowed = true;
        }
    }

    private boolean drainOnce() throws Throwable {
        long n = (long) READ.invokeExact(fd, buffer, buffer.byteSize());
        if (n <= 0) {
            return false; // EAGAIN: queue empty
        }
        long offset = 0;
        ValueLayout.OfInt intLe = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
        while (offset + METADATA_LEN <= n) {
            int eventLen = buffer.get(intLe, offset);
            long mask = buffer.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.nativeOrder()), offset + 8);
            int eventFd = buffer.get(intLe, offset + 16);
            int pid = buffer.get(intLe, offset + 20);
            if ((mask & FAN_Q_OVERFLOW) != 0) {
                overflowed = true;
            }
            if (eventFd >= 0) {
                if (pid == PID) {
                    String path;
                    try {
                        path = Files.readSymbolicLink(Path.of("/proc/self/fd/" + eventFd))
                                .toString();
                    } catch (IOException e) {
                        path = "fd " + eventFd + " (" + e.getMessage() + ")";
                    }
                    synchronized (ours) {
                        ours.add(path);
                    }
                } else {
                    othersEvents.incrementAndGet();
                }
                int _ = (int) CLOSE.invokeExact(eventFd);
            }
            offset += Math.max(eventLen, METADATA_LEN);
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        running = false;
        reader.join();
        try {
            int _ = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        arena.close();
    }

    @SuppressWarnings("restricted") // libc's inotify calls; the tests run with --enable-native-access
    private static MethodHandle function(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
    }
}
