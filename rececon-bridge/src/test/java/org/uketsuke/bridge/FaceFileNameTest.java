package org.uketsuke.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.sink.UnsafeFileNameValueException;

/** The backend's ProcessExecutionTime becomes part of the face file's name: anything but 14 digits is refused. */
class FaceFileNameTest {

    @TempDir
    Path dir;

    @Test
    void aProcessExecutionTimeThatWouldLeaveTheFolderIsRefused() throws Exception {
        FaceFolderSink sink = new FaceFolderSink(dir.resolve("face"), Fixtures.INSTITUTION, StandardCharsets.UTF_8);

        for (String time : new String[] {"../../audit", "20261204\0", "2".repeat(400)}) {
            assertThatThrownBy(() -> sink.fileName("key", time, "1"))
                    .isInstanceOfSatisfying(
                            UnsafeFileNameValueException.class,
                            e -> assertThat(e.field()).isEqualTo("ProcessExecutionTime"));
        }
        assertThat(sink.fileName("key", "20261204090000", "1")).endsWith("_20261204090000.xml");
    }

    @Test
    void anInstitutionCodeThatIsNotTenDigitsIsRefused() {
        assertThatThrownBy(() -> new FaceFolderSink(dir.resolve("face"), "../131123", StandardCharsets.UTF_8))
                .isInstanceOf(UnsafeFileNameValueException.class);
    }
}
