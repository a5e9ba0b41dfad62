package org.crystalbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crystalbench.report.StudyMarkdown;
import org.crystalbench.config.Reference;
import org.crystalbench.metrics.Metric;
import org.crystalbench.splits.Protocol;
import org.crystalbench.stats.Interval;
import org.junit.jupiter.api.Test;

class StudyTest {
    /** The published Table 1 that configs/paper.yaml carries. */
    static Reference published() {
        Map<String, Reference.Scores> m = new LinkedHashMap<>();
        m.put("SVM", new Reference.Scores(0.37, 0.45, 0.39));
        m.put("LR", new Reference.Scores(0.54, 0.48, 0.49));
        m.put("NB", new Reference.Scores(0.29, 0.37, 0.32));
        m.put("Voting", new Reference.Scores(0.35, 0.44, 0.38));
        m.put("DNN", new Reference.Scores(0.82, 0.82, 0.81));
        return new Reference("Published study, Table 1", "paper", Protocol.HOLDOUT, m);
    }

    @Test
    void theStudysF1sCannotAllBeTheHarmonicMeanOfItsPAndR() {
        var svm = Study.f1Check("SVM", published().models().get("SVM"));
        assertEquals(2 * 0.365 * 0.445 / (0.365 + 0.445), svm.harmonicLow(), 1e-12); // P and R rounded down as far as they go
        assertEquals(0.401, svm.harmonicLow(), 0.0005);
        assertFalse(svm.harmonic(), "0.39 cannot round from >= 0.401");
        assertTrue(svm.meanOfF1());
        var lr = Study.f1Check("LR", published().models().get("LR"));
        assertEquals(0.503, lr.harmonicLow(), 0.0005);
        assertFalse(lr.harmonic());
        assertTrue(Study.f1Check("DNN", published().models().get("DNN")).harmonic(), "0.81 can round from hm(0.815, 0.815)");
        String line = StudyMarkdown.f1Line(published());
        assertTrue(line.contains("2 of 5 reported F1s cannot be the harmonic mean"), line);
        assertTrue(line.contains("5 of 5 are at or below that harmonic mean"), line);
        assertTrue(line.contains("consistent with **macro F1**"), line);
    }

    @Test
    void f1sThatAreTheHarmonicMeanAreSaidToBeConsistentWithBoth() {
        var ref = new Reference("r", null, null, Map.of("A", new Reference.Scores(0.5, 0.5, 0.5)));
        assertTrue(StudyMarkdown.f1Line(ref).contains("consistent with both definitions"), StudyMarkdown.f1Line(ref));
        var above = new Reference("r", null, null, Map.of("A", new Reference.Scores(0.5, 0.3, 0.45)));
        assertTrue(StudyMarkdown.f1Line(above).contains("neither"), StudyMarkdown.f1Line(above));
        assertEquals(0.005, Study.halfUnit(0.39), 1e-15);
        assertEquals(0.0005, Study.halfUnit(0.391), 1e-15);
        assertEquals(0.5, Study.halfUnit(1.0), 1e-15);
    }

    static SummaryTable.Row row(String fs, Protocol p, String model, double mean, double sd, double halfWidth) {
        Map<Metric, Estimate> stats = new EnumMap<>(Metric.class);
        Metric.ALL.forEach(m -> stats.put(m, new Estimate(mean, sd, new Interval(mean - halfWidth, mean + halfWidth))));
        return new SummaryTable.Row(fs, p, model, 30, stats, 1, 1);
    }

    @Test
    void everySettingCountsTheReportedValuesInsideOurIntervals() {
        var ref = published();
        List<SummaryTable.Row> summary = List.of(
                row("paper", Protocol.HOLDOUT, "SVM", 0.95, 0.02, 0.03), row("paper", Protocol.HOLDOUT, "DNN", 0.98, 0.01, 0.02),
                row("no-sg", Protocol.HOLDOUT, "SVM", 0.40, 0.06, 0.06), row("no-sg", Protocol.HOLDOUT, "DNN", 0.55, 0.05, 0.05),
                row("no-sg", Protocol.CV, "SVM", 0.40, 0.06, 0.06), row("no-sg", Protocol.CV, "DNN", 0.55, 0.05, 0.04));
        List<Study.Setting> settings = Study.settings(ref, summary);
        assertEquals(3, settings.size());
        assertEquals(0, settings.get(0).inside());
        assertEquals(6, settings.get(0).compared(), "P, R and F1 of the two models run");
        assertEquals(List.of("SVM P", "SVM R", "SVM F1", "DNN P", "DNN R", "DNN F1"), settings.get(0).outside());
        assertEquals(3, settings.get(1).inside(), "0.37, 0.45 and 0.39 lie in [0.34, 0.46]");
        assertEquals(List.of("DNN P", "DNN R", "DNN F1"), settings.get(1).outside());
        // holdout and cv tie on the count; the median distance in SDs is the same too, so both are named
        assertEquals(List.of(settings.get(1), settings.get(2)), Study.mostConsistent(settings));
        String md = StudyMarkdown.settingsMarkdown(ref, summary, null);
        assertTrue(md.contains("| **`no-sg`** | Protocol holdout | **3 of 6** |"), md);
        assertTrue(md.contains("Inside none of our intervals in any setting: DNN P, DNN R, DNN F1."), md);
        assertEquals("Comparison with Published study, Table 1", StudyMarkdown.title(ref));
        assertEquals("Comparison with the reference", StudyMarkdown.title(new Reference(null, null, null, Map.of())));
    }

    @Test
    void tiesOnTheCountGoToTheSmallerMedianDistance() {
        var a = new Study.Setting("a", Protocol.HOLDOUT, 3, 6, 1.5, List.of());
        var b = new Study.Setting("b", Protocol.CV, 3, 6, 0.7, List.of());
        var c = new Study.Setting("c", Protocol.CV, 2, 6, 0.1, List.of());
        assertEquals(List.of(b), Study.mostConsistent(List.of(a, b, c)));
        assertEquals(List.of(), Study.mostConsistent(List.of(new Study.Setting("d", Protocol.CV, 0, 6, 0.1, List.of()))));
    }
}
