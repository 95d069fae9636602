package org.uketsuke.eligibility.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The URL of each path is resolved once and is what resolving it on every call gave. */
class TransportUrlTest {

    private final TestTlsCertificates certificates = new TestTlsCertificates("url");

    private EligibilityTransport transport(String base) {
        return new EligibilityTransport(
                URI.create(base),
                certificates.terminalTls(),
                Duration.ofSeconds(1),
                RetryPolicy.DEFAULT,
                Clock.systemUTC());
    }

    @Test
    void aPathsUrlIsTheResolvedOneAndKept() {
        EligibilityTransport transport = transport("https://127.0.0.1:8443/base/");
        for (String path : new String[] {"/oqs/v1/nonce", "/oqs/v1/confirm/card", "relative/x", "/crl/jpki.crl"}) {
            HttpUrl url = transport.url(path);
            assertThat(url)
                    .isEqualTo(HttpUrl.get(URI.create("https://127.0.0.1:8443/base/")
                            .resolve(path)
                            .toString()));
            assertThat(transport.url(path)).isSameAs(url);
        }
        assertThat(transport.url("relative/x").toString()).isEqualTo("https://127.0.0.1:8443/base/relative/x");
    }

    @Test
    void pathsBeyondTheKeptOnesAreStillResolved() {
        EligibilityTransport transport = transport("https://127.0.0.1:8443/");
        for (int i = 0; i < EligibilityTransport.URLS_KEPT + 10; i++) {
            assertThat(transport.url("/p/" + i).encodedPath()).isEqualTo("/p/" + i);
        }
        HttpUrl late = transport.url("/p/late");
        assertThat(late.encodedPath()).isEqualTo("/p/late");
        assertThat(transport.url("/p/late")).isEqualTo(late).isNotSameAs(late);
    }

    @Test
    void anUnusableUrlFailsAsBefore() {
        EligibilityTransport transport = transport("https://127.0.0.1:8443/");
        assertThatThrownBy(() -> transport.url("ftp://elsewhere/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
