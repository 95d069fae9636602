package org.uketsuke.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VpcdConnector;

/** The virtual card plugged into vpcd: pcscd sees a card in "Virtual PCD 00 00" exactly as a real one. */
final class VpcdDemoCard implements DemoCard, AutoCloseable {

    static final String READER = "Virtual PCD 00 00";

    private final VpcdConnector connector;

    VpcdDemoCard(MyNumberCardSimulator card, int port) {
        this.connector = new VpcdConnector(card, "127.0.0.1", port);
    }

    @Override
    public void insert() {
        try {
            connector.connect();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "vpcd does not accept the virtual card (is pcscd with vsmartcard-vpcd running?)", e);
        }
    }

    @Override
    public void remove() {
        connector.close();
    }

    @Override
    public void close() {
        connector.close();
    }
}
