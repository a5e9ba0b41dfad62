package org.crystalbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.crystalbench.perf.BenchResult;
import org.crystalbench.perf.CpuTimeProfiler;
import org.crystalbench.perf.Interleaved;
import org.crystalbench.perf.JmhJson;
import org.crystalbench.perf.Measure;
import org.crystalbench.perf.PerfCheck;
import org.crystalbench.perf.SequentialRule;
import smile.stat.distribution.BetaDistribution;

/**
 * The perf gate's error rates from rounds recorded by {@code benchmarks/record-rounds.sh}: the gate's own
 * comparison with one jar as both base and head, so every hot-path benchmark's per-round log ratio head /
 * base is pure noise (A/A), and KnownEffectBench's is a true +10.01% (factor 1.10 in the head).
 *
 * <p>Per condition (background, spinners) and measure (thread CPU time, wall time) it prints the spread of
 * the per-round log ratios and then simulates whole gates with the gate's own {@link SequentialRule}: a
 * simulated round is a recorded round drawn with replacement, <em>whole</em> (all benchmarks of it, so a
 * disturbance that hit several benchmarks of one round hits them together, as it would in CI), each
 * benchmark's log ratio less that benchmark's own median over the condition's rounds (its residual), plus
 * log(slowdown) for the benchmark made slower. Centring removes each small pool's chance offset, which
 * would otherwise be reused in every simulated comparison; the residuals keep each benchmark's own spread,
 * tails and the rounds' correlation, and assume the noise does not depend on the slowdown (KnownEffectBench's
 * measured median beside its true 1.100 checks the shift). A simulated gate runs at most as many rounds as
 * fit the budget at the condition's measured pace (median seconds per recorded round).
 * <ul>
 *   <li>false alarm: an A/A gate (every benchmark's slowdown 1.00) that calls any benchmark a regression;</li>
 *   <li>power at +10% (+5%): each benchmark in turn made 1.10 (1.05) times slower, the others unchanged;
 *       detected when the gate calls that benchmark a regression.</li>
 * </ul>
 * Rates have exact (Clopper-Pearson) 95% intervals over the simulated comparisons; they do not include the
 * uncertainty of the recorded rounds themselves. The real A/A comparisons (each benchmark's recorded rounds
 * of one condition judged once, at the gate's last look) are counted too.
 *
 * <p>Usage: {@code java -cp crystal-bench.jar org.crystalbench.bench.GateErrorRates DIR [COMPARISONS]
 * [MIN_EFFECT_PERCENT] [MAX_ROUNDS] [FIRST_LOOK] [LOOK_EVERY] [CONFIDENCE_PERCENT] [BUDGET_SECONDS] [FAMILY]
 * [GATE_ROUND_SECONDS]}: FAMILY is the number of benchmarks the gate's confidence is split over (default: those
 * recorded) and GATE_ROUND_SECONDS the pace of the whole gate's rounds (default: the recorded rounds' pace), for a
 * recording of fewer benchmarks than the gate runs. {@code normal ...} sizes the rule with normal noise instead.
 */
public final class GateErrorRates {
    private static final String KNOWN = "org.crystalbench.bench.KnownEffectBench.kernel";
    private static final Pattern ROUND_FILE = Pattern.compile("round-(\\d+)-(base|head)-\\d+\\.json");

    private GateErrorRates() {}

    /** One recorded round: per benchmark key, {@code [base, head]} for wall time and CPU time. */
    record Round(Map<String, BenchResult[]> wall, Map<String, BenchResult[]> cpu) {}

    record Condition(String name, List<Round> rounds, List<Double> seconds, List<Double> loads) {}

