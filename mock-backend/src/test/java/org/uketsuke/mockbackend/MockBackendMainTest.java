package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MockBackendMainTest {

    @Test
    void withoutOptionsTheBackendListensOn8443WithAThousandPeople() {
        assertThat(MockBackendMain.parse())
                .isEqualTo(new MockBackendConfig(Path.of("mock-backend-state"), 8443, 42L, 1000));
    }

    @Test
    void everyOptionIsTaken() {
        assertThat(MockBackendMain.parse("--people", "20", "--seed", "7", "--state", "/tmp/b", "--port", "0"))
                .isEqualTo(new MockBackendConfig(Path.of("/tmp/b"), 0, 7L, 20));
    }

    @Test
    void unknownOptionsMissingValuesAndNonNumbersAreRefusedWithTheOptionNamed() {
        assertThatThrownBy(() -> MockBackendMain.parse("--host", "x")).hasMessageContaining("--host");
        assertThatThrownBy(() -> MockBackendMain.parse("--port")).hasMessageContaining("--port");
        assertThatThrownBy(() -> MockBackendMain.parse("--seed", "many")).hasMessageContaining("--seed");
        assertThatThrownBy(() -> MockBackendMain.parse("--people", "0")).isInstanceOf(IllegalArgumentException.class);
    }
}
