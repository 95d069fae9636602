package org.uketsuke.reader.sim;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a {@link MyNumberCardSimulator} into a real PC/SC stack: connects to the vpcd driver of pcscd as its card
 * (TCP, default localhost:35963 = reader "Virtual PCD 00 00"). Connecting inserts the card, {@link #close()} removes
 * it. Protocol: every message is a 2-byte big-endian length + payload; a 1-byte payload is a control code (00 power
 * off, 01 power on, 02 reset, 04 send ATR), anything longer a command APDU answered with the response APDU.
 *
 * <p>vpcd writes the length and the APDU in separate segments, so with default TCP settings every APDU waits for a
 * delayed ACK (~48 ms). TCP_NODELAY plus TCP_QUICKACK re-armed after each read brings it to well under 1 ms.
 */
public final class VpcdConnector implements AutoCloseable {

    public static final int DEFAULT_PORT = 35963;
    private static final Logger log = LoggerFactory.getLogger(VpcdConnector.class);

    private final MyNumberCardSimulator card;
    private final String host;
    private final int port;
    private Socket socket;
    private Thread loop;

    public VpcdConnector(MyNumberCardSimulator card) {
        this(card, "127.0.0.1", DEFAULT_PORT);
    }

    public VpcdConnector(MyNumberCardSimulator card, String host, int port) {
        this.card = card;
        this.host = host;
        this.port = port;
    }

    /** Inserts the card: connects to vpcd and answers it on a daemon thread until {@link #close()}. */
    public synchronized void connect() throws IOException {
        if (socket != null && !socket.isClosed()) {
            return;
        }
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), 2000);
        quickAck(s);
        card.placed();
        socket = s;
        loop = Thread.ofPlatform().name("vpcd-card-" + port).daemon().start(() -> serve(s));
    }

    public synchronized boolean connected() {
        return socket != null && !socket.isClosed();
    }

    /** Blocks until vpcd or a removal fault ends the connection, or the time is up; true when it ended. */
    public boolean awaitDisconnected(Duration timeout) throws InterruptedException {
        Thread serving;
        synchronized (this) {
            serving = loop;
        }
        if (serving == null) {
            return true;
        }
        return serving.join(timeout);
    }

    private void serve(Socket s) {
        try (s) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            while (true) {
                int length = in.readUnsignedShort();
                quickAck(s); // the APDU follows in its own segment: acknowledge the length at once
                byte[] payload = in.readNBytes(length);
                quickAck(s);
                if (payload.length != length) {
                    throw new EOFException("vpcd closed mid-message");
                }
                if (payload.length > 1 && !card.takesNextCommand()) {
                    log.debug("virtual card pulled off vpcd port {} (fault injected)", port);
                    return; // closing the socket is the removal
                }
                byte[] answer = payload.length == 1 ? control(payload[0]) : card.process(payload);
                if (answer != null) {
                    byte[] frame = new byte[answer.length + 2];
                    frame[0] = (byte) (answer.length >> 8);
                    frame[1] = (byte) answer.length;
                    System.arraycopy(answer, 0, frame, 2, answer.length);
                    out.write(frame);
                    out.flush();
                }
                if (payload.length > 1 && !card.takesNextCommand()) {
                    // Pulled right after this answer, as a hand takes a card off between two commands (a close in
                    // the middle of a command leaves vpcd slow to take the next card).
                    log.debug("virtual card pulled off vpcd port {} (fault injected)", port);
                    return;
                }
            }
        } catch (IOException e) {
            log.debug("vpcd connection ended: {}", e.toString());
        }
    }

    private byte[] control(byte code) {
        switch (code) {
            case 0x00, 0x01, 0x02 -> card.reset();
            case 0x04 -> {
                return card.atr();
            }
            default -> log.debug("unknown vpcd control code {}", code);
        }
        return null;
    }

    private static void quickAck(Socket s) {
        try {
            s.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not on every OS; only latency suffers.
        }
    }

    /** Removes the card: vpcd sees the socket close and reports the card absent. */
    @Override
    public synchronized void close() {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing vpcd socket", e);
        }
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket = null;
        loop = null;
    }
}
