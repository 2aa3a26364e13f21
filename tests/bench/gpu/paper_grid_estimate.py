"""Estimates the paper grid's time on one GPU (docs/benchmarks.md, "Study grids").

Inputs: the default grid's results.jsonl (measured on 2 CPU cores: training tokens per configuration, time
outside training) and the H200 proxy's throughputs (lm_gpu_proxy.json). Assumptions, stated in the docs:
the paper grid's cohort (6,000 patients) has 1.5x the examples and histories of the default grid's (4,000),
its prompts (budget 192 vs 128) are up to 1.5x longer; training tokens are pretraining (fixed) plus
fine-tuning (per labelled example), fitted per target and family from the default grid's two scales;
the GPU trains at the proxy's batch-32 rate for the family and size; decoding a rationale costs
(validation + test) x 45 forward passes at the proxy's batch-32 scoring rate; the CPU work around training
(rendering, tokenizer, calibration, bootstrap) scales with the data (x1.5) and does not get faster on a GPU node.

Usage: python3 paper_grid_estimate.py RESULTS.jsonl lm_gpu_proxy.json
"""
import json
import sys
from collections import defaultdict

results = [json.loads(line) for line in open(sys.argv[1])]
proxy = json.load(open(sys.argv[2]))["rows"]
DATA, LENGTH = 1.5, 1.5
SCALES = {250: 250, 500: 500, 1000: 1000, "all": 2985}
SEEDS, DECODE_STEPS, EVALUATED = 7, 45, 1330
# 2-core CPU training rates (docs/benchmarks.md, "Training throughput"), for the same estimate on this machine
CPU_TRAIN = {("transformer", "tiny"): 43287, ("transformer", "small"): 11777, ("transformer", "base"): 3074,
             ("recurrent", "tiny"): 35296, ("recurrent", "small"): 9952, ("recurrent", "base"): 3287}

def rate(kind, family, size, batch, key):
    return next(r[key] for r in proxy if r["kind"] == kind and r["family"] == family and r["size"] == size
                and r["batch"] == batch)

tokens = defaultdict(dict)     # (target, family) -> {n: tokens}
overhead = defaultdict(list)   # target -> seconds outside training, decoding included
for r in results:
    c, t = r["configuration"], r["training"]
    if "family" not in c or "train_seconds" not in t or c["target"].startswith("BASE"):
        continue
    tokens[(c["target"], c["family"].lower())][r["trainExamples"]] = t["train_seconds"] * t["train_tokens_per_second"]
    overhead[c["target"]].append(r["seconds"] - t["train_seconds"])

total_gpu, total_cpu, total_two_cores, rows = 0.0, 0.0, 0.0, []
for target in ["LABEL_ONLY", "RATIONALE_FREEFORM", "RATIONALE_STEPWISE"]:
    cpu_side = sum(overhead["LABEL_ONLY"]) / len(overhead["LABEL_ONLY"]) * DATA  # what a GPU does not speed up
    for family in ["transformer", "recurrent"]:
        measured = tokens[(target, family)]
        (n1, t1), (n2, t2) = sorted(measured.items())[:2]
        per_example = (t2 - t1) / (n2 - n1)
        fixed = t1 - per_example * n1
        for size in ["tiny", "small", "base"]:
            train_rate = rate("train", family, size, 32, "tokens_per_s")
            score_rate = rate("score", family, size, 32, "sequences_per_s")
            for scale, n in SCALES.items():
                t_paper = fixed * DATA * LENGTH + per_example * LENGTH * n
                gpu = t_paper / train_rate
                if target != "LABEL_ONLY":
                    gpu += EVALUATED * DECODE_STEPS / score_rate
                total_gpu += SEEDS * gpu
                total_two_cores += SEEDS * t_paper / CPU_TRAIN[(family, size)]
                total_cpu += SEEDS * cpu_side
                rows.append((target, family, size, scale, t_paper, gpu))
print(f"{len(rows) * SEEDS} configurations; GPU compute {total_gpu / 3600:.2f} h; CPU-side work {total_cpu / 3600:.2f} h; "
      f"total {(total_gpu + total_cpu) / 3600:.2f} h")
print(f"training alone on the 2-core CPU: {total_two_cores / 3600:.0f} h")
for target in ["LABEL_ONLY", "RATIONALE_FREEFORM", "RATIONALE_STEPWISE"]:
    tok = sum(r[4] for r in rows if r[0] == target) * SEEDS
    print(f"{target}: {tok / 1e9:.2f} G training tokens")
