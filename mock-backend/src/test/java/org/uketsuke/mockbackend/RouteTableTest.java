package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.client.TlsMaterial;

/** The route table: a path it lacks is a typed 404, a known path with another method a 405, a doubled row refused. */
class RouteTableTest {

    private static final RouteTable.Endpoint OK = x -> Reply.text(200, "ok\n");

    private final RouteTable table = new RouteTable(
            List.of(RouteTable.Route.post("/oqs/v1/nonce", OK), RouteTable.Route.get("/crl/jpki.crl", OK)));

    @Test
    void anUnknownPathIsNoSuchPath() {
        assertThat(table.match("POST", "/oqs/v1/unknown"))
                .isEqualTo(new RouteTable.Match.NoSuchPath("/oqs/v1/unknown"));
        assertThat(table.match("GET", "/")).isEqualTo(new RouteTable.Match.NoSuchPath("/"));
    }

    @Test
    void aKnownPathWithAnotherMethodNamesTheAllowedOnes() {
        assertThat(table.match("GET", "/oqs/v1/nonce"))
                .isEqualTo(new RouteTable.Match.MethodNotAllowed("/oqs/v1/nonce", List.of("POST")));
        assertThat(table.match("POST", "/crl/jpki.crl"))
                .isEqualTo(new RouteTable.Match.MethodNotAllowed("/crl/jpki.crl", List.of("GET")));
    }

    @Test
    void aKnownMethodAndPathFindsItsRoute() {
        assertThat(table.match("POST", "/oqs/v1/nonce"))
                .isInstanceOfSatisfying(
                        RouteTable.Match.Found.class,
                        found -> assertThat(found.route().path()).isEqualTo("/oqs/v1/nonce"));
    }

    @Test
    void twoRowsForOneMethodAndPathAreRefused() {
        assertThatThrownBy(() ->
                        new RouteTable(List.of(RouteTable.Route.post("/ocsp", OK), RouteTable.Route.post("/ocsp", OK))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("POST /ocsp");
    }

    @Test
    void theBackendAnswersAnUnknownPath404AndAWrongMethod405(@TempDir Path state) throws Exception {
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(state, 0, 3L, 5))) {
            HttpResponse<String> unknown = send(backend, "POST", "/oqs/v1/no-such-thing");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).isEqualTo("no such endpoint\n");
            assertThat(send(backend, "GET", "/oqs/v1/no-such-thing").statusCode())
                    .isEqualTo(404);
            HttpResponse<String> wrongMethod = send(backend, "GET", "/oqs/v1/nonce");
            assertThat(wrongMethod.statusCode()).isEqualTo(405);
            assertThat(wrongMethod.body()).isEqualTo("POST only for /oqs/v1/nonce\n");
            assertThat(send(backend, "POST", "/oqs/v1/nonce").statusCode()).isEqualTo(200);
            assertThat(backend.requests("/oqs/v1/no-such-thing")).isEqualTo(2);
        }
    }

    private static HttpResponse<String> send(MockBackend backend, String method, String path) throws Exception {
        TlsMaterial tls = backend.terminalTls();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(tls.keyStore(), tls.keyPassword());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(tls.trustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        try (HttpClient http = HttpClient.newBuilder().sslContext(context).build()) {
            return http.send(
                    HttpRequest.newBuilder(backend.baseUri().resolve(path))
                            .method(method, HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
