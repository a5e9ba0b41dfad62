package org.crystalbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.crystalbench.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite's tables read back exactly the records written (values exact in 6 significant digits, NaN and infinity kept). */
class SuiteTablesTest {
    @TempDir
    Path dir;

    static SuiteTables.Suite suite() {
        var scores = List.of(new SuiteTables.Score("wine", "LR", 50, 0.953125, 1.5, "all"),
                new SuiteTables.Score("iris/two", "SVM, \"rbf\"", 49, 0.875, 2, "two"),
                new SuiteTables.Score("gone", "LR", 0, Double.NaN, Double.NaN, "all"));
        var leaders = List.of(new SuiteTables.Leader("LR", 1.5, 0.953125, 3, 2, 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN),
                new SuiteTables.Leader("SVM, \"rbf\"", 2, 0.875, 1, 2, 3, 1.25, 0.2113, 0.4226, 0.75, 0.25, 0));
        var pairs = List.of(new SuiteTables.Pair("LR", "SVM, \"rbf\"", 3, 2, 1, -0.5, false),
                new SuiteTables.Pair("SVM, \"rbf\"", "LR", 1, 2, 3, 0.5, true));
        var tests = new SuiteTables.Tests(2, 2, 2, 0.157299, Double.POSITIVE_INFINITY, 0, 1.386, 1.163, "LR", 0.01, 0.95, 42, "gone;x");
        return new SuiteTables.Suite(scores, leaders, pairs, tests);
    }

    @Test
    void roundTrip() {
        SuiteTables.write(dir, suite());
        assertEquals(suite(), SuiteTables.read(dir));
    }

    /** Written before feature_set was appended: each data set one feature set, named by its id. */
    @Test
    void scoresWithoutTheAppendedFeatureSetColumnStillRead() throws Exception {
        SuiteTables.write(dir, suite());
        Path f = dir.resolve(SuiteTables.SCORES);
        Files.writeString(f, Files.readString(f).replaceAll(",[^,\\r\\n]*(\\r?\\n)", "$1"));
        assertEquals(List.of("", "", ""), SuiteTables.read(dir).scores().stream().map(SuiteTables.Score::featureSet).toList());
    }

    @Test
    void aDamagedTableIsBadInputNamingFileLineAndColumn() throws Exception {
        SuiteTables.write(dir, suite());
        Path f = dir.resolve(SuiteTables.LEADERBOARD);
        Files.writeString(f, Files.readString(f).replace(",3,2,1,", ",three,2,1,"));
        var e = assertThrows(InputException.class, () -> SuiteTables.read(dir));
        assertTrue(e.getMessage().startsWith(f + ": line 2: column 'wins'"), e.getMessage());
    }
}
