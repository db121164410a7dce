#!/usr/bin/env python3
"""The baseline of `curve_1m`: PyTorch stepping the same scheduler, as a user plotting a schedule would.

    /usr/bin/python3 bench/torch_baseline.py <kind> <ticks> <runs> [cpu|wall]

prints one JSON line: {"torch": version, "baseline": what ran, "runs_ms": [...], "samples": [[tick, lr], ...]}.
Each run builds a fresh optimizer and scheduler, then for every tick records the LR in effect
(`param_groups[0]["lr"]`) and calls `scheduler.step()` (not after the last tick: OneCycleLR raises on the
step past `total_steps`). Only that loop is timed, not Python's or torch's start-up, with the clock the bench
uses (CPU time of the process by default, `time.process_time`; `wall`: `time.perf_counter`). The parameters are the
ones bench/curve.ts evaluates; `samples` lets it check that both curves agree.

For kinds torch has no class for, the baseline is torch's LambdaLR driven by the framework's own function,
transcribed below with the same operation order: Hugging Face's `_get_wsd_scheduler_lambda`
(transformers/optimization.py, 5.x) and timm's `CosineLRScheduler._get_lr` (timm/scheduler/cosine_lr.py @
aa4b5850) divided by the base LR.

Needs torch (Debian: `apt-get install python3-torch`).
"""
import json
import math
import sys
import time
import warnings

import torch
from torch.optim import SGD, AdamW
from torch.optim import lr_scheduler as S

warnings.filterwarnings("ignore")  # "lr_scheduler.step() before optimizer.step()": there is no training here


def wsd_lambda(current_step, *, num_warmup_steps, num_stable_steps, num_decay_steps, warmup_type, decay_type, min_lr_ratio, num_cycles):
    """transformers.optimization._get_wsd_scheduler_lambda."""
    if current_step < num_warmup_steps:
        progress = float(current_step) / float(max(1, num_warmup_steps))
        if warmup_type == "linear":
            factor = progress
        elif warmup_type == "cosine":
            factor = 0.5 * (1.0 - math.cos(math.pi * progress))
        elif warmup_type == "1-sqrt":
            factor = 1.0 - math.sqrt(1.0 - progress)
        factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio
        return max(0.0, factor)
    if current_step < num_warmup_steps + num_stable_steps:
        return 1.0
    if current_step < num_warmup_steps + num_stable_steps + num_decay_steps:
        progress = float(current_step - num_warmup_steps - num_stable_steps) / float(max(1, num_decay_steps))
        if decay_type == "linear":
            factor = 1.0 - progress
        elif decay_type == "cosine":
            factor = 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))
        elif decay_type == "1-sqrt":
            factor = 1.0 - math.sqrt(progress)
        factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio
        return max(0.0, factor)
    return min_lr_ratio


class TimmCosine:
    """timm.scheduler.CosineLRScheduler._get_lr for one param group (t_in_epochs=False: stepped per update)."""

    def __init__(self, base, t_initial, lr_min, cycle_mul, cycle_decay, cycle_limit, warmup_t, warmup_lr_init, warmup_prefix, k_decay):
        self.base, self.t_initial, self.lr_min = base, t_initial, lr_min
        self.cycle_mul, self.cycle_decay, self.cycle_limit = cycle_mul, cycle_decay, cycle_limit
        self.warmup_t, self.warmup_lr_init, self.warmup_prefix, self.k_decay = warmup_t, warmup_lr_init, warmup_prefix, k_decay
        self.warmup_step = (base - warmup_lr_init) / warmup_t if warmup_t else 1

    def lr(self, t):
        if t < self.warmup_t:
            return self.warmup_lr_init + t * self.warmup_step
        if self.warmup_prefix:
            t = t - self.warmup_t
        if self.cycle_mul != 1:
            i = math.floor(math.log(1 - t / self.t_initial * (1 - self.cycle_mul), self.cycle_mul))
            t_i = self.cycle_mul**i * self.t_initial
            t_curr = t - (1 - self.cycle_mul**i) / (1 - self.cycle_mul) * self.t_initial
        else:
            i = t // self.t_initial
            t_i = self.t_initial
            t_curr = t - (self.t_initial * i)
        lr_max = self.base * self.cycle_decay**i
        k = self.k_decay
        if i < self.cycle_limit:
            return self.lr_min + 0.5 * (lr_max - self.lr_min) * (1 + math.cos(math.pi * t_curr**k / t_i**k))
        return self.lr_min