    public static void main(String[] args) throws IOException {
        if (args[0].equals("normal")) {
            normal(args);
            return;
        }
        Path dir = Path.of(args[0]);
        int comparisons = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        double m = args.length > 2 ? Double.parseDouble(args[2]) / 100 : 0.03;
        int maxRounds = args.length > 3 ? Integer.parseInt(args[3]) : 24;
        int first = args.length > 4 ? Integer.parseInt(args[4]) : 8, every = args.length > 5 ? Integer.parseInt(args[5]) : 4;
        double level = args.length > 6 ? Double.parseDouble(args[6]) / 100 : 0.95;
        double budget = args.length > 7 ? Double.parseDouble(args[7]) : 480;
        Map<String, Condition> conditions = read(dir);
        int family = args.length > 8 ? Integer.parseInt(args[8])
                : (int) conditions.values().iterator().next().rounds().getFirst().wall().keySet().stream().filter(k -> !k.startsWith(KNOWN)).count();
        // the pace of the whole gate's round when the recording ran fewer benchmarks than the gate (seconds; 0: the recorded pace)
        double gatePace = args.length > 9 ? Double.parseDouble(args[9]) : 0;
        var rule = new SequentialRule(level, m, maxRounds, first, every, family);
        System.out.printf(Locale.ROOT, "%d benchmarks judged together; ", family);
        System.out.printf(Locale.ROOT, "rule: minimum effect %.3g%%, looks at %d, %d, ... up to %d rounds (%d looks, each at %.4g%%); "
                + "budget %.0f s; %d simulated comparisons per cell%n%n", 100 * m, first, first + every, maxRounds, rule.looks(),
                100 * rule.lookLevel(), budget, comparisons);
        System.out.println("| condition | recorded rounds | load (1-min) | s per round | rounds in budget | measure "
                + "| SD of log ratio, hot paths: median [min, max] | KnownEffect +10.01%: measured median, SD "
                + "| real A/A flagged | false alarms, A/A gate [95% CI] | power +10%, mean [worst benchmark] [95% CI] "
                + "| power +5% [95% CI] | median rounds at +10% |");
        System.out.println("|---|---:|---|---:|---:|---|---|---|---|---|---|---|---:|");
        SplittableRandom rng = new SplittableRandom(25);
        for (Condition c : conditions.values()) {
            double pace = gatePace > 0 ? gatePace : median(c.seconds().stream().mapToDouble(Double::doubleValue).toArray());
            int fit = (int) Math.min(maxRounds, Math.floor(budget / pace));
            for (Measure measure : Measure.values()) {
                List<String> keys = new ArrayList<>(c.rounds().getFirst().wall().keySet());
                keys.removeIf(k -> k.startsWith(KNOWN));
                double[][] d = new double[keys.size()][];
                double[] sds = new double[keys.size()];
                int realFlagged = 0;
                for (int b = 0; b < keys.size(); b++) {
                    d[b] = logRatios(c.rounds(), keys.get(b), measure);
                    sds[b] = sd(d[b]);
                    if (judge(rule, keys.get(b), Arrays.copyOf(d[b], lastLook(rule, Math.min(fit, d[b].length))), measure) == PerfCheck.Verdict.REGRESSION) {
                        realFlagged++;
                    }
                    double med = median(d[b]);
                    for (int r = 0; r < d[b].length; r++) d[b][r] -= med;
                }
                String known = c.rounds().getFirst().wall().keySet().stream().filter(k -> k.startsWith(KNOWN)).findFirst()
                        .map(k -> {
                            double[] kd = logRatios(c.rounds(), k, measure);
                            return String.format(Locale.ROOT, "%.3f, %.3f", Math.exp(median(kd)), sd(kd));
                        }).orElse("-");
                int aa = 0;
                for (int i = 0; i < comparisons; i++) if (gate(rule, d, -1, 0, fit, measure, rng).flagged() >= 0) aa++;
                String[] power = new String[2];
                int medianRounds = 0;
                for (int e = 0; e < 2; e++) {
                    double effect = e == 0 ? Math.log(1.10) : Math.log(1.05);
                    int hits = 0, worst = Integer.MAX_VALUE, per = Math.max(1, comparisons / keys.size());
                    List<Integer> used = new ArrayList<>();
                    for (int b = 0; b < keys.size(); b++) {
                        int h = 0;
                        for (int i = 0; i < per; i++) {
                            Sim s = gate(rule, d, b, effect, fit, measure, rng);
                            if (s.target() == PerfCheck.Verdict.REGRESSION) h++;
                            used.add(s.rounds());
                        }
                        hits += h;
                        worst = Math.min(worst, h);
                    }
                    int n = per * keys.size();
                    double[] ci = clopperPearson(hits, n), wci = clopperPearson(worst, per);
                    power[e] = String.format(Locale.ROOT, "%d of %d = %.1f%% [%.1f%%, %.1f%%]; worst %.0f%% [%.0f%%, %.0f%%] of %d", hits, n,
                            100.0 * hits / n, 100 * ci[0], 100 * ci[1], 100.0 * worst / per, 100 * wci[0], 100 * wci[1], per);
                    if (e == 0) {
                        used.sort(null);
                        medianRounds = used.get(used.size() / 2);
                    }
                }
                double[] ci = clopperPearson(aa, comparisons);
                double[] s = sds.clone();
                Arrays.sort(s);
                double lo = c.loads().stream().mapToDouble(Double::doubleValue).min().orElse(0);
                double hi = c.loads().stream().mapToDouble(Double::doubleValue).max().orElse(0);
                System.out.printf(Locale.ROOT, "| %s | %d | %.1f-%.1f | %.0f | %d | %s | %.3f [%.3f, %.3f] | %s | %d of %d | %d of %d = %.2f%% [%.2f%%, %.2f%%] "
                                + "| %s | %s | %d |%n", c.name(), c.rounds().size(), lo, hi, pace, fit, measure.name().toLowerCase(Locale.ROOT),
                        median(sds), s[0], s[s.length - 1], known, realFlagged, keys.size(), aa, comparisons, 100.0 * aa / comparisons,
                        100 * ci[0], 100 * ci[1], power[0], power[1], medianRounds);
            }
        }
    }

