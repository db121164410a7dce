import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import { describePaddleScheduler } from "../../core/paddle/describe";
import type { PaddleProgram } from "../../core/paddle/spec";
import type { ScheduleDescription } from "../../core/schedule";
import { userInput } from "../../core/value";
import type { ReaderContext, ReadResult } from "../index";
import { pinnedVersion } from "../versions";
import { readClas } from "./clas";
import { readDet } from "./det";
import { readOcr } from "./ocr";
import { readSeg } from "./seg";
import type { SuiteResult } from "./suite";
import { entryOf, get, loadWithBases, parsePaddleYaml, type PMap } from "./yaml";

const DIALECT = "paddle";

type Suite = "clas" | "ocr" | "det" | "seg";

/** What each suite's reader follows, and the package a workspace pins it by. */
const suites: Record<Suite, { readonly label: string; readonly pkg: string; readonly follows: string }> = {
  clas: { label: "PaddleClas", pkg: "paddleclas", follows: "PaddleClas develop @ d178931 (≈ paddleclas 2.6): ppcls/optimizer/learning_rate.py, ppcls/engine/train/train.py" },
  ocr: { label: "PaddleOCR", pkg: "paddleocr", follows: "PaddleOCR ppocr/optimizer/learning_rate.py and lr_scheduler.py (unchanged since 2.6), tools/program.py" },
  det: { label: "PaddleDetection", pkg: "paddledet", follows: "PaddleDetection develop @ 666f597 (≈ 2.7/2.8): ppdet/optimizer/optimizer.py, ppdet/core/workspace.py, ppdet/engine/trainer.py" },
  seg: { label: "PaddleSeg", pkg: "paddleseg", follows: "PaddleSeg develop @ d7975e7 (≈ 2.9): paddleseg/cvlibs/config.py and builder.py, paddleseg/core/train.py" },
};

const isMapNode = (n: unknown): n is PMap => typeof n === "object" && n !== null && (n as PMap).kind === "map";

/** Which suite a top-level YAML map belongs to, by the keys each suite's config has. */
function sniff(root: PMap): Suite | undefined {
  const global = get(root, "Global");
  const optimizer = get(root, "Optimizer");
  if (isMapNode(global) && optimizer && (isMapNode(optimizer) || optimizer.kind === "seq")) {
    if (get(global, "epoch_num") !== undefined || get(root, "Architecture") !== undefined) return "ocr";
    if (get(global, "epochs") !== undefined || get(root, "Arch") !== undefined) return "clas";
  }
  if (isMapNode(get(root, "LearningRate")) || (get(root, "LearningRate") === undefined && get(root, "OptimizerBuilder") !== undefined)) return "det";
  const lr = get(root, "lr_scheduler");
  if (isMapNode(lr) && get(lr, "type") !== undefined && get(lr, "class_path") === undefined && (get(root, "iters") !== undefined || get(root, "model") !== undefined || get(root, "train_dataset") !== undefined)) return "seg";
  return undefined;
}

/**
 * Reads a PaddlePaddle suite's YAML config (PaddleClas, PaddleOCR, PaddleDetection with `_BASE_` lists,
 * PaddleSeg with `_base_`), never running it. `undefined` for YAML of other tools.
 */
