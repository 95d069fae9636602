package org.uketsuke.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.uketsuke.app.config.DataDirectories;
import org.uketsuke.app.ui.Messages;
import org.uketsuke.bridge.audit.AuditLog;
import org.uketsuke.bridge.audit.AuditVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code uketsuke audit verify [--file F]}: recomputes the confirmation audit log's hash chain and says whether it is
 * intact, where it is broken, or that its last line was torn by a crash. Exit 0 intact, 1 broken, 2 torn tail.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "The confirmations' tamper-evident audit log.",
        subcommands = AuditCommand.Verify.class)
public final class AuditCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "verify", description = "Recompute the hash chain; name the first broken entry.")
    static final class Verify implements Callable<Integer> {

        @Option(
                names = "--file",
                description = "The audit log (default: the demo's audit.jsonl in the user's data directory).")
        Path file;

        /** English first, then Japanese, as the other commands answer. */
        private static final List<Messages> LANGUAGES =
                List.of(new Messages(Messages.ENGLISH), new Messages(Messages.JAPANESE));

        @Override
        public Integer call() {
            Path log = file != null
                    ? file
                    : DataDirectories.userData().resolve("demo").resolve("audit.jsonl");
            return switch (AuditLog.verify(log)) {
                case AuditVerification.Intact intact -> {
                    say("audit.intact", log, Long.toString(intact.entries()), intact.headHash());
                    yield 0;
                }
                case AuditVerification.Broken broken -> {
                    for (Messages words : LANGUAGES) {
                        System.out.println(words.get(
                                "audit.broken",
                                log.toString(),
                                Long.toString(broken.entry()),
                                words.get("audit.reason." + broken.reason().name()),
                                broken.detail()));
                    }
                    yield 1;
                }
                case AuditVerification.IncompleteTail torn -> {
                    say("audit.torn", log, Long.toString(torn.intactEntries()), Integer.toString(torn.tailBytes()));
                    yield 2;
                }
            };
        }

        private static void say(String key, Path log, String... details) {
            for (Messages words : LANGUAGES) {
                Object[] args = new Object[details.length + 1];
                args[0] = log.toString();
                System.arraycopy(details, 0, args, 1, details.length);
                System.out.println(words.get(key, args));
            }
        }
    }
}
