#!/usr/bin/python3
"""Reference curves for the differential runner (test/tools/differential/run.mjs), from the frameworks' OWN code.

Run with Debian's /usr/bin/python3 (torch 1.13). Reads a JSON list of cases on stdin, prints
{"<id>": {"lr": [...], "momentum": [...]?, "groups": {"group1": [...]}?} | {"error": "..."}} on stdout.

- torch:      the generated train.py is exec'd as written with real torch.optim.lr_scheduler; the training hook
              (train_one_epoch / train_step) records param_groups[k]['lr'] (and momentum or betas[0]) each call.
- timm, fvcore/detectron2, mmengine, deepspeed: their scheduler source files are copied from the bare git
  mirrors under /work/.mirror into a temp dir (with small stubs for non-scheduler imports) and run on a torch
  optimizer, stepped the way each framework's training loop steps them (see each `run_*`).
- hf: the lr lambdas of transformers/optimization.py (copied into hf_optimization.py next to this file)
  with torch LambdaLR, warmup/total computed as the Trainer does.
"""
import importlib
import json
import math
import os
import subprocess
import sys
import tempfile
import types

sys.dont_write_bytecode = True  # no __pycache__ in the repository (hf_optimization.py is imported from here)

import torch  # noqa: E402

MIRROR = os.environ.get("LRSCOPE_MIRROR", "/work/.mirror")
HERE = os.path.dirname(os.path.abspath(__file__))
_tmp = tempfile.mkdtemp(prefix="lrscope-diff-")
sys.path.insert(0, _tmp)


def git_show(repo, path):
    return subprocess.run(["git", "-C", os.path.join(MIRROR, repo, "repo"), "show", "HEAD:" + path],
                          check=True, capture_output=True, text=True).stdout


def git_head(repo):
    return subprocess.run(["git", "-C", os.path.join(MIRROR, repo, "repo"), "rev-parse", "HEAD"],
                          check=True, capture_output=True, text=True).stdout.strip()


