import type { NemoSchedulerArgs } from "./spec";

/**
 * NeMo's schedulers (NVIDIA/NeMo nemo/core/optim/lr_scheduler.py @ 8cfedd72), transcribed: the constructor
 * (ratios → steps, assertions) and `get_lr` at `last_epoch = step`, in Python's order of operations. Python's
 * exceptions (AssertionError, ValueError, ZeroDivisionError, TypeError) are thrown as `NemoError`.
 */
export class NemoError extends Error {}

/** Python's `/` on numbers: ZeroDivisionError for a zero divisor. */
function div(a: number, b: number): number {
  if (b === 0) throw new NemoError("ZeroDivisionError: float division by zero");
  return a / b;
}

/** Python's `**` on floats: `0.0 ** -x` raises; a negative base with a fractional exponent gives a complex number. */
function pow(a: number, b: number): number {
  if (a === 0 && b < 0) throw new NemoError("ZeroDivisionError: 0.0 cannot be raised to a negative power");
  if (a < 0 && !Number.isInteger(b)) throw new NemoError(`a negative number (${a}) raised to ${b} is complex in Python, which the scheduler cannot use`);
  return a ** b;
}

/** `math.pow`: ValueError where `**` would go complex. */
function mathPow(a: number, b: number): number {
  if (a === 0 && b < 0) throw new NemoError("ValueError: math domain error");
  if (a < 0 && !Number.isInteger(b)) throw new NemoError("ValueError: math domain error");
  return Math.pow(a, b);
}

function assert(ok: boolean, message: string): void {
  if (!ok) throw new NemoError(`AssertionError: ${message}`);
}

/** The phases the constructor resolved, for boundaries and hovers. */
export interface NemoResolved {
  readonly warmupSteps: number;
  /** WarmupHoldPolicy family: warmup + hold (0 when no hold is set); others 0. */
  readonly holdSteps: number;
  /** CosineAnnealing / T5InverseSquareRootAnnealing: the constant phase. */
  readonly constantSteps: number;
  readonly maxSteps: number;
}

export interface NemoScheduler {
  readonly resolved: NemoResolved;
  /** The LRs of every param group during step `step` (`last_epoch`). */
  lrs(step: number): number[];
}

/** `warmup_steps` / `warmup_ratio` as WarmupPolicy.__init__ resolves them. */
function warmupOf(a: NemoSchedulerArgs): number {
  assert(!(a.warmupSteps !== null && a.warmupRatio !== null), "Either use particular number of step or ratio");
  if (a.warmupSteps !== null) return a.warmupSteps;
  if (a.warmupRatio !== null) return Math.trunc(a.warmupRatio * a.maxSteps);
  return 0;
}

