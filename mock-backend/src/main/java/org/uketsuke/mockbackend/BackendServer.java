package org.uketsuke.mockbackend;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
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

    /** Jetty's padding against false sharing: how many object references fill a cache line. */
    static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private final BackendTls tls;
    private final RouteTable routes;
    private final ServerSocketChannel channel;
    private final URI baseUri;
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
    /** Built by {@link #serve()}, on the thread that serves (Jetty's construction is a good part of its start). */
    private Server server;

    private boolean closed;

    /**
     * Binds the port at once; with {@code serveNow} false it answers only from {@link #serve()} on, and connections
     * made before wait in the listen backlog (the demo's cold start shows its windows meanwhile). Jetty itself is built
     * by {@link #serve()}: only the bound socket is made here, so the port and {@link #baseUri()} are known at once.
     */
    BackendServer(BackendTls tls, int port, RouteTable routes, boolean serveNow) throws Exception {
        this.tls = tls;
        this.routes = routes;
        channel = ServerSocketChannel.open();
        try {
            channel.socket().setReuseAddress(true); // as Jetty's own connector binds
            channel.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        baseUri = URI.create("https://127.0.0.1:" + ((InetSocketAddress) channel.getLocalAddress()).getPort() + "/");
        if (serveNow) {
            serve();
        }
    }

    /** Starts answering; a server that cannot start lets go of its port, so waiting clients fail instead of hanging. */
    synchronized void serve() throws Exception {
        if (closed) {
            throw new IllegalStateException("the backend was closed before it served");
        }
        try {
            setReferencesPerCacheLine();
            QueuedThreadPool threads = new QueuedThreadPool(32, 4);
            threads.setName("mock-backend");
            threads.setDaemon(true);
            Server built = new Server(threads);
            HttpConfiguration https = new HttpConfiguration();
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            https.addCustomizer(secure);
            ServerConnector connector = new ServerConnector(
                    built, new SslConnectionFactory(tls.factory(), "http/1.1"), new HttpConnectionFactory(https));
            connector.open(channel);
            built.addConnector(connector);
            built.setHandler(new Dispatch(routes));
            built.setStopTimeout(2000);
            server = built;
            built.start();
        } catch (Exception e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Tells Jetty what its {@code MemoryUtils} would otherwise ask the platform MBean server for (whether object
     * references are compressed): creating that server registers every platform MXBean, ≈ 0.1 s of CPU in each JVM
     * that serves, the demo's cold start among them (docs/tuning.md, eleventh round). The value is Jetty's own rule:
     * the cache line's bytes over 4 with compressed references, over 8 without. A value set by the operator is kept.
     */
    static void setReferencesPerCacheLine() {
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) != null) {
            return;
        }
        boolean compressed = Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("UseCompressedOops")
                .getValue());
        int cacheLineBytes = Integer.getInteger("org.eclipse.jetty.util.cacheLineBytes", 64);
        System.setProperty(REFERENCES_PER_CACHE_LINE, String.valueOf(cacheLineBytes / (compressed ? 4 : 8)));
    }

    URI baseUri() {
        return baseUri;
    }

    int requests(String path) {
        AtomicInteger count = served.get(path);
        return count == null ? 0 : count.get();
    }

    @Override
    public synchronized void close() throws Exception {
        closed = true;
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            channel.close(); // bound but never served, or a server whose stop left it open
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
