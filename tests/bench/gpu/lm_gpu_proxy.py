"""GPU proxy benchmark for the platform's language-model families (docs/benchmarks.md, "GPU").

The Java GPU path (DJL + pytorch-native-cu124) cannot run on the lent GPU machine: it has no JDK, the CUDA
natives jar (2.4 GB) cannot travel to it, and its PyTorch (2.11) matches no DJL JNI build. This script runs
the same architectures, with the same shapes as org.adrdstream.lm (Architecture.of), in plain PyTorch eager
mode on the GPU, to measure what batching and a GPU buy: training tokens/s per family and size, and scoring
(answer-position read-out) sequences/s one at a time vs batched. DJL drives the same ATen kernels through
JNI, so these are upper bounds for the Java path; the ratios are what the docs use.

Usage: python3 lm_gpu_proxy.py OUT.json   (prints a table; writes JSON)
"""
import json
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

SIZES = {  # (layers, width, heads, hidden) as in Architecture.of
    ("transformer", "tiny"): (2, 64, 4, 256),
    ("transformer", "small"): (4, 128, 4, 512),
    ("transformer", "base"): (6, 256, 8, 1024),
    ("recurrent", "tiny"): (1, 64, 0, 128),
    ("recurrent", "small"): (2, 128, 0, 256),
    ("recurrent", "base"): (2, 256, 0, 512),
}
VOCAB = 400
LENGTH = 193  # token budget 192 + answer


class Decoder(nn.Module):
    def __init__(self, width, heads, hidden):
        super().__init__()
        self.norm1, self.norm2 = nn.LayerNorm(width), nn.LayerNorm(width)
        self.qkv, self.out = nn.Linear(width, 3 * width), nn.Linear(width, width)
        self.mlp = nn.Sequential(nn.Linear(width, hidden), nn.GELU(), nn.Linear(hidden, width))
        self.heads = heads

    def forward(self, x):
        b, n, w = x.shape
        q, k, v = self.qkv(self.norm1(x)).view(b, n, 3, self.heads, w // self.heads).permute(2, 0, 3, 1, 4)
        # explicit masked softmax, as the DJL block computes it (no fused kernel)
        scores = q @ k.transpose(-1, -2) / math.sqrt(w // self.heads)
        mask = torch.triu(torch.full((n, n), -1e9, device=x.device), 1)
        mixed = (scores + mask).softmax(-1) @ v
        x = x + self.out(mixed.transpose(1, 2).reshape(b, n, w))
        return x + self.mlp(self.norm2(x))


class LanguageModel(nn.Module):
    def __init__(self, family, layers, width, heads, hidden):
        super().__init__()
        self.tokens = nn.Embedding(VOCAB, width)
        self.family = family
        if family == "transformer":
            self.positions = nn.Parameter(torch.zeros(LENGTH + 96, width))
            self.body = nn.ModuleList(Decoder(width, heads, hidden) for _ in range(layers))
            state = width
        else:
            self.body = nn.GRU(width, hidden, num_layers=layers, batch_first=True)
            state = hidden
        self.norm = nn.LayerNorm(state)
        self.head = nn.Linear(state, VOCAB)

    def states(self, ids):
        x = self.tokens(ids)
        if self.family == "transformer":
            x = x + self.positions[: ids.shape[1]]
            for layer in self.body:
                x = layer(x)
        else:
            x = self.body(x)[0]
        return self.norm(x)

    def forward(self, ids, positions=None):
        s = self.states(ids)
        if positions is not None:
            s = s[torch.arange(ids.shape[0], device=ids.device), positions]
        return self.head(s)


def timed(fn, device, seconds=2.0):
    for _ in range(3):
        fn()
    torch.cuda.synchronize(device)
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        fn()
        count += 1
    torch.cuda.synchronize(device)
    return (time.perf_counter() - start) / count


def main(out):
    device = torch.device("cuda")
    torch.manual_seed(7)
    rows = []
    for (family, size), (layers, width, heads, hidden) in SIZES.items():
        model = LanguageModel(family, layers, width, heads, hidden).to(device)
        opt = torch.optim.Adam(model.parameters(), lr=2e-3)
        for batch in (32, 256):
            ids = torch.randint(1, VOCAB, (batch, LENGTH), device=device)

            def train_step():
                logits = model(ids[:, :-1])
                loss = F.cross_entropy(logits.reshape(-1, VOCAB), ids[:, 1:].reshape(-1))
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()

            seconds = timed(train_step, device)
            rows.append({"kind": "train", "family": family, "size": size, "batch": batch,
                         "tokens_per_s": batch * LENGTH / seconds})
        model.eval()
        with torch.inference_mode():
            for batch in (1, 32, 256, 1024):
                ids = torch.randint(1, VOCAB, (batch, LENGTH), device=device)
                pos = torch.full((batch,), LENGTH - 1, device=device)
                seconds = timed(lambda: model(ids, pos), device)
                rows.append({"kind": "score", "family": family, "size": size, "batch": batch,
                             "sequences_per_s": batch / seconds})
        model.train()
    gpu = torch.cuda.get_device_name(device)
    print(f"{gpu}, torch {torch.__version__}, sequence length {LENGTH}, vocabulary {VOCAB}, fp32 eager")
    for r in rows:
        if r["kind"] == "train":
            print(f"train {r['family']:11s} {r['size']:5s} batch {r['batch']:4d}: {r['tokens_per_s']:12.0f} tokens/s")
    for r in rows:
        if r["kind"] == "score":
            print(f"score {r['family']:11s} {r['size']:5s} batch {r['batch']:4d}: {r['sequences_per_s']:12.0f} sequences/s")
    with open(out, "w") as f:
        json.dump({"device": gpu, "torch": torch.__version__, "length": LENGTH, "vocabulary": VOCAB, "rows": rows}, f,
                  indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