    /**
     * What the rule gives with normal per-round noise of a known spread, for sizing: {@code normal SD[,SD...]
     * ROUNDS[,ROUNDS...] [COMPARISONS] [BENCHMARKS] [MIN_EFFECT_PERCENT] [MAX_ROUNDS] [FIRST_LOOK] [LOOK_EVERY]
     * [CONFIDENCE_PERCENT]}: ROUNDS is how many rounds fit the budget.
     */
    static void normal(String[] args) {
        int comparisons = args.length > 3 ? Integer.parseInt(args[3]) : 1000, benches = args.length > 4 ? Integer.parseInt(args[4]) : 21;
        double m = args.length > 5 ? Double.parseDouble(args[5]) / 100 : 0.03;
        int maxRounds = args.length > 6 ? Integer.parseInt(args[6]) : 24;
        int first = args.length > 7 ? Integer.parseInt(args[7]) : 8, every = args.length > 8 ? Integer.parseInt(args[8]) : 4;
        double level = args.length > 9 ? Double.parseDouble(args[9]) / 100 : 0.95;
        var rule = new SequentialRule(level, m, maxRounds, first, every, benches);
        System.out.printf(Locale.ROOT, "normal noise; %d benchmarks; minimum effect %.3g%%; looks at %d, %d, ... up to %d (%d looks at %.4g%%)%n%n",
                benches, 100 * m, first, first + every, maxRounds, rule.looks(), 100 * rule.lookLevel());
        System.out.println("| SD of log ratio | rounds in budget | false alarms, A/A gate [95% CI] | power +10% [95% CI] | power +5% [95% CI] |");
        System.out.println("|---:|---:|---|---|---|");
        SplittableRandom rng = new SplittableRandom(25);
        for (String sdText : args[1].split(",")) {
            double sd = Double.parseDouble(sdText);
            for (String roundsText : args[2].split(",")) {
                int fit = Integer.parseInt(roundsText);
                double[][] pool = new double[benches][4000];
                for (double[] b : pool) for (int r = 0; r < b.length; r++) b[r] = sd * gaussian(rng);
                int aa = 0;
                for (int i = 0; i < comparisons; i++) if (gate(rule, pool, -1, 0, fit, Measure.CPU, rng).flagged() >= 0) aa++;
                var row = new StringBuilder(String.format(Locale.ROOT, "| %.3f | %d | %s |", sd, fit, rate(aa, comparisons)));
                for (double effect : new double[] {1.10, 1.05}) {
                    int hits = 0;
                    for (int i = 0; i < comparisons; i++) {
                        if (gate(rule, pool, i % benches, Math.log(effect), fit, Measure.CPU, rng).target() == PerfCheck.Verdict.REGRESSION) hits++;
                    }
                    row.append(' ').append(rate(hits, comparisons)).append(" |");
                }
                System.out.println(row);
            }
        }
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble(), v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    static String rate(int k, int n) {
        double[] ci = clopperPearson(k, n);
        return String.format(Locale.ROOT, "%d of %d = %.1f%% [%.1f%%, %.1f%%]", k, n, 100.0 * k / n, 100 * ci[0], 100 * ci[1]);
    }

    /** @param flagged the first benchmark called a regression, or -1; {@code target}: the slowed benchmark's verdict */
    record Sim(int flagged, PerfCheck.Verdict target, int rounds) {}

    /** One simulated gate over every benchmark: whole recorded rounds drawn with replacement, residuals plus the effect. */
    static Sim gate(SequentialRule rule, double[][] residuals, int slowed, double effect, int maxRounds, Measure measure,
                    SplittableRandom rng) {
        int benches = residuals.length, recorded = residuals[0].length;
        double[][] drawn = new double[benches][maxRounds];
        for (int r = 0; r < maxRounds; r++) {
            int pick = rng.nextInt(recorded);
            for (int b = 0; b < benches; b++) drawn[b][r] = residuals[b][pick] + (b == slowed ? effect : 0);
        }
        int flagged = -1, roundsOfTarget = maxRounds;
        PerfCheck.Verdict target = PerfCheck.Verdict.NOISE;
        for (int b = 0; b < benches; b++) {
            PerfCheck.Verdict v = PerfCheck.Verdict.NOISE;
            int n = 0;
            for (n = 1; n <= maxRounds; n++) {
                if (!rule.isLook(n)) continue;
                v = judge(rule, "k", Arrays.copyOf(drawn[b], n), measure);
                if (v != PerfCheck.Verdict.NOISE) break;
            }
            if (v == PerfCheck.Verdict.REGRESSION && flagged < 0) flagged = b;
            if (b == slowed) {
                target = v;
                roundsOfTarget = Math.min(n, maxRounds);
            }
        }
        return new Sim(flagged, target, roundsOfTarget);
    }

    /** The last look at or before {@code n} rounds (0 if none). */
    static int lastLook(SequentialRule rule, int n) {
        while (n > 0 && !rule.isLook(n)) n--;
        return n;
    }

    /** The sequential verdict on these log ratios (one look). */
    static PerfCheck.Verdict judge(SequentialRule rule, String key, double[] logRatios, Measure measure) {
        if (logRatios.length == 0 || !rule.isLook(logRatios.length)) return PerfCheck.Verdict.NOISE;
        List<BenchResult[]> pairs = new ArrayList<>();
        for (double x : logRatios) pairs.add(new BenchResult[] {result(100), result(100 * Math.exp(x))});
        return rule.decide(key, pairs, pairs, measure, true).verdict();
    }

    private static BenchResult result(double usPerOp) {
        return new BenchResult(KNOWN, "avgt", Map.of(), usPerOp, 0, "us/op");
    }

    /** Reads every block folder {@code bNNN-<condition>} of {@code dir} and blocks.tsv (seconds and loads). */
    static Map<String, Condition> read(Path dir) throws IOException {
        Map<String, Condition> out = new TreeMap<>();
        Map<Integer, String[]> blocks = new TreeMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("blocks.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            blocks.put(Integer.parseInt(f[0]), f);
        }
        for (var e : blocks.entrySet()) {
            String[] f = e.getValue();
            Path block = dir.resolve(String.format(Locale.ROOT, "b%03d-%s", e.getKey(), f[1]));
            Map<Integer, Round> rounds = new TreeMap<>();
            try (Stream<Path> files = Files.list(block)) {
                for (Path json : files.toList()) {
                    Matcher mm = ROUND_FILE.matcher(json.getFileName().toString());
                    if (!mm.matches()) continue;
                    Round r = rounds.computeIfAbsent(Integer.parseInt(mm.group(1)), k -> new Round(new LinkedHashMap<>(), new LinkedHashMap<>()));
                    int side = mm.group(2).equals("base") ? 0 : 1;
                    try {
                        add(r.wall(), JmhJson.read(json, null, true), side);
                        add(r.cpu(), JmhJson.read(json, CpuTimeProfiler.METRIC, true), side);
                    } catch (RuntimeException ex) {
                        // an empty or torn file: the round is incomplete and left out below
                    }
                }
            }
            Condition c = out.computeIfAbsent(f[1], k -> new Condition(k, new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
            int complete = 0;
            for (Round r : rounds.values()) {
                boolean whole = !r.wall().isEmpty() && Stream.concat(r.wall().values().stream(), r.cpu().values().stream())
                        .allMatch(p -> p[0] != null && p[1] != null) && r.wall().keySet().equals(r.cpu().keySet());
                if (whole && (c.rounds().isEmpty() || r.wall().keySet().equals(c.rounds().getFirst().wall().keySet()))) {
                    c.rounds().add(r);
                    complete++;
                }
            }
            if (complete > 0) {
                c.seconds().add(Double.parseDouble(f[2]) / rounds.size());
                c.loads().add(Double.parseDouble(f[3]));
                c.loads().add(Double.parseDouble(f[4]));
            }
        }
        out.values().removeIf(c -> c.rounds().isEmpty());
        return out;
    }

    private static void add(Map<String, BenchResult[]> round, List<BenchResult> results, int side) {
        for (BenchResult b : results) {
            var p = new TreeMap<>(b.params());
            p.remove("factor");
            round.computeIfAbsent(b.benchmark() + p + " (" + b.mode() + ")", k -> new BenchResult[2])[side] = b;
        }
    }

    /** Per round, the log of the slowdown head / base (time per operation; base / head for a throughput). */
    static double[] logRatios(List<Round> rounds, String key, Measure measure) {
        return rounds.stream().mapToDouble(r -> {
            BenchResult[] p = (measure == Measure.CPU ? r.cpu() : r.wall()).get(key);
            double ratio = p[1].score() / p[0].score();
            return Math.log(p[0].unit().startsWith("ops/") ? 1 / ratio : ratio);
        }).toArray();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double sd(double[] d) {
        double mean = Arrays.stream(d).average().orElse(0), ss = 0;
        for (double x : d) ss += (x - mean) * (x - mean);
        return d.length > 1 ? Math.sqrt(ss / (d.length - 1)) : Double.NaN;
    }

    /** Exact 95% binomial interval for k successes in n trials. */
    static double[] clopperPearson(int k, int n) {
        double lo = k == 0 ? 0 : new BetaDistribution(k, n - k + 1).quantile(0.025);
        double hi = k == n ? 1 : new BetaDistribution(k + 1, n - k).quantile(0.975);
        return new double[] {lo, hi};
    }
}
