#!/usr/bin/env python3
"""Flattens rounds recorded by benchmarks/record-rounds.sh (or one perf-check --out folder) into one small CSV:
one line per block, round, benchmark and build, with the best iteration's time per operation in thread CPU time
and in wall time (the scores perf-check pairs; a throughput is turned into its time per operation), and the
block's condition and 1-minute load before and after (blocks.tsv). docs/performance.md, "The perf gate".
Usage: benchmarks/rounds-csv.py DIR > rounds.csv"""
import csv, glob, json, os, re, sys

def best_time(metric, throughput):
    raw = [x for it in metric["rawData"] for x in it]
    return 1 / max(raw) if throughput else min(raw)

def main(d):
    blocks = {}
    tsv = os.path.join(d, "blocks.tsv")
    if os.path.exists(tsv):
        for row in csv.DictReader(open(tsv), delimiter="\t"):
            blocks["b%03d-%s" % (int(row["block"]), row["condition"])] = row
    folders = sorted(f for f in glob.glob(os.path.join(d, "b*-*")) if os.path.isdir(f)) or [d]
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["block", "condition", "load_before", "load_after", "round", "benchmark", "params", "mode", "side",
                  "cpu_time_per_op", "wall_time_per_op", "unit"])
    for f in folders:
        name = os.path.basename(f)
        b = blocks.get(name, {})
        cond = b.get("condition", "")
        for j in sorted(glob.glob(os.path.join(f, "round-*-*.json"))):
            m = re.search(r"round-(\d+)-(base|head)-\d+\.json$", j)
            try:
                data = json.load(open(j))
            except ValueError:
                continue  # a fork stopped at the deadline
            for r in data:
                sec = r.get("secondaryMetrics", {}).get("\u00b7cpu")
                thr = r["mode"] == "thrpt"
                params = ";".join("%s=%s" % kv for kv in sorted(r.get("params", {}).items()))
                unit = r["primaryMetric"]["scoreUnit"]
                out.writerow([name, cond, b.get("load_before", ""), b.get("load_after", ""), int(m.group(1)),
                              r["benchmark"].replace("org.crystalbench.bench.", ""), params, r["mode"], m.group(2),
                              "%.6g" % best_time(sec, thr) if sec else "", "%.6g" % best_time(r["primaryMetric"], thr),
                              ("s/op" if thr else unit)])

if __name__ == "__main__":
    main(sys.argv[1])
