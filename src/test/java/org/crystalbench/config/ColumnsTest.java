package org.crystalbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.crystalbench.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** numeric: auto / categorical: auto, and the feature-set entries all and -Column. */
class ColumnsTest {
    @TempDir
    Path dir;

    private Path config(String numeric, String categorical, String sets) throws IOException {
        Files.writeString(dir.resolve("d.csv"), """
                id,species,island,bill,mass,sex,code
                p1,Adelie,Dream,39.1,3750,male,1
                p2,Gentoo,Biscoe,NA,5000,,2
                p3,Adelie,Dream,40.3,,female,x
                """);
        return Files.writeString(dir.resolve("c.yaml"), """
                dataset:
                  path: d.csv
                  target: species
                  id_columns: [id]
                  numeric: %s
                  categorical: %s
                  missing: impute
                  feature_sets: %s
                protocols: {cv: {repeats: 1, folds: 2}}
                models: [{name: LR, type: logistic}]
                """.formatted(numeric, categorical, sets));
    }

    @Test
    void autoTypesEveryOtherColumnByContentAndSetsExpand() throws IOException {
        ExperimentConfig c = ConfigLoader.load(config("auto", "auto", "{all: [all], no-sex: [all, -sex]}"));
        assertEquals(List.of("bill", "mass"), c.dataset().numeric(), "NA and empty cells do not make a column text");
        assertEquals(List.of("island", "sex", "code"), c.dataset().categorical(), "one non-number makes a column categorical");
        assertEquals(List.of("bill", "mass", "island", "sex", "code"), c.featureSets().get("all"));
        assertEquals(List.of("bill", "mass", "island", "code"), c.featureSets().get("no-sex"));
    }

    @Test
    void autoNextToAnExplicitListTakesTheRest() throws IOException {
        ExperimentConfig c = ConfigLoader.load(config("[mass]", "auto", "{s: [all, -code]}"));
        assertEquals(List.of("mass"), c.dataset().numeric());
        assertEquals(List.of("island", "sex", "code"), c.dataset().categorical(), "numbers-only 'bill' is not categorical");
        assertEquals(List.of("mass", "island", "sex"), c.featureSets().get("s"));
    }

    @Test
    void removingAColumnNotListedIsAnErrorNamingTheSet() throws IOException {
        var e = assertThrows(InputException.class, () -> ConfigLoader.load(config("auto", "auto", "{s: [all, -wings]}")));
        assertTrue(e.getMessage().contains("dataset.feature_sets.s: '-wings' removes 'wings', which is not among the features"),
                e.getMessage());
    }
}
