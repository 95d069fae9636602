package org.uketsuke.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.uketsuke.app.demo.DataDirectories;
import org.uketsuke.bridge.audit.AuditLog;
import org.uketsuke.bridge.audit.AuditVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code uketsuke audit verify [--file F]}: recomputes the confirmation audit log's hash chain and says whether it is
 * intact, where it is broken, or that its last line was torn by a crash. Exit 0 intact, 1 broken, 2 torn tail.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The confirmations' tamper-evident audit log.",
        subcommands = AuditCommand.Verify.class)
public final class AuditCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "verify", description = "Recompute the hash chain; name the first broken entry.")
    static final class Verify implements Callable<Integer> {

        @Option(names = "--file", description = "The audit log (default: the demo's audit.jsonl in the user's data directory).")
        Path file;

        @Override
        public Integer call() {
            Path log = file != null ? file : DataDirectories.userData().resolve("demo").resolve("audit.jsonl");
            return switch (AuditLog.verify(log)) {
                case AuditVerification.Intact intact -> {
                    System.out.println("audit " + log + ": intact, " + intact.entries() + " entries, head " + intact.headHash());
                    System.out.println("監査ログ: 改ざんは見つかりませんでした（" + intact.entries() + " 件）");
                    yield 0;
                }
                case AuditVerification.Broken broken -> {
                    System.out.println("audit " + log + ": BROKEN at entry " + broken.entry() + " — " + broken.reason().en()
                            + " (" + broken.detail() + ")");
                    System.out.println("監査ログ: " + broken.entry() + " 件目で " + broken.reason().ja());
                    yield 1;
                }
                case AuditVerification.IncompleteTail torn -> {
                    System.out.println("audit " + log + ": " + torn.intactEntries() + " intact entries, then an incomplete "
                            + "last line of " + torn.tailBytes() + " bytes (an append cut by a crash; the next start "
                            + "moves it aside and records that)");
                    System.out.println("監査ログ: " + torn.intactEntries() + " 件は正常、最後の1行が書き込み途中で途切れています");
                    yield 2;
                }
            };
        }
    }
}
