package org.uketsuke.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.reception.ReceptionRecord;
import org.uketsuke.bridge.sink.AtomicFiles;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultBytes;
import org.uketsuke.eligibility.wire.ResultMessage;

/**
 * {@code demo --backend folders}: the staff's lookup goes through the simulated 連携アプリ's folders, and a certified
 * reader's result in its {@code face} folder reaches the terminal's store as a CERTIFIED_READER confirmation. A whole
 * demo start (~35 s on 2 cores) does not fit the suite's budget: run with {@code -Duketsuke.longRun=true}.
 */
@EnabledIfSystemProperty(named = "uketsuke.longRun", matches = "true")
class FoldersDemoTest {

    @TempDir
    Path dataDir;

    @Test
    void theStaffLookupGoesThroughTheFoldersAndTheReadersResultsAreImported() throws Exception {
        try (DemoProfile demo = DemoProfile.startOverFolders(dataDir, ReaderMode.VIRTUAL, null)) {
            Qualification patient = demo.backend().person(3);

            ReceptionRecord record = demo.terminal()
                    .lookup()
                    .lookup(new InsuranceSearch(patient.card(), patient.birthdate(), false, "folders-demo-1"));

            assertThat(record.qualification())
                    .hasValueSatisfying(q -> assertThat(q.card()).isEqualTo(patient.card()));
            try (Stream<Path> done = Files.list(dataDir.resolve("oqs-share/req/done"))) {
                assertThat(done.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("OQSsiquc01req_"));
            }

            Qualification atReader = demo.backend().person(4);
            AtomicFiles.write(
                    dataDir.resolve(
                            "oqs-share/face/OQSsiquc01res_face_131123456700000000000000000001_20261204090000.xml"),
                    ResultBytes.in(
                            QualificationXml.write(ResultMessage.confirmed(
                                    "20261204090000", DemoProfile.DEMO_INSTITUTION_CODE, "reader-1", atReader, null)),
                            CharacterCode.SHIFT_JIS));
            String method = null;
            for (int i = 0; i < 100 && method == null; i++) {
                Thread.sleep(100);
                method = methodInStore(atReader);
            }
            assertThat(method).isEqualTo("CERTIFIED_READER");
        }
    }

    private String methodInStore(Qualification q) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("rececon.db"));
                ResultSet rs = db.createStatement()
                        .executeQuery("select method from qualification where number = '"
                                + q.card().number() + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
