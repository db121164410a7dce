// The public API of the core: schedule descriptions in, curves out. Pure TypeScript, no editor, Node or DOM.
export type { SourceRange } from "./range";
export { formatLocation } from "./range";
export type { Origin, Value } from "./value";
export { assumedInputs, derived, frameworkDefault, literal, userInput } from "./value";
export type { Assumption, Input, Problem } from "./problem";
export { inputOption } from "./problem";
export type { ParamGroup, Program, ScalingRule, ScheduleDescription, Unit } from "./schedule";
export type { Boundary, Curve } from "./curve";
export type { LrLambda, TorchProgram, TorchSchedulerKind, TorchSchedulerSpec } from "./torch/spec";
export type { EvaluateOptions } from "./evaluate";
export { evaluate, MAX_TICKS } from "./evaluate";
export type { Decimated } from "./decimate";
export { decimate } from "./decimate";
export { tickOfEpoch, ticksPerEpoch } from "./epochs";
export { describeProgram, describeTorchScheduler, explainValue, formatLr } from "./explain";
export type { TorchEvaluation } from "./torch/evaluate";
export { evaluateTorch } from "./torch/evaluate";
