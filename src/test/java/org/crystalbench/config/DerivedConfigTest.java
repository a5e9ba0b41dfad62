package org.crystalbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.crystalbench.Fixtures;
import org.crystalbench.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dataset.derived: names usable in feature sets, and bad sections named by file and key. */
class DerivedConfigTest {
    @TempDir
    Path dir;

    ExperimentConfig load(String derived, String sets) throws Exception {
        return ConfigLoader.load(Fixtures.config(dir.resolve("d.csv")).derived(derived).featureSets(sets).write(dir, "c.yaml"));
    }

    @Test
    void derivedNamesAreFeaturesAndTheDefaultSetHasEachOnce() throws Exception {
        var c = load(Fixtures.COMPOSITION, "s: [Nsites, element fractions, mean covalent radius, volume per atom]\n");
        assertEquals(List.of("Nsites", "element fractions", "mean covalent radius", "volume per atom"), c.featureSets().get("s"));
        // The cell descriptors are one group; the neighbour shares (fitted on training labels) are never in the default set.
        assertEquals(List.of("element fractions", "element properties", "cell descriptors", "atoms per formula unit",
                "formula units per cell", "volume per atom"), c.dataset().allFeatures().subList(9, 15));
        assertEquals(15, c.dataset().allFeatures().size());
    }

    @Test
    void badSectionsAreBadInput() {
        var noSites = assertThrows(InputException.class, () -> load("composition: {formula: Formula}", "s: [formula units per cell]\n"));
        assertTrue(noSites.getMessage().contains("'formula units per cell' is not a numeric or categorical column"), noSites.getMessage());
        var volume = assertThrows(InputException.class, () -> load("composition: {formula: Formula, volume: Volume}", "s: [Nsites]\n"));
        assertTrue(volume.getMessage().contains("composition.volume needs composition.nsites"), volume.getMessage());
        var noFormula = assertThrows(InputException.class, () -> load("composition: {nsites: Nsites}", "s: [Nsites]\n"));
        assertTrue(noFormula.getMessage().contains("composition.formula: missing"), noFormula.getMessage());
        var twice = assertThrows(InputException.class, () -> load(Fixtures.COMPOSITION, "s: [element properties, mean group]\n"));
        assertTrue(twice.getMessage().contains("lists 'element properties' and one of its columns"), twice.getMessage());
        var cellTwice = assertThrows(InputException.class, () -> load(Fixtures.COMPOSITION, "s: [cell descriptors, sites 2-adic]\n"));
        assertTrue(cellTwice.getMessage().contains("lists 'cell descriptors' and one of its columns"), cellTwice.getMessage());
        var unknownKey = assertThrows(InputException.class, () -> load("composition: {formula: Formula, sites: Nsites}", "s: [Nsites]\n"));
        assertTrue(unknownKey.getMessage().contains("unknown key 'sites'"), unknownKey.getMessage());
    }
}
