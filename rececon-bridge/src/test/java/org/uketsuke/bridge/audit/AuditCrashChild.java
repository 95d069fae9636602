package org.uketsuke.bridge.audit;

import java.nio.file.Path;
import java.time.Instant;

/** The process the audit crash test kills: opens the log (recovering a torn tail) and appends until killed. */
public final class AuditCrashChild {

    public static void main(String[] args) throws Exception {
        AuditLog log = AuditLog.open(Path.of(args[0]));
        for (int i = 0; ; i++) {
            AuditLog.Entry entry = log.append(new AuditEvent(
                    Instant.now(),
                    "kiosk-crash",
                    "",
                    "PIN",
                    "CONFIRMED",
                    AuditEvent.hash("subject", Integer.toString(i)),
                    ""));
            System.out.println("appended " + entry.seq());
            System.out.flush();
        }
    }
}