def put(rel, text):
    p = os.path.join(_tmp, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(text)


def mom_of(g):
    if "momentum" in g:
        return g["momentum"]
    if "betas" in g:
        return g["betas"][0]
    return None


class Recorder:
    def __init__(self):
        self.lr, self.groups, self.mom = [], {}, []
        self.opt = None

    def record(self, opt=None):
        opt = opt or self.opt
        pg = opt.param_groups
        self.lr.append(pg[0]["lr"])
        for k in range(1, len(pg)):
            self.groups.setdefault("group%d" % k, []).append(pg[k]["lr"])
        m = mom_of(pg[0])
        if m is not None:
            self.mom.append(m)

    def result(self, with_mom):
        out = {"lr": self.lr}
        if self.groups:
            out["groups"] = self.groups
        if with_mom and self.mom:
            out["momentum"] = self.mom
        return out


# --------------------------------------------------------------------------------------------- torch
def run_torch(case):
    rec = Recorder()

    def hook(model, optimizer, *a, **k):
        rec.record(optimizer)

    spe = case.get("options", {}).get("stepsPerEpoch", 1)
    g = {"__name__": "__main__", "train_one_epoch": hook, "train_step": hook, "validate": lambda *a, **k: None,
         "train_loader": [(0, 0)] * spe}
    exec(compile(case["files"][case["entry"]], case["entry"], "exec"), g)
    return rec.result(case.get("momentum", False))


# --------------------------------------------------------------------------------------------- timm
_timm = None


def load_timm():
    global _timm
    if _timm:
        return _timm
    repo = "huggingface+pytorch-image-models"
    files = subprocess.run(["git", "-C", os.path.join(MIRROR, repo, "repo"), "ls-tree", "--name-only", "HEAD", "timm/scheduler/"],
                           check=True, capture_output=True, text=True).stdout.split()
    for f in files:
        if f.endswith(".py"):
            put(f, git_show(repo, f))
    put("timm/__init__.py", "")
    _timm = importlib.import_module("timm.scheduler.scheduler_factory")
    return _timm


_timm_defaults = None


def timm_train_defaults():
    global _timm_defaults
    if _timm_defaults is None:
        _timm_defaults = _timm_train_defaults()
    return dict(_timm_defaults)


def _timm_train_defaults():
    """train.py's argparse defaults (dest -> default), read from its add_argument calls with ast."""
    import ast
    tree = ast.parse(git_show("huggingface+pytorch-image-models", "train.py"))
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "add_argument":
            kw = {k.arg: k.value for k in node.keywords}
            flags = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if "dest" in kw:
                dest = kw["dest"].value
            else:
                longs = [f for f in flags if f.startswith("--")]
                if not longs:
                    continue
                dest = longs[0][2:].replace("-", "_")
            try:
                default = ast.literal_eval(kw["default"]) if "default" in kw else None
            except ValueError:
                default = None
            if isinstance(kw.get("action"), ast.Constant) and kw["action"].value == "store_true" and "default" not in kw:
                default = False
            out[dest] = default
    return out


def run_timm(case):
    """train.py: args = argparse defaults overridden by the YAML (_parse_args: parser.set_defaults(**cfg)); lr from
    lr_base when lr is unset (train.py ~l.837); scheduler, num_epochs = create_scheduler_v2(optimizer,
    **scheduler_kwargs(args), updates_per_epoch=...); per epoch: after each update
    lr_scheduler.step_update(num_updates=num_updates), after the epoch lr_scheduler.step(epoch + 1)."""
    import yaml
    sf = load_timm()
    args = types.SimpleNamespace(**timm_train_defaults())
    for k, v in (yaml.safe_load(case["files"][case["entry"]]) or {}).items():
        setattr(args, k, v)
    upe = case.get("options", {}).get("stepsPerEpoch", 1)
    if not args.lr:
        global_batch_size = args.batch_size * case.get("options", {}).get("devices", 1) * args.grad_accum_steps
        batch_ratio = global_batch_size / args.lr_base_size
        if not args.lr_base_scale:
            on = args.opt.lower()
            args.lr_base_scale = 'sqrt' if any([o in on for o in ('ada', 'lamb')]) else 'linear'
        if args.lr_base_scale == 'sqrt':
            batch_ratio = batch_ratio ** 0.5
        args.lr = args.lr_base * batch_ratio
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
    sched, num_epochs = sf.create_scheduler_v2(opt, **sf.scheduler_kwargs(args), updates_per_epoch=upe)
    rec = Recorder()
    on_updates = not sched.t_in_epochs
    num_updates = 0
    for epoch in range(num_epochs):
        for _ in range(upe if on_updates else 1):
            rec.record(opt)
            num_updates += 1 if on_updates else upe
            sched.step_update(num_updates=num_updates)
        sched.step(epoch + 1)
    return rec.result(False)


# --------------------------------------------------------------------------------------------- deepspeed
_ds = None


def load_deepspeed():
    global _ds
    if _ds:
        return _ds
    src = git_show("microsoft+DeepSpeed", "deepspeed/runtime/lr_schedules.py")
    stub = types.ModuleType("deepspeed")
    sys.modules["deepspeed"] = stub
    for m in ["deepspeed.utils", "deepspeed.runtime", "deepspeed.runtime.config_utils"]:
        sys.modules[m] = types.ModuleType(m)
    import logging
    sys.modules["deepspeed.utils"].logger = logging.getLogger("ds")
    sys.modules["deepspeed.runtime.config_utils"].get_scalar_param = lambda d, k, default: d.get(k, default)
    put("ds_lr_schedules.py", src)
    _ds = importlib.import_module("ds_lr_schedules")
    return _ds


def run_deepspeed(case):
    """DeepSpeedEngine builds the scheduler from config scheduler.type/params on the optimizer and calls
    lr_scheduler.step() after every optimizer step (engine._take_model_step)."""
    ds = load_deepspeed()
    cfg = json.loads(case["files"][case["entry"]])
    o = cfg["optimizer"]
    model = torch.nn.Linear(2, 2)
    kind = o["type"].lower()
    params = dict(o.get("params", {}))
    if kind == "sgd":
        opt = torch.optim.SGD(model.parameters(), **params)
    elif kind == "adamw":
        opt = torch.optim.AdamW(model.parameters(), **params)
    else:
        opt = torch.optim.Adam(model.parameters(), **params)
    cls = getattr(ds, cfg["scheduler"]["type"])
    sched = cls(opt, **cfg["scheduler"].get("params", {}))
    rec = Recorder()
    for _ in range(case["total"]):
        rec.record(opt)
        sched.step()
    return rec.result(case.get("momentum", False))


# --------------------------------------------------------------------------------------------- hf
def run_hf(case):
    """transformers get_scheduler's lambdas (hf_optimization.py, copied from transformers/optimization.py)
    with torch LambdaLR, stepped once per optimizer update."""
    sys.path.insert(0, HERE)
    hfo = importlib.import_module("hf_optimization")
    a = case["ref"]
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.AdamW(model.parameters(), lr=a["lr"])
    sched = hfo.get_scheduler(a["kind"], opt, num_warmup_steps=a["warmup"], num_training_steps=a["total"],
                              scheduler_specific_kwargs=a.get("kwargs") or {})
    rec = Recorder()
    for _ in range(a["total"]):
        rec.record(opt)
        opt.step()
        sched.step()
    return rec.result(False)


# --------------------------------------------------------------------------------------------- fvcore / detectron2
_d2 = None


def load_detectron2():
    global _d2
    if _d2:
        return _d2
    put("fvcore/__init__.py", "")
    put("fvcore/common/__init__.py", "")
    put("fvcore/common/param_scheduler.py", git_show("facebookresearch+fvcore", "fvcore/common/param_scheduler.py"))
    put("d2_lr_scheduler.py", git_show("facebookresearch+detectron2", "detectron2/solver/lr_scheduler.py"))
    _d2 = importlib.import_module("d2_lr_scheduler")
    return _d2


def run_detectron2(case):
    """detectron2 build_lr_scheduler (solver/build.py): MultiStepParamScheduler / CosineParamScheduler wrapped in
    WarmupParamScheduler(sched, warmup_factor, min(warmup_iters / max_iter, 1.0), warmup_method,
    rescale_interval=RESCALE_INTERVAL), LRMultiplier(optimizer, multiplier=sched, max_iter=MAX_ITER); stepped by
    LRScheduler hook after every iteration."""
    d2 = load_detectron2()
    ps = importlib.import_module("fvcore.common.param_scheduler")
    a = case["ref"]
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=a["base_lr"], momentum=0.9)
    max_iter = a["max_iter"]
    if a["name"] == "WarmupMultiStepLR":
        steps = [x for x in a["steps"] if x <= max_iter]
        sched = ps.MultiStepParamScheduler(values=[a["gamma"] ** k for k in range(len(steps) + 1)],
                                           milestones=steps, num_updates=max_iter)
    elif a["name"] == "WarmupStepWithFixedGammaLR":
        sched = ps.StepWithFixedGammaParamScheduler(base_value=1.0, gamma=a["gamma"], num_decays=a["num_decays"],
                                                    num_updates=max_iter)
    elif a["name"] == "WarmupCosineLR":
        end_value = a["base_lr_end"] / a["base_lr"]
        sched = ps.CosineParamScheduler(1, end_value)
    else:
        raise ValueError(a["name"])
    sched = d2.WarmupParamScheduler(sched, a["warmup_factor"], min(a["warmup_iters"] / max_iter, 1.0),
                                    a["warmup_method"], a["rescale_interval"])
    lrs = d2.LRMultiplier(opt, multiplier=sched, max_iter=max_iter)
    rec = Recorder()
    for it in range(max_iter):
        rec.record(opt)
        opt.step()
        if it < max_iter - 1:  # the step after the last iteration asks the schedule at where=1.0 (IndexError for step schedules)
            lrs.step()
    return rec.result(False)


