package org.uketsuke.folders.face;

import java.util.Arrays;
import java.util.List;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultMessage;
import org.uketsuke.folders.LinkAppFixture;
import org.uketsuke.mockbackend.MockBackend;

/**
 * Card results as the 連携アプリ leaves them in {@code face}: the result message of the mock backend's people (the
 * shape the backend answers in), without starting a backend.
 */
final class FaceFiles {

    static final List<Qualification> PEOPLE = MockBackend.population(4L, 40);

    private FaceFiles() {}

    static byte[] result(int person, String fileId) {
        return QualificationXml.write(ResultMessage.confirmed(
                "20261204090000", LinkAppFixture.INSTITUTION, fileId, PEOPLE.get(person), null));
    }

    /** One file listing the results of several people (QualificationValidity 1, each a current qualification). */
    static byte[] several(String fileId, int... persons) {
        List<Qualification> listed =
                Arrays.stream(persons).mapToObj(PEOPLE::get).toList();
        return QualificationXml.write(
                ResultMessage.listing("20261204090000", LinkAppFixture.INSTITUTION, fileId, listed));
    }

    static String name(int n) {
        return String.format("OQSsiquc01res_face_1311234567%020d_20261204090000.xml", n);
    }
}
