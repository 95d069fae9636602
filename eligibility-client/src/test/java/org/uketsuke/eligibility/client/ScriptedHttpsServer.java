package org.uketsuke.eligibility.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A plain HTTPS/1.1 server on a loopback socket that answers each request with the next scripted answer: the
 * client's boundary, byte for byte, without the mock backend (which depends on this module, not the other way).
 * Client certificates are required, as the national system requires them.
 */
final class ScriptedHttpsServer implements AutoCloseable {

    /** What the server does with the next request. */
    sealed interface Answer {
        /** An HTTP answer; the connection is closed after it. */
        record Reply(int status, String contentType, byte[] body) implements Answer {}

        /** Read the request, then say nothing until the server is closed. */
        record Silence() implements Answer {}
    }

    /** A request as it arrived: request line, headers (lower-case names), body, and the TLS version it came over. */
    record Exchange(String requestLine, Map<String, String> headers, byte[] body, String protocol) {}

    private final SSLServerSocket socket;
    private final BlockingQueue<Answer> script = new LinkedBlockingQueue<>();
    private final List<Exchange> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    /**
     * @param protocols TLS versions to offer; TLS 1.2 makes a refused client certificate fail the handshake itself
     */
    ScriptedHttpsServer(SSLContext context, String... protocols) throws IOException {
        socket = (SSLServerSocket)
                context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        socket.setNeedClientAuth(true);
        if (protocols.length > 0) {
            socket.setEnabledProtocols(protocols);
        }
        Thread.ofVirtual().name("scripted-https-accept").start(this::acceptLoop);
    }

    URI baseUri() {
        return URI.create("https://127.0.0.1:" + socket.getLocalPort() + "/");
    }

    ScriptedHttpsServer answer(Answer answer) {
        script.add(answer);
        return this;
    }

    ScriptedHttpsServer reply(int status, String contentType, byte[] body) {
        return answer(new Answer.Reply(status, contentType, body));
    }

    ScriptedHttpsServer reply(int status, String contentType, String body) {
        return reply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    List<Exchange> received() {
        return List.copyOf(received);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread.ofVirtual().name("scripted-https-connection").start(() -> serve((SSLSocket) connection));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(SSLSocket connection) {
        try (connection) {
            connection.startHandshake();
            InputStream in = connection.getInputStream();
            Exchange exchange = readRequest(in, connection.getSession().getProtocol());
            received.add(exchange);
            Answer answer = script.poll(5, TimeUnit.SECONDS);
            switch (answer) {
                case Answer.Reply reply -> write(connection.getOutputStream(), reply);
                case Answer.Silence silence -> closed.await();
                case null ->
                    write(
                            connection.getOutputStream(),
                            new Answer.Reply(599, "text/plain", "no scripted answer".getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            // the handshake failed or the client went away: what several tests provoke on purpose
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Exchange readRequest(InputStream in, String protocol) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request ended in its header");
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Exchange(lines[0], headers, in.readNBytes(length), protocol);
    }

    private static void write(OutputStream out, Answer.Reply reply) throws IOException {
        String head = "HTTP/1.1 " + reply.status() + " Scripted\r\n"
                + "Content-Type: " + reply.contentType() + "\r\n"
                + "Content-Length: " + reply.body().length + "\r\n"
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(reply.body());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        socket.close();
    }
}