# --------------------------------------------------------------------------------------------- mmengine
_mm = None

_MM_REGISTRY_STUB = """
class Registry:
    def __init__(self):
        self.classes = {}

    def register_module(self, name=None, force=False, module=None):
        def deco(cls):
            self.classes[name or cls.__name__] = cls
            return cls
        return deco

    def get(self, name):
        return self.classes[name]


PARAM_SCHEDULERS = Registry()
"""


def load_mmengine():
    global _mm
    if _mm:
        return _mm
    repo = "open-mmlab+mmengine"
    put("mmengine/__init__.py", "")
    put("mmengine/logging.py", "def print_log(*a, **k):\n    pass\n")
    put("mmengine/registry.py", _MM_REGISTRY_STUB)
    put("mmengine/optim/__init__.py", "class BaseOptimWrapper:\n    pass\n")
    put("mmengine/optim/scheduler/__init__.py", "")
    for f in ["param_scheduler", "lr_scheduler", "momentum_scheduler"]:
        put("mmengine/optim/scheduler/%s.py" % f, git_show(repo, "mmengine/optim/scheduler/%s.py" % f))
    importlib.import_module("mmengine.optim.scheduler.lr_scheduler")
    importlib.import_module("mmengine.optim.scheduler.momentum_scheduler")
    _mm = importlib.import_module("mmengine.registry").PARAM_SCHEDULERS
    return _mm


