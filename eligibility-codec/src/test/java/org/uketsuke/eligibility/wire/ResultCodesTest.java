package org.uketsuke.eligibility.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.uketsuke.eligibility.RejectionReason;

class ResultCodesTest {

    @ParameterizedTest
    @EnumSource(RejectionReason.class)
    void everyRejectionHasAnOwnCodeThatReadsBack(RejectionReason reason) {
        assertThat(ResultCodes.codeOf(reason)).startsWith("UK");
        assertThat(ResultCodes.reasonOf(ResultCodes.codeOf(reason))).contains(reason);
    }

    @Test
    void theDocumentedTableListsExactlyTheCodesSpoken() throws Exception {
        Path doc = Path.of("").toAbsolutePath().getParent().resolve("docs/backend-api.md");
        String text = Files.readString(doc);
        int start = text.indexOf("## Result codes");
        int end = text.indexOf("\n## ", start + 1);
        String section = text.substring(start, end < 0 ? text.length() : end);
        Set<String> documented = Pattern.compile("^\\| `([A-Z0-9]+)` \\|", Pattern.MULTILINE)
                .matcher(section)
                .results()
                .map(m -> m.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).isEqualTo(ResultCodes.all());
    }
}
