package org.uketsuke.app.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

class CloserTest {

    private final List<String> events = new CopyOnWriteArrayList<>();

    private AutoCloseable named(String name) {
        return () -> events.add(name);
    }

    @Test
    void resourcesCloseInReverseOrderOfOpeningAfterTheOnCloseActions() {
        Closer closer = new Closer();
        closer.open(named("stores"));
        closer.open(named("controller"));
        closer.onClose(() -> events.add("screens"));
        closer.open(named("card slot"));

        closer.close();

        assertThat(events).containsExactly("screens", "card slot", "controller", "stores");
    }

    @Test
    void aResourceThatFailsToCloseDoesNotKeepTheOthersOpen() {
        Closer closer = new Closer();
        closer.open(named("first"));
        closer.open(() -> {
            throw new IllegalStateException("broken");
        });
        closer.open(named("last"));

        closer.close();

        assertThat(events).containsExactly("last", "first");
    }

    @Test
    void closingTwiceClosesOnce() {
        Closer closer = new Closer();
        closer.open(named("once"));
        closer.close();
        closer.close();
        assertThat(events).containsExactly("once");
        assertThatThrownBy(() -> closer.open(named("late"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void workersAreShutDownWithTheRest() throws Exception {
        Closer closer = new Closer();
        ExecutorService worker = closer.worker("test-worker");
        worker.submit(() -> events.add("ran")).get();
        closer.close();
        assertThat(worker.isShutdown()).isTrue();
        assertThat(events).containsExactly("ran");
    }
}