def run_mmengine(case):
    """The config exec'd (a self-contained file: what Config.fromfile reads), schedulers built as
    Runner._build_param_scheduler does (default end = max_epochs if by_epoch else max_iters) through
    build_scheduler_from_cfg (convert_to_iter_based -> cls.build_iter_from_epoch(..., epoch_length)), stepped as
    ParamSchedulerHook does (after_train_iter: schedulers with not by_epoch; after_train_epoch: by_epoch)."""
    import copy
    reg = load_mmengine()
    cfg = {}
    exec(compile(case["files"][case["entry"]], case["entry"], "exec"), cfg)
    tc = cfg["train_cfg"]
    spe = case.get("options", {}).get("stepsPerEpoch", 1)
    iter_based = tc.get("type") == "IterBasedTrainLoop" or tc.get("by_epoch") is False
    max_epochs = tc.get("max_epochs")
    max_iters = tc["max_iters"] if iter_based else max_epochs * spe
    o = cfg["optim_wrapper"]["optimizer"]
    model = torch.nn.Linear(2, 2)
    kw = {k: v for k, v in o.items() if k != "type"}
    opt = getattr(torch.optim, o["type"])(model.parameters(), **kw)
    scheds = cfg["param_scheduler"]
    if isinstance(scheds, dict):
        scheds = [scheds]
    built = []
    for sc in scheds:
        a = copy.deepcopy(sc)
        a.setdefault("end", max_epochs if a.get("by_epoch", True) else max_iters)
        a["optimizer"] = opt
        a["epoch_length"] = spe
        cls = reg.get(a.pop("type"))
        if a.pop("convert_to_iter_based", False):
            built.append(cls.build_iter_from_epoch(**a))
        else:
            a.pop("epoch_length")
            built.append(cls(**a))
    rec = Recorder()
    if iter_based:
        for _ in range(max_iters):
            rec.record(opt)
            for s in built:
                if not s.by_epoch:
                    s.step()
    else:
        for _ in range(max_epochs):
            for _ in range(spe):
                rec.record(opt)
                for s in built:
                    if not s.by_epoch:
                        s.step()
            for s in built:
                if s.by_epoch:
                    s.step()
    return rec.result(case.get("momentum", False))


RUNNERS = {"mmengine": run_mmengine, "torch": run_torch, "timm": run_timm, "deepspeed": run_deepspeed, "hf": run_hf, "detectron2": run_detectron2}


def main():
    import warnings
    warnings.filterwarnings("ignore")
    cases = json.load(sys.stdin)
    out = {}
    for c in cases:
        try:
            out[c["id"]] = RUNNERS[c["family"]](c)
        except Exception as e:  # noqa: BLE001 — reported per case
            out[c["id"]] = {"error": "%s: %s" % (type(e).__name__, e)}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
