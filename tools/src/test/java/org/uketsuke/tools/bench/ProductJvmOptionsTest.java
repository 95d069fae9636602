package org.uketsuke.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench's terminal JVMs run the product's options; a proposed kiosk flag never overrides the product's choice. */
class ProductJvmOptionsTest {

    @Test
    void theProposedFlagsFollowTheProductsOptions() {
        assertThat(ProductJvmOptions.merged(
                        List.of("--enable-native-access=ALL-UNNAMED", "-Dfile.encoding=UTF-8"),
                        List.of("-XX:+UseSerialGC", "-XX:MetaspaceSize=64m")))
                .containsExactly(
                        "--enable-native-access=ALL-UNNAMED",
                        "-Dfile.encoding=UTF-8",
                        "-XX:+UseSerialGC",
                        "-XX:MetaspaceSize=64m");
    }

    @Test
    void anOptionTheProductAlreadySetsIsNotAddedAgainWhateverItsValueOrSign() {
        assertThat(ProductJvmOptions.merged(
                        List.of("-XX:MetaspaceSize=32m", "-XX:-UseSerialGC"),
                        List.of("-XX:+UseSerialGC", "-XX:MetaspaceSize=64m")))
                .containsExactly("-XX:MetaspaceSize=32m", "-XX:-UseSerialGC");
    }

    @Test
    void aCollectorTheProductChoseIsKept() {
        assertThat(ProductJvmOptions.merged(List.of("-XX:+UseG1GC"), List.of("-XX:+UseSerialGC")))
                .containsExactly("-XX:+UseG1GC");
    }

    @Test
    void theBenchFindsTheProductsOptionsInTheCheckout() {
        assertThat(ProductJvmOptions.terminal())
                .contains("--enable-native-access=ALL-UNNAMED", "-Dfile.encoding=UTF-8")
                .containsAll(ProductJvmOptions.PROPOSED_KIOSK);
    }
}
