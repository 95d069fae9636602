package org.uketsuke.mockbackend;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.uketsuke.eligibility.wire.MalformedMessageException;

/**
 * Jetty 12 on 127.0.0.1 over HTTPS, answering from a {@link RouteTable}: an unknown path is 404, a known path with
 * another method 405, a malformed request message 400. Counts the requests per path (faults included).
 */
final class BackendServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final URI baseUri;
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

    /**
     * Binds the port at once; with {@code serveNow} false it answers only from {@link #serve()} on, and connections
     * made before wait in the listen backlog (the demo's cold start shows its windows meanwhile).
     */
    BackendServer(BackendTls tls, int port, RouteTable routes, boolean serveNow) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName("mock-backend");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration https = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        connector = new ServerConnector(
                server, new SslConnectionFactory(tls.factory(), "http/1.1"), new HttpConnectionFactory(https));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Dispatch(routes));
        server.setStopTimeout(2000);
        connector.open();
        baseUri = URI.create("https://127.0.0.1:" + connector.getLocalPort() + "/");
        if (serveNow) {
            serve();
        }
    }

    /** Starts answering; a server that cannot start lets go of its port, so waiting clients fail instead of hanging. */
    void serve() throws Exception {
        try {
            server.start();
        } catch (Exception e) {
            connector.close();
            throw e;
        }
    }

    URI baseUri() {
        return baseUri;
    }

    int requests(String path) {
        AtomicInteger count = served.get(path);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() throws Exception {
        server.stop();
        if (connector.isOpen()) { // bound but never served
            connector.close();
        }
    }

    private final class Dispatch extends Handler.Abstract {
        private final RouteTable routes;

        Dispatch(RouteTable routes) {
            this.routes = routes;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            served.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Reply reply = switch (routes.match(request.getMethod(), path)) {
                case RouteTable.Match.NoSuchPath none -> Reply.text(404, "no such endpoint\n");
                case RouteTable.Match.MethodNotAllowed wrong ->
                    Reply.text(405, String.join(", ", wrong.allowed()) + " only for " + path + "\n");
                case RouteTable.Match.Found found -> answer(found.route(), request, path);
            };
            return write(reply, request, response, callback);
        }

        private Reply answer(RouteTable.Route route, Request request, String path) {
            byte[] body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = in.readNBytes(route.maxBody());
            } catch (IOException e) {
                return Reply.text(400, "unreadable body\n");
            }
            try {
                return route.endpoint().handle(new Exchange(path, body, peerCertificate(request)));
            } catch (MalformedMessageException e) {
                return Reply.text(400, "malformed request: " + e.getMessage() + "\n");
            }
        }

        private static boolean write(Reply reply, Request request, Response response, Callback callback) {
            switch (reply) {
                case Reply.Body body -> {
                    response.setStatus(body.status());
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, body.contentType());
                    body.headers().forEach(response.getHeaders()::put);
                    response.write(true, ByteBuffer.wrap(body.bytes()), callback);
                }
                case Reply.Reset reset -> {
                    request.getConnectionMetaData()
                            .getConnection()
                            .getEndPoint()
                            .close();
                    callback.failed(new IOException("injected connection reset"));
                }
            }
            return true;
        }

        private static X509Certificate peerCertificate(Request request) {
            EndPoint.SslSessionData ssl =
                    (EndPoint.SslSessionData) request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
            X509Certificate[] chain = ssl == null ? null : ssl.peerCertificates();
            return chain == null || chain.length == 0 ? null : chain[0];
        }
    }
}
