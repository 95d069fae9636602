package org.uketsuke.tools.bench;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One sink's keys against the outbox's: {@code lost} keys the sink lacks, {@code doubled} keys it holds more than
 * once or that the outbox never had. Compared key by key, so a lost entry and a doubled one cannot cancel out.
 */
record KeyComparison(int lost, int doubled) {

    static KeyComparison of(Collection<String> expected, List<String> found) {
        Set<String> seen = new HashSet<>();
        int doubled = 0;
        for (String key : found) {
            if (!seen.add(key) || !expected.contains(key)) {
                doubled++;
            }
        }
        int lost = (int) expected.stream().filter(k -> !seen.contains(k)).count();
        return new KeyComparison(lost, doubled);
    }
}
