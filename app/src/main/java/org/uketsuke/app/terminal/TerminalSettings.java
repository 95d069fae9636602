package org.uketsuke.app.terminal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.uketsuke.app.flow.VisitTimeouts;
import org.uketsuke.app.staff.StaffPolicy;
import org.uketsuke.bridge.BridgeConfig;

/**
 * What a terminal is, apart from its devices: who it is to the qualification system and the audit log, where
 * confirmations go, how long the patient's screens wait, who works at the counter.
 *
 * @param terminalId the terminal's id in the audit log
 * @param institutionCode 医療機関コード (10 digits)
 * @param sinks the レセコン sinks fed with every confirmation
 * @param exchangeFolder where the 連携アプリ's {@code req}/{@code res} folders are, or empty: no folder exchange
 * @param timeouts changes to the visit table's timeouts (the configured idle time of the patient's screens)
 * @param staff how staff sign in at the console (accounts are in the data folder: {@code uketsuke staff add})
 */
public record TerminalSettings(
        String terminalId,
        String institutionCode,
        BridgeConfig sinks,
        Optional<Path> exchangeFolder,
        VisitTimeouts timeouts,
        StaffPolicy staff) {

    public TerminalSettings {
        Objects.requireNonNull(staff, "staff");
    }
}