def build(kind, n):
    """(optimizer, scheduler, what the baseline is) for a kind, with bench/curve.ts's parameters."""
    p = [torch.nn.Parameter(torch.zeros(1))]
    if kind == "cosine":
        opt = SGD(p, lr=0.1)
        return opt, S.CosineAnnealingLR(opt, T_max=n, eta_min=0), "CosineAnnealingLR"
    if kind == "warmup+cosine":
        opt = SGD(p, lr=0.1)
        w = S.LinearLR(opt, start_factor=0.01, end_factor=1.0, total_iters=5000)
        c = S.CosineAnnealingLR(opt, T_max=n - 5000, eta_min=0)
        return opt, S.SequentialLR(opt, [w, c], milestones=[5000]), "SequentialLR(LinearLR, CosineAnnealingLR)"
    if kind == "step":
        opt = SGD(p, lr=0.1)
        return opt, S.StepLR(opt, step_size=300_000, gamma=0.1), "StepLR"
    if kind == "one-cycle":
        opt = SGD(p, lr=0.1, momentum=0.9)
        s = S.OneCycleLR(opt, max_lr=0.1, total_steps=n, pct_start=0.3, anneal_strategy="cos", cycle_momentum=True, base_momentum=0.85, max_momentum=0.95, div_factor=25.0, final_div_factor=1e4, three_phase=False)
        return opt, s, "OneCycleLR"
    if kind == "cyclic":
        opt = SGD(p, lr=0.1, momentum=0.9)
        s = S.CyclicLR(opt, base_lr=1e-4, max_lr=1e-2, step_size_up=2000, mode="triangular2", cycle_momentum=True, base_momentum=0.8, max_momentum=0.9)
        return opt, s, "CyclicLR"
    if kind == "SGDR":
        opt = SGD(p, lr=0.1)
        return opt, S.CosineAnnealingWarmRestarts(opt, T_0=1000, T_mult=2, eta_min=1e-5), "CosineAnnealingWarmRestarts"
    if kind == "hf-wsd":
        # get_wsd_schedule(num_warmup_steps=2000, num_decay_steps=200_000, num_training_steps=n, min_lr_ratio=0.1, decay_type="cosine")
        opt = AdamW(p, lr=3e-4)
        fn = lambda step: wsd_lambda(step, num_warmup_steps=2000, num_stable_steps=n - 2000 - 200_000, num_decay_steps=200_000, warmup_type="linear", decay_type="cosine", min_lr_ratio=0.1, num_cycles=0.5)
        return opt, S.LambdaLR(opt, fn), "LambdaLR(transformers _get_wsd_scheduler_lambda)"
    if kind == "timm-cosine-cycles":
        # train.py --sched cosine --epochs 100 --warmup-epochs 2 --lr-cycle-limit 4 --sched-on-updates, 2,500 updates per epoch
        base = 5e-4
        opt = AdamW(p, lr=base)
        c = TimmCosine(base, t_initial=250_000, lr_min=1e-5, cycle_mul=1.0, cycle_decay=0.5, cycle_limit=4, warmup_t=5000, warmup_lr_init=1e-6, warmup_prefix=False, k_decay=1.0)
        return opt, S.LambdaLR(opt, lambda t: c.lr(t) / base), "LambdaLR(timm CosineLRScheduler._get_lr)"
    raise SystemExit(f"unknown kind {kind}")


def main():
    kind, n, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    clock = time.perf_counter if len(sys.argv) > 4 and sys.argv[4] == "wall" else time.process_time
    sample_ticks = sorted({min(n - 1, (n - 1) * i // 2000) for i in range(2001)})
    runs_ms, out, what = [], None, ""
    for _ in range(runs):
        opt, sched, what = build(kind, n)
        group = opt.param_groups[0]
        out = [0.0] * n
        t0 = clock()
        for t in range(n - 1):
            out[t] = group["lr"]
            sched.step()
        out[n - 1] = group["lr"]
        runs_ms.append((clock() - t0) * 1000)
    print(json.dumps({"torch": torch.__version__, "baseline": what, "runs_ms": runs_ms, "samples": [[t, out[t]] for t in sample_ticks]}))


if __name__ == "__main__":
    main()
