// The ten PyTorch golden cases (test/golden/torch-*.json, recorded from PyTorch 1.13 and bit-identical with
// main @008f727e), each with the TorchProgram a reader should build from its train.py, evaluated by the
// core and compared on every recorded point.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import type { ParamGroup } from "../../../src/core/schedule";
import type { TorchSchedulerSpec } from "../../../src/core/torch/spec";
import { adamGroup, group, lambda, program, spec } from "./helpers";
import { evaluateTorch } from "../../../src/core/torch/evaluate";

interface Golden {
  id: string;
  total: number;
  lr: [number, number][];
  momentum?: [number, number][];
  extra?: Record<string, [number, number][]>;
}

function goldenDir(): string {
  const candidates = [resolve(__dirname, "../../../../test/golden"), resolve(__dirname, "../../golden"), resolve(process.cwd(), "test/golden")];
  const found = candidates.find((dir) => existsSync(join(dir, "torch-steplr-imagenet.json")));
  assert.ok(found, `golden cases not found in ${candidates.join(", ")}`);
  return found;
}

function load(id: string): Golden {
  return JSON.parse(readFileSync(join(goldenDir(), `${id}.json`), "utf8")) as Golden;
}

function check(series: Float64Array, points: [number, number][], what: string): void {
  for (const [t, expected] of points) {
    const actual = series[t] ?? NaN;
    const ok = Math.abs(actual - expected) <= 1e-9 * Math.abs(expected) + 1e-300;
    assert.ok(ok, `${what} at tick ${t}: got ${actual}, PyTorch ${expected}`);
  }
}

interface Case {
  groups: ParamGroup[];
  schedulers: TorchSchedulerSpec[];
  stepped?: number[];
}

const cases: Record<string, Case> = {
  // Adam(lr=1e-3); CosineAnnealingLR(T_max=200, eta_min=1e-5); stepped per epoch.
  "torch-cosine-tmax-epochs": {
    groups: [adamGroup(1e-3)],
    schedulers: [spec({ kind: "CosineAnnealingLR", tMax: 200, etaMin: 1e-5 }, "scheduler")],
  },
  // SGD(lr=0.001, momentum=0.9); CyclicLR(base_lr=1e-4, max_lr=1e-2, step_size_up=500, mode="triangular2").
  "torch-cyclic-triangular2": {
    groups: [group(0.001, 0.9)],
    schedulers: [
      spec(
        {
          kind: "CyclicLR",
          baseLr: [1e-4],
          maxLr: [1e-2],
          stepSizeUp: 500,
          stepSizeDown: null,
          mode: "triangular2",
          gamma: 1.0,
          scaleMode: "cycle",
          cycleMomentum: true,
          baseMomentum: [0.8],
          maxMomentum: [0.9],
        },
        "scheduler",
      ),
    ],
  },
  // SGD(lr=0.1); LambdaLR(lr_lambda=lambda epoch: 0.95 ** epoch).
  "torch-lambda-exponential": {
    groups: [group(0.1)],
    schedulers: [spec({ kind: "LambdaLR", lambdas: [lambda("lambda epoch: 0.95 ** epoch", (epoch) => 0.95 ** epoch)] }, "scheduler")],
  },
  // SGD(lr=args.lr=0.1, momentum=0.9); MultiStepLR(milestones=[60, 120, 160], gamma=0.2).
  "torch-multistep-argparse": {
    groups: [group(0.1, 0.9)],
    schedulers: [spec({ kind: "MultiStepLR", milestones: [60, 120, 160], gamma: 0.2 }, "scheduler")],
  },
  // SGD(lr=0.01, momentum=0.9); OneCycleLR(max_lr=0.1, epochs=10, steps_per_epoch=200) → total_steps 2000.
  "torch-onecycle-per-batch": {
    groups: [group(0.01, 0.9)],
    schedulers: [
      spec(
        {
          kind: "OneCycleLR",
          maxLr: [0.1],
          totalSteps: 2000,
          pctStart: 0.3,
          annealStrategy: "cos",
          cycleMomentum: true,
          baseMomentum: [0.85],
          maxMomentum: [0.95],
          divFactor: 25,
          finalDivFactor: 1e4,
          threePhase: false,
        },
        "scheduler",
      ),
    ],
  },
  // SGD([{backbone, lr: 0.001}, {head}], lr=0.01, momentum=0.9); StepLR(step_size=7, gamma=0.1).
  "torch-param-groups-steplr": {
    groups: [group(0.001, 0.9), group(0.01, 0.9)],
    schedulers: [spec({ kind: "StepLR", stepSize: 7, gamma: 0.1 }, "scheduler")],
  },
  // SGD(lr=0.01, momentum=0.9); PolynomialLR(total_iters=80, power=2.0) over 100 epochs.
  "torch-polynomial-power2": {
    groups: [group(0.01, 0.9)],
    schedulers: [spec({ kind: "PolynomialLR", totalIters: 80, power: 2.0 }, "scheduler")],
  },
  // SGD(lr=0.4); LinearLR(start_factor=0.01, total_iters=5); CosineAnnealingLR(T_max=95);
  // SequentialLR([warmup, cosine], milestones=[5]); only the SequentialLR is stepped.
  "torch-sequential-warmup-cosine": {
    groups: [group(0.4, 0.9)],
    schedulers: [
      spec({ kind: "LinearLR", startFactor: 0.01, endFactor: 1.0, totalIters: 5 }, "warmup"),
      spec({ kind: "CosineAnnealingLR", tMax: 95, etaMin: 0 }, "cosine"),
      spec({ kind: "SequentialLR", schedulers: [0, 1], milestones: [5] }, "scheduler"),
    ],
  },
  // SGD(lr=0.05, momentum=0.9); CosineAnnealingWarmRestarts(T_0=10, T_mult=2, eta_min=1e-5).
  "torch-sgdr-warm-restarts": {
    groups: [group(0.05, 0.9)],
    schedulers: [spec({ kind: "CosineAnnealingWarmRestarts", t0: 10, tMult: 2, etaMin: 1e-5 }, "scheduler")],
  },
  // SGD(lr=0.1, momentum=0.9); StepLR(step_size=30, gamma=0.1).
  "torch-steplr-imagenet": {
    groups: [group(0.1, 0.9)],
    schedulers: [spec({ kind: "StepLR", stepSize: 30, gamma: 0.1 }, "scheduler")],
  },
};

for (const [id, c] of Object.entries(cases)) {
  void test(`golden ${id}`, () => {
    const golden = load(id);
    const result = evaluateTorch(program(c.schedulers, c.stepped), c.groups, golden.total);
    assert.deepEqual(result.problems, []);
    const lr = result.groups[0];
    assert.ok(lr);
    assert.equal(lr.length, golden.total);
    check(lr, golden.lr, "lr");
    if (golden.momentum) {
      const momentum = result.momentum?.[0];
      assert.ok(momentum, "momentum expected");
      check(momentum, golden.momentum, "momentum");
    }
    for (const [key, points] of Object.entries(golden.extra ?? {})) {
      const g = Number(/^group(\d+)$/.exec(key)?.[1]);
      const series = result.groups[g];
      assert.ok(series, `${key} expected`);
      check(series, points, key);
    }
  });
}

void test("every torch golden case has a program", () => {
  assert.equal(Object.keys(cases).length, 10);
});
