import type { SourceRange } from "../../core/range";
import { derived, frameworkDefault, literal, type Value } from "../../core/value";
import { entry, parseYamlConfig } from "../../parse/config";
import type { WorkspaceFiles } from "../index";
import { basename, dirname, joinPath } from "../paths";

/**
 * Classes of the datasets Ultralytics ships (ultralytics/cfg/datasets/*.yaml `names`, and the classification
 * sets `check_cls_dataset` downloads), for `optimizer: auto`'s `lr_fit = round(0.002 * 5 / (4 + nc), 6)`.
 */
const builtinClasses: Readonly<Record<string, number>> = {
  "coco.yaml": 80, "coco8.yaml": 80, "coco128.yaml": 80, "coco8-seg.yaml": 80, "coco128-seg.yaml": 80, "coco-seg.yaml": 80,
  "coco8-grayscale.yaml": 80, "coco8-multispectral.yaml": 80, "coco-pose.yaml": 1, "coco8-pose.yaml": 1,
  "voc.yaml": 20, "dota8.yaml": 15, "dotav1.yaml": 15, "dotav1.5.yaml": 16, "dota8-multispectral.yaml": 15,
  "lvis.yaml": 1203, "objects365.yaml": 365, "open-images-v7.yaml": 601, "xview.yaml": 60, "sku-110k.yaml": 1,
  "globalwheat2020.yaml": 1, "visdrone.yaml": 10, "argoverse.yaml": 8, "african-wildlife.yaml": 4, "brain-tumor.yaml": 2,
  "signature.yaml": 1, "medical-pills.yaml": 1, "carparts-seg.yaml": 23, "crack-seg.yaml": 1, "package-seg.yaml": 1,
  "tiger-pose.yaml": 1, "dog-pose.yaml": 1, "hand-keypoints.yaml": 1, "homeobjects-3k.yaml": 12, "construction-ppe.yaml": 11,
  "kitti.yaml": 8, "imagenet.yaml": 1000,
  mnist: 10, mnist160: 10, "fashion-mnist": 10, cifar10: 10, cifar100: 100, imagenet: 1000, imagenet10: 10, imagenet100: 100,
  imagenette: 10, imagenette160: 10, imagenette320: 10, imagewoof: 10, imagewoof160: 10, imagewoof320: 10, caltech101: 101, caltech256: 257,
};

/** The default dataset of each task when `data` is not given (ultralytics/cfg/__init__.py TASK2DATA). */
export const TASK_DATA: Readonly<Record<string, string>> = { detect: "coco8.yaml", segment: "coco8-seg.yaml", classify: "imagenet10", pose: "coco8-pose.yaml", obb: "dota8.yaml" };

/**
 * `nc` of a dataset as `check_det_dataset` makes it: `len(names)` (or `nc` where there are no names), from
 * the data YAML when it is in the workspace, else from the datasets Ultralytics ships. `single_cls` makes it 1.
 */
export function datasetClasses(data: string, range: SourceRange | undefined, entryFile: string, files: WorkspaceFiles): Value | { reason: string } {
  const candidates = data.startsWith("/") ? [data] : [joinPath(dirname(entryFile), data), data];
  for (const path of candidates) {
    const text = files.read(path);
    if (text === undefined) continue;
    const doc = parseYamlConfig(path, text);
    const names = entry(doc.root, "names");
    if (names && (names.value.kind === "seq" || names.value.kind === "map")) {
      const n = names.value.kind === "seq" ? names.value.items.length : names.value.entries.length;
      return derived(n, `len(names) of ${path}`, [], names.keyRange);
    }
    const nc = entry(doc.root, "nc");
    if (nc?.value.kind === "scalar" && typeof nc.value.value === "number") return literal(nc.value.value, nc.value.range);
    return { reason: `${path} has neither names nor nc` };
  }
  const key = basename(data).toLowerCase();
  const known = builtinClasses[key] ?? builtinClasses[key.replace(/\.ya?ml$/, "")];
  if (known !== undefined) return frameworkDefault(known, `${basename(data)} as Ultralytics ships it: ${known} classes`);
  return { reason: range ? `${data} is not in the workspace, so its classes cannot be counted` : "no dataset is named" };
}