export function buildNemoScheduler(a: NemoSchedulerArgs, baseLrs: readonly number[]): NemoScheduler {
  const max = a.maxSteps;
  const min = a.minLr;
  const same = (v: number): number[] => baseLrs.map(() => v);
  switch (a.name) {
    case "WarmupPolicy":
    case "SquareAnnealing":
    case "SquareRootAnnealing":
    case "WarmupAnnealing":
    case "InverseSquareRootAnnealing":
    case "PolynomialDecayAnnealing": {
      const W = warmupOf(a);
      const getLr = warmupPolicyLr(a, W, baseLrs);
      return {
        resolved: { warmupSteps: W, holdSteps: 0, constantSteps: 0, maxSteps: max },
        lrs: (step) => {
          if (step <= W && W > 0) return baseLrs.map((b) => b * div(step + 1, W + 1));
          if (step > max) return same(min);
          return getLr(step);
        },
      };
    }
    case "WarmupHoldPolicy":
    case "WarmupHoldAnnealOneMinusSquareRoot":
    case "WarmupHoldAnnealLinear":
    case "NoamHoldAnnealing":
    case "PolynomialHoldDecayAnnealing": {
      assert(!(a.holdSteps !== null && a.holdRatio !== null), "Either use particular number of step or ratio");
      const W = warmupOf(a);
      const H = a.holdSteps !== null ? a.holdSteps + W : a.holdRatio !== null ? Math.trunc(a.holdRatio * max) + W : 0;
      const getLr = warmupHoldLr(a, W, H, baseLrs);
      return {
        resolved: { warmupSteps: W, holdSteps: H, constantSteps: 0, maxSteps: max },
        lrs: (step) => {
          if (step <= W && W > 0) return baseLrs.map((b) => b * div(step + 1, W + 1));
          if (step >= W && step < H) return [...baseLrs];
          if (step > max) return same(min);
          return getLr(step);
        },
      };
    }
    case "CosineAnnealing": {
      // WarmupAnnealHoldPolicy.__init__
      const W = warmupOf(a);
      assert(!(a.constantSteps !== null && a.constantRatio !== null), "Either use constant_steps or constant_ratio");
      const C = a.constantSteps !== null ? a.constantSteps : a.constantRatio !== null ? Math.trunc(a.constantRatio * max) : 0;
      const decaySteps = max - (C + W);
      // _linear_warmup_with_cosine_annealing(max_lr=self.base_lrs[0], ...) for every group.
      const megatron = (step: number): number[] => {
        const maxLr = baseLrs[0]!;
        assert(maxLr > min, "max_lr > min_lr");
        if (W > 0 && step <= W) return same(div(maxLr * step, W));
        if (step > W + decaySteps) return same(min);
        const decayRatio = div(step - W, decaySteps);
        assert(decayRatio >= 0.0, "decay_ratio >= 0.0");
        assert(decayRatio <= 1.0, "decay_ratio <= 1.0");
        const coeff = 0.5 * (Math.cos(Math.PI * decayRatio) + 1.0);
        return same(min + coeff * (maxLr - min));
      };
      return {
        resolved: { warmupSteps: W, holdSteps: 0, constantSteps: C, maxSteps: max },
        lrs: (step) => {
          if (W > 0 && step <= W) return C === 0 ? baseLrs.map((b) => b * div(step + 1, W + 1)) : megatron(step);
          if (C > 0 && W + decaySteps < step && step <= max) return megatron(step);
          if (step > max) return same(min);
          if (baseLrs.some((b) => b < min)) throw new NemoError("ValueError: CosineAnnealing received an initial learning rate that was lower than the minimum learning rate.");
          if (C === 0) return baseLrs.map((b) => (b - min) * (0.5 * (1 + Math.cos(div(Math.PI * (step - W), max - W)))) + min);
          return megatron(step);
        },
      };
    }
    case "NoamAnnealing": {
      if (a.dModel === null) throw new NemoError("TypeError: NoamAnnealing.__init__() missing 1 required keyword-only argument: 'd_model'");
      const normalize = pow(a.dModel, -0.5);
      const W = warmupOf(a);
      return {
        resolved: { warmupSteps: W, holdSteps: 0, constantSteps: 0, maxSteps: max },
        lrs: (last) => {
          const step = Math.max(1, last);
          if (baseLrs.some((b) => b < min)) throw new NemoError("ValueError: NoamAnnealing received an initial learning rate that was lower than the minimum learning rate.");
          return baseLrs.map((b) => {
            const mult = W > 0 ? normalize * Math.min(pow(step, -0.5), step * pow(W, -1.5)) : normalize * pow(step, -0.5);
            let out = b * mult;
            if (step > W) out = Math.max(out, min);
            return out;
          });
        },
      };
    }
    case "T5InverseSquareRootAnnealing": {
      // SquareRootConstantPolicy.__init__: `1 / (constant_steps**0.5)` uses the argument itself.
      assert(!(a.constantSteps !== null && a.constantRatio !== null), "Either use particular number of step or ratio");
      const C = a.constantSteps !== null ? a.constantSteps : a.constantRatio !== null ? Math.trunc(a.constantRatio * max) : 0;
      if (a.constantSteps === null) throw new NemoError("TypeError: unsupported operand type(s) for ** or pow(): 'NoneType' and 'float' (constant_steps is not set)");
      const constantLr = div(1, pow(a.constantSteps, 0.5));
      return {
        resolved: { warmupSteps: 0, holdSteps: 0, constantSteps: C, maxSteps: max },
        lrs: (step) => {
          if (step <= C) return same(constantLr);
          if (step > max) return same(min);
          return same(div(1, pow(step, 0.5)));
        },
      };
    }
  }
}

