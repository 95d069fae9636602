package org.uketsuke.app.reception;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.Qualification;

/**
 * The staff queue's filter: which statuses and which identity method to show, and a search over the name in kana
 * (ひらがな or カタカナ, full or half width), the 保険者番号 and the 記号・番号 (width and spaces ignored).
 *
 * @param statuses the statuses shown (all when every one is in)
 * @param method only rows confirmed (or tried) this way, or any
 * @param search text to find, or empty
 */
public record QueueFilter(Set<Status> statuses, Optional<IdentityMethod> method, String search) {

    /** Where a reception stands, as the queue shows it. */
    public enum Status {
        /** Confirmed and handed to the レセコン. */
        CONFIRMED,
        /** A lookup by insurance number that waits out an outage and completes by itself. */
        WAITING,
        /** Not confirmed because the system was unreachable: staff follow up. */
        PENDING,
        /** Refused or failed for another reason. */
        FAILED
    }

    public QueueFilter {
        statuses = Set.copyOf(statuses);
        Objects.requireNonNull(method, "method");
        search = search == null ? "" : search;
    }

    public static QueueFilter all() {
        return new QueueFilter(Set.of(Status.values()), Optional.empty(), "");
    }

    public static Status statusOf(ReceptionRecord record) {
        if (record.qualification().isPresent()) {
            return Status.CONFIRMED;
        }
        return switch (record.problem().orElse(Problem.BACKEND_REJECTED)) {
            case QUEUED_FOR_RETRY -> Status.WAITING;
            case BACKEND_UNAVAILABLE -> Status.PENDING;
            default -> Status.FAILED;
        };
    }

    public boolean matches(ReceptionRecord record) {
        if (!statuses.contains(statusOf(record))) {
            return false;
        }
        if (method.isPresent() && !record.method().equals(method)) {
            return false;
        }
        String wanted = normalise(search);
        if (wanted.isEmpty()) {
            return true;
        }
        Stream<String> texts = Stream.concat(
                record.qualification().stream().flatMap(q -> Stream.of(q.nameKana(), q.name())),
                record.qualification().map(Qualification::card).stream()
                        .flatMap(c -> Stream.of(c.insurer().value(), c.symbol(), c.number(), c.symbol() + c.number())));
        return texts.filter(Objects::nonNull).map(QueueFilter::normalise).anyMatch(t -> t.contains(wanted));
    }

    /** NFKC (full-width digits and half-width kana fold), no spaces or separators, hiragana as katakana, lower case. */
    static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("[\\s・･\\-‐－]", "");
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints().forEach(c -> out.appendCodePoint(c >= 0x3041 && c <= 0x3096 ? c + 0x60 : c));
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