export function readPaddleConfig(fileName: string, text: string, context: ReaderContext): ReadResult | undefined {
  // Cheap test before parsing: one of the suites' top-level keys.
  if (!/^(?:Global|Optimizer|LearningRate|OptimizerBuilder|lr_scheduler|_BASE_|_base_|epoch|iters)\s*:/m.test(text)) return undefined;
  const first = parsePaddleYaml(fileName, text);
  if (first.root?.kind !== "map") return undefined;
  const top = first.root;
  const wholeFile: SourceRange = { file: fileName, startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };
  let suite = sniff(top);
  let root: PMap = top;
  const problems: Problem[] = [];
  const baseList = get(top, "_BASE_");
  const segBase = get(top, "_base_");
  // Problems of the inheritance itself (a missing, cyclic or too deep base): reported even when what was read
  // does not show the suite, since the part that would show it may be the part that could not be read.
  let chainProblems: Problem[] = [];
  const chainErrors = (ps: readonly Problem[]): Problem[] => ps.filter((p) => p.severity === "error" && /^base-(missing|cycle|too-deep|too-many)$/.test(p.code));
  if (!suite && baseList && baseList.kind === "seq") {
    const loaded = loadWithBases(fileName, text, context.files, "det");
    if (loaded.root && (get(loaded.root, "LearningRate") !== undefined || (get(loaded.root, "epoch") !== undefined && get(loaded.root, "architecture") !== undefined))) {
      suite = "det";
      root = loaded.root;
      problems.push(...loaded.problems);
    } else chainProblems = chainErrors(loaded.problems);
  } else if (suite === "det" && baseList) {
    const loaded = loadWithBases(fileName, text, context.files, "det");
    if (loaded.root) root = loaded.root;
    problems.push(...loaded.problems);
  }
  if ((!suite || suite === "seg") && segBase && (segBase.kind === "seq" || segBase.kind === "scalar")) {
    const loaded = loadWithBases(fileName, text, context.files, "seg");
    if (loaded.root && sniff(loaded.root) === "seg") {
      suite = "seg";
      root = loaded.root;
      problems.push(...loaded.problems);
    } else if (chainProblems.length === 0 && (segBase.kind === "seq" ? segBase.items : [segBase]).some((b) => b.kind === "scalar" && typeof b.value === "string" && /\.ya?ml$/.test(b.value))) chainProblems = chainErrors(loaded.problems);
  }
  if (!suite) return chainProblems.length > 0 ? { schedules: [], problems: chainProblems } : undefined;
  problems.push(...first.problems);

  const inputs = context.inputs;
  const out = suite === "clas" ? readClas(root, inputs, fileName, wholeFile) : suite === "ocr" ? readOcr(root, inputs, wholeFile) : suite === "det" ? readDet(root, inputs, wholeFile) : readSeg(root, inputs, wholeFile);
  if (!out.result || out.fatal.length > 0) return { schedules: [], problems: [...problems, ...out.fatal] };
  return { schedules: [describe(out.result, suite, fileName, context)], problems };
}

function describe(r: SuiteResult, suite: Suite, fileName: string, context: ReaderContext): ScheduleDescription {
  const info = suites[suite];
  const pin = pinnedVersion(context.files, fileName, info.pkg);
  const paddlePin = pinnedVersion(context.files, fileName, "paddlepaddle") ?? pinnedVersion(context.files, fileName, "paddlepaddle-gpu");
  const version: Problem = {
    severity: "info",
    code: "framework-version",
    message: `${info.label}: follows ${info.follows}, with paddle.optimizer.lr of PaddlePaddle 3.x (unchanged in these formulas since 2.4)${pin ? `; the workspace pins ${info.pkg} ${pin.spec}` : ""}${paddlePin ? ` and paddlepaddle ${paddlePin.spec}` : ""}.`,
    range: pin?.range,
  };
  const assumptions = [...r.assumptions];
  let total = r.total;
  if (context.inputs.totalSteps !== undefined && !(suite === "seg")) {
    total = userInput(context.inputs.totalSteps, "--total-steps");
    assumptions.push({ input: "totalSteps", message: `${context.inputs.totalSteps} ${r.unit === "epoch" ? "epochs" : "iterations"} (--total-steps)`, value: context.inputs.totalSteps });
  }
  if (context.inputs.epochs !== undefined && suite !== "seg") assumptions.push({ input: "epochs", message: `${context.inputs.epochs} epochs (--epochs)`, value: context.inputs.epochs });
  // A total given on the command line makes the epochs × steps per epoch needless: drop the missing input.
  const kept = total ? assumptions.filter((a) => !(a.value === undefined && a.input === "stepsPerEpoch" && !needsSpeForShape(r))) : assumptions;
  const program: PaddleProgram = {
    family: "paddle",
    groups: r.groups.map((g) => ({ scheduler: g.scheduler, stepEvery: g.stepEvery, boundaries: g.boundaries })),
    summary: r.groups.map((g, i) => `${r.groups.length > 1 ? `optimizer ${i}: ` : ""}${describePaddleScheduler(g.scheduler)}${g.stepEvery > 1 ? `, stepped every ${g.stepEvery} iterations` : ""}`),
  };
  return {
    name: r.name,
    dialect: DIALECT,
    unit: r.unit,
    total,
    epochs: r.epochs,
    stepsPerEpoch: r.stepsPerEpoch,
    groups: r.groups.map((g) => g.group),
    program,
    source: r.source,
    assumptions: kept,
    problems: [version, ...r.problems],
  };
}

/** Whether a formula (not only the training length) used the iterations per epoch. */
function needsSpeForShape(r: SuiteResult): boolean {
  const json = JSON.stringify(r.groups.map((g) => g.scheduler));
  return json.includes("null");
}

void entryOf;