/** `_get_lr` of the WarmupPolicy subclasses. */
function warmupPolicyLr(a: NemoSchedulerArgs, W: number, baseLrs: readonly number[]): (step: number) => number[] {
  const max = a.maxSteps;
  const min = a.minLr;
  switch (a.name) {
    case "SquareAnnealing":
      // _square_annealing(initial_lr, step - warmup_steps, max_steps - warmup_steps, min_lr)
      return (step) => baseLrs.map((b) => Math.max(b * pow(div(max - W - (step - W), max - W), 2), min));
    case "SquareRootAnnealing":
      // _squareroot_annealing(initial_lr, step, self.max_steps, min_lr): no warmup offset.
      return (step) => baseLrs.map((b) => Math.max(b * pow(div(max - step, max), 0.5), min));
    case "WarmupAnnealing":
      if (a.legacyWarmupAnnealing === true)
        return (step) => {
          const progress = div(step, max);
          const warmupRatio = div(W, max);
          const mult = Math.max(div(progress - 1.0, warmupRatio - 1.0), 0.0);
          return baseLrs.map((b) => b * mult);
        };
      return (step) => {
        const delta = baseLrs[0]! - min;
        const mult = div(step - W, max - W);
        return baseLrs.map(() => min + (1 - mult) * delta);
      };
    case "InverseSquareRootAnnealing":
      return (step) => {
        const denom = pow(div(step + 1, W + 1), 0.5);
        return baseLrs.map((b) => div(b, denom));
      };
    case "PolynomialDecayAnnealing":
      return (step) => baseLrs.map((b) => polyDecay(b, step - W, max - W, a.power, min, a.cycle));
    default:
      return () => [...baseLrs];
  }
}

/** `_get_lr` of the WarmupHoldPolicy subclasses; `H` is `self.hold_steps` (warmup + hold). */
function warmupHoldLr(a: NemoSchedulerArgs, W: number, H: number, baseLrs: readonly number[]): (step: number) => number[] {
  const max = a.maxSteps;
  const min = a.minLr;
  switch (a.name) {
    case "WarmupHoldAnnealOneMinusSquareRoot":
      return (step) => {
        const mult = 1 - pow(div(step - H, max - H), 0.5);
        return baseLrs.map((b) => Math.max(min, b * mult));
      };
    case "WarmupHoldAnnealLinear":
      return (step) => {
        const ratio = div(step - H, max - H);
        return baseLrs.map((b) => b - (b - min) * ratio);
      };
    case "NoamHoldAnnealing":
      return (step) => {
        if (W === 0) throw new NemoError("ValueError: Noam scheduler cannot be used without warmup steps");
        // hold_steps = total number of steps to hold the LR, not the warmup + hold steps.
        const hold = H > 0 ? H - W : 0;
        const tWarmupDecay = Math.max(1, pow(W, a.decayRate));
        const tHoldDecay = Math.max(1, pow(step - hold, a.decayRate));
        return baseLrs.map((b) => Math.max(div(b * tWarmupDecay, tHoldDecay), min));
      };
    case "PolynomialHoldDecayAnnealing":
      return (step) => baseLrs.map((b) => polyDecay(b, step - H, max - Math.max(W, H), a.power, min, a.cycle));
    default:
      return () => [...baseLrs];
  }
}

/** `_poly_decay(initial_lr, step, decay_steps, power, min_lr, cycle)`. */
function polyDecay(initial: number, step: number, decaySteps: number, power: number, min: number, cycle: boolean): number {
  if (cycle) {
    const multiplier = step === 0 ? 1.0 : Math.ceil(div(step, decaySteps));
    decaySteps *= multiplier;
  } else {
    step = Math.min(step, decaySteps);
  }
  const p = div(step, decaySteps);
  let lr = (initial - min) * mathPow(1.0 - p, power);
  lr += min;
  return lr;
}
