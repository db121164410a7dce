// Generated inputs for the benchmarks, deterministic (a seeded generator), written for this bench: a long
// PyTorch training script, a deep MMEngine `_base_` chain, and a workspace shaped like an OpenMMLab repository.
import { rng } from "./lib";

/**
 * A GPT-style pretraining script of about `lines` lines: argparse-free module constants, a model and data
 * code (the bulk, which the reader must parse and skip), then the optimizer and a warmup + cosine
 * SequentialLR stepped after every iteration. `rev` changes a comment and `warmup` the warmup length, so each
 * edit gives a different text.
 */
export function trainingScript(lines: number, rev = 0, warmup = 2000): string {
  const r = rng(42);
  const head = [
    '"""GPT-style pretraining: AdamW, linear warmup then cosine decay, stepped after every iteration."""',
    `# revision ${rev}`,
    "import math",
    "import os",
    "import time",
    "from dataclasses import dataclass",
    "",
    "import torch",
    "from torch import nn",
    "from torch.nn import functional as F",
    "from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR",
    "",
    "max_iters = 600000",
    `warmup_iters = ${warmup}`,
    "learning_rate = 6e-4",
    "min_lr = 6e-5",
    "weight_decay = 0.1",
    "batch_size = 12",
    "block_size = 1024",
    "eval_interval = 2000",
    "",
  ];
  const tail = [
    "",
    "def main():",
    "    model = GPT(GPTConfig(n_layer=12, n_head=12, n_embd=768))",
    "    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, betas=(0.9, 0.95), weight_decay=weight_decay)",
    "    warmup = LinearLR(optimizer, start_factor=1e-3, total_iters=warmup_iters)",
    "    cosine = CosineAnnealingLR(optimizer, T_max=max_iters - warmup_iters, eta_min=min_lr)",
    "    scheduler = SequentialLR(optimizer, schedulers=[warmup, cosine], milestones=[warmup_iters])",
    "",
    "    for it in range(max_iters):",
    "        x, y = get_batch('train')",
    "        logits, loss = model(x, y)",
    "        optimizer.zero_grad(set_to_none=True)",
    "        loss.backward()",
    "        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)",
    "        optimizer.step()",
    "        scheduler.step()",
    "        if it % eval_interval == 0:",
    "            print(f'iter {it}: loss {loss.item():.4f}, lr {scheduler.get_last_lr()[0]:.3e}')",
    "",
    "",
    "if __name__ == '__main__':",
    "    main()",
  ];
  const body: string[] = [
    "@dataclass",
    "class GPTConfig:",
    "    block_size: int = 1024",
    "    vocab_size: int = 50304",
    "    n_layer: int = 12",
    "    n_head: int = 12",
    "    n_embd: int = 768",
    "    dropout: float = 0.0",
    "    bias: bool = True",
    "",
  ];
  let k = 0;
  while (head.length + body.length + tail.length < lines - 12) {
    const width = 64 * (1 + Math.floor(r() * 8));
    const drop = (r() * 0.2).toFixed(2);
    body.push(
      "",
      `class Block${k}(nn.Module):`,
      `    """Transformer block ${k}: pre-norm attention and MLP with residuals."""`,
      "",
      "    def __init__(self, config):",
      "        super().__init__()",
      `        self.ln_1 = nn.LayerNorm(config.n_embd, bias=config.bias)`,
      `        self.attn = nn.Linear(config.n_embd, 3 * config.n_embd, bias=config.bias)`,
      `        self.proj = nn.Linear(config.n_embd, config.n_embd, bias=config.bias)`,
      `        self.ln_2 = nn.LayerNorm(config.n_embd, bias=config.bias)`,
      `        self.fc = nn.Linear(config.n_embd, ${width} * 4, bias=config.bias)`,
      `        self.out = nn.Linear(${width} * 4, config.n_embd, bias=config.bias)`,
      `        self.dropout = nn.Dropout(${drop})`,
      "        self.n_head = config.n_head",
      "",
      "    def attention(self, x):",
      "        B, T, C = x.size()",
      "        q, k, v = self.attn(x).split(C, dim=2)",
      "        q = q.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)",
      "        k = k.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)",
      "        v = v.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)",
      "        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))",
      "        att = F.softmax(att, dim=-1)",
      "        y = (att @ v).transpose(1, 2).contiguous().view(B, T, C)",
      "        return self.dropout(self.proj(y))",
      "",
      "    def forward(self, x):",
      "        x = x + self.attention(self.ln_1(x))",
      "        h = F.gelu(self.fc(self.ln_2(x)))",
      "        return x + self.dropout(self.out(h))",
      "",
      "",
      `def helper_${k}(values, scale=${(1 + r() * 3).toFixed(3)}):`,
      `    """Running statistics ${k}, as a logging helper would keep them."""`,
      "    total = 0.0",
      "    stats = {'min': float('inf'), 'max': float('-inf')}",
      "    for i, v in enumerate(values):",
      "        total += v * scale",
      "        stats['min'] = min(stats['min'], v)",
      "        stats['max'] = max(stats['max'], v)",
      "        if i % 100 == 0:",
      `            print(f'helper_${k}: {i} {total:.3f}')`,
      "    return total / max(1, len(values)), stats",
      "",
    );
    k++;
  }
  return [...head, ...body, ...tail].join("\n") + "\n";
}

/**
 * An MMEngine config `levels` deep: level 0 is a default runtime, each level inherits the one before and
 * overrides something, the schedule and optimizer come in at levels 1 and 2, the entry (last) file tweaks the
 * LR. Paths are absolute in a virtual `root`.
 */
export function baseChain(root: string, levels: number, rev = 0, epochs = 12): { files: Map<string, string>; entry: string } {
  const files = new Map<string, string>();
  const path = (i: number): string => (i === levels - 1 ? `${root}/configs/deep/entry.py` : `${root}/configs/_base_/level${i}.py`);
  for (let i = 0; i < levels; i++) {
    const lines: string[] = [];
    if (i > 0) lines.push(i === levels - 1 ? `_base_ = ['../_base_/level${i - 1}.py']` : `_base_ = ['./level${i - 1}.py']`, "");
    if (i === 0) lines.push("default_scope = 'mmdet'", "default_hooks = dict(timer=dict(type='IterTimerHook'), logger=dict(type='LoggerHook', interval=50))", "env_cfg = dict(cudnn_benchmark=False, dist_cfg=dict(backend='nccl'))", "log_level = 'INFO'", "load_from = None", "resume = False");
    if (i === 1) {
      lines.push(
        "train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=12, val_interval=1)",
        "val_cfg = dict(type='ValLoop')",
        "param_scheduler = [",
        "    dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=500),",
        "    dict(type='MultiStepLR', begin=0, end=12, by_epoch=True, milestones=[8, 11], gamma=0.1)",
        "]",
      );
    }
    if (i === 2) lines.push("optim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='SGD', lr=0.02, momentum=0.9, weight_decay=0.0001))", "auto_scale_lr = dict(enable=False, base_batch_size=16)");
    if (i > 2 && i < levels - 1) lines.push(`model = dict(backbone=dict(depth=${50 + i}, frozen_stages=${i % 4}), neck=dict(out_channels=${128 * i}))`, `train_dataloader = dict(batch_size=${2 + (i % 3)}, num_workers=${i})`);
    if (i === levels - 1) {
      lines.push(
        `# revision ${rev}`,
        "# lrscope: steps_per_epoch=7330",
        `max_epochs = ${epochs}`,
        "train_cfg = dict(max_epochs=max_epochs)",
        "param_scheduler = [",
        "    dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=500),",
        "    dict(type='MultiStepLR', begin=0, end=max_epochs, by_epoch=True, milestones=[16, 22], gamma=0.1)",
        "]",
        "optim_wrapper = dict(optimizer=dict(lr=0.01))",
      );
    }
    files.set(path(i), lines.join("\n") + "\n");
  }
  return { files, entry: path(levels - 1) };
}

/**
 * A workspace shaped like an OpenMMLab detection repository (generated, not copied): configs/_base_/{models,
 * datasets,schedules}/ and default_runtime.py, ~`models` model families each with a base config inheriting
 * model + dataset + schedule + runtime and variants inheriting that base (some of them a 2x/3x variant
 * inheriting a 1x sibling), plus `scripts` PyTorch training scripts under tools/ and projects/. Returns
 * workspace-relative paths and texts.
 */
export function openMmLabWorkspace(configs: number, scripts: number): Map<string, string> {
  const r = rng(7);
  const out = new Map<string, string>();
  const datasets = ["coco_detection", "coco_instance", "voc0712", "cityscapes_detection", "lvis_v1_instance", "objects365v2_detection", "openimages_detection", "wider_face"];
  const schedules: [string, number, number[]][] = [
    ["schedule_1x", 12, [8, 11]],
    ["schedule_2x", 24, [16, 22]],
    ["schedule_20e", 20, [16, 19]],
    ["schedule_3x", 36, [27, 33]],
  ];
  out.set("configs/_base_/default_runtime.py", "default_scope = 'mmdet'\ndefault_hooks = dict(\n    timer=dict(type='IterTimerHook'),\n    logger=dict(type='LoggerHook', interval=50),\n    param_scheduler=dict(type='ParamSchedulerHook'),\n    checkpoint=dict(type='CheckpointHook', interval=1))\nenv_cfg = dict(cudnn_benchmark=False, dist_cfg=dict(backend='nccl'))\nlog_level = 'INFO'\nload_from = None\nresume = False\n");
  for (const [name, epochs, milestones] of schedules) {
    out.set(
      `configs/_base_/schedules/${name}.py`,
      `# training schedule for ${name}\ntrain_cfg = dict(type='EpochBasedTrainLoop', max_epochs=${epochs}, val_interval=1)\nval_cfg = dict(type='ValLoop')\ntest_cfg = dict(type='TestLoop')\n\n# learning rate\nparam_scheduler = [\n    dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=500),\n    dict(\n        type='MultiStepLR',\n        begin=0,\n        end=${epochs},\n        by_epoch=True,\n        milestones=[${milestones.join(", ")}],\n        gamma=0.1)\n]\n\n# optimizer\noptim_wrapper = dict(\n    type='OptimWrapper',\n    optimizer=dict(type='SGD', lr=0.02, momentum=0.9, weight_decay=0.0001))\n\nauto_scale_lr = dict(enable=False, base_batch_size=16)\n`,
    );
  }
  for (const d of datasets) {
    out.set(
      `configs/_base_/datasets/${d}.py`,
      `dataset_type = '${d}'\ndata_root = 'data/${d}/'\nbackend_args = None\ntrain_pipeline = [\n    dict(type='LoadImageFromFile', backend_args=backend_args),\n    dict(type='LoadAnnotations', with_bbox=True),\n    dict(type='Resize', scale=(1333, 800), keep_ratio=True),\n    dict(type='RandomFlip', prob=0.5),\n    dict(type='PackDetInputs')\n]\ntrain_dataloader = dict(\n    batch_size=2,\n    num_workers=2,\n    persistent_workers=True,\n    sampler=dict(type='DefaultSampler', shuffle=True),\n    dataset=dict(type=dataset_type, data_root=data_root, pipeline=train_pipeline))\nval_evaluator = dict(type='CocoMetric', metric='bbox')\n`,
    );
  }
  const heads = ["faster_rcnn", "mask_rcnn", "retinanet", "cascade_rcnn", "fcos", "atss", "yolox", "detr", "centernet", "ssd", "gfl", "paa", "tood", "vfnet", "sparse_rcnn", "htc"];
  for (const h of heads) {
    out.set(`configs/_base_/models/${h}_r50_fpn.py`, `model = dict(\n    type='${h}',\n    backbone=dict(type='ResNet', depth=50, num_stages=4, out_indices=(0, 1, 2, 3), frozen_stages=1,\n        norm_cfg=dict(type='BN', requires_grad=True), style='pytorch'),\n    neck=dict(type='FPN', in_channels=[256, 512, 1024, 2048], out_channels=256, num_outs=5),\n    train_cfg=dict(assigner=dict(type='MaxIoUAssigner', pos_iou_thr=0.7, neg_iou_thr=0.3)),\n    test_cfg=dict(nms=dict(type='nms', iou_threshold=0.7)))\n`);
  }
  // Families: each has a base config, then variants; ~configs in all.
  let count = 0;
  let family = 0;
  while (count < configs) {
    const head = heads[family % heads.length]!;
    const dir = `configs/${head}_${Math.floor(family / heads.length)}`;
    const dataset = datasets[Math.floor(r() * datasets.length)]!;
    const [schedule, epochs] = schedules[Math.floor(r() * 2)]!;
    const baseName = `${head}_r50_fpn_1x_${dataset}.py`;
    out.set(`${dir}/${baseName}`, `_base_ = [\n    '../_base_/models/${head}_r50_fpn.py',\n    '../_base_/datasets/${dataset}.py',\n    '../_base_/schedules/${schedule}.py', '../_base_/default_runtime.py'\n]\n`);
    count++;
    const variants = 6 + Math.floor(r() * 12);
    for (let v = 0; v < variants && count < configs; v++, count++) {
      const kind = r();
      let text: string;
      if (kind < 0.4) {
        // A backbone/neck variant of the base.
        text = `_base_ = './${baseName}'\nmodel = dict(backbone=dict(depth=${[50, 101, 152][v % 3]}, init_cfg=dict(type='Pretrained', checkpoint='torchvision://resnet${[50, 101, 152][v % 3]}')))\n`;
      } else if (kind < 0.7) {
        // A longer schedule: 2x / 3x, overriding the scheduler.
        const e = [24, 36][v % 2]!;
        text = `_base_ = './${baseName}'\n\n# learning policy\nmax_epochs = ${e}\ntrain_cfg = dict(max_epochs=max_epochs)\nparam_scheduler = [\n    dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=500),\n    dict(\n        type='MultiStepLR',\n        begin=0,\n        end=max_epochs,\n        by_epoch=True,\n        milestones=[${Math.round(e * 0.67)}, ${Math.round(e * 0.92)}],\n        gamma=0.1)\n]\n`;
      } else if (kind < 0.85) {
        // Batch / LR change, multi-scale training.
        text = `_base_ = './${baseName}'\n# ${2 + (v % 6)} GPUs x 4 images\noptim_wrapper = dict(optimizer=dict(lr=${(0.01 * (1 + (v % 4))).toFixed(2)}))\ntrain_dataloader = dict(batch_size=4)\nauto_scale_lr = dict(base_batch_size=${16 * (1 + (v % 3))})\n`;
      } else {
        // A cosine schedule (some families use it), by epoch.
        text = `_base_ = './${baseName}'\nmax_epochs = ${epochs + 12}\ntrain_cfg = dict(max_epochs=max_epochs)\nparam_scheduler = [\n    dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=1000),\n    dict(type='CosineAnnealingLR', T_max=max_epochs, by_epoch=True, begin=0, end=max_epochs, eta_min=1e-5)\n]\noptim_wrapper = dict(optimizer=dict(type='AdamW', lr=0.0001, weight_decay=0.05), clip_grad=dict(max_norm=0.1, norm_type=2))\n`;
      }
      out.set(`${dir}/${head}_r50_fpn_v${v}_${dataset}.py`, text);
    }
    family++;
  }
  for (let s = 0; s < scripts; s++) {
    const where = s % 3 === 0 ? "tools" : `projects/p${Math.floor(s / 10)}`;
    const kind = s % 4;
    const sched =
      kind === 0
        ? "scheduler = StepLR(optimizer, step_size=30, gamma=0.1)"
        : kind === 1
          ? "scheduler = CosineAnnealingLR(optimizer, T_max=args.epochs)"
          : kind === 2
            ? "scheduler = MultiStepLR(optimizer, milestones=[30, 60, 80], gamma=0.1)"
            : "scheduler = OneCycleLR(optimizer, max_lr=args.lr * 10, total_steps=args.epochs * 1000)";
    const perBatch = kind === 3;
    out.set(
      `${where}/train_${s}.py`,
      `"""Training script ${s}."""\nimport argparse\n\nimport torch\nfrom torch.optim.lr_scheduler import CosineAnnealingLR, MultiStepLR, OneCycleLR, StepLR\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--epochs", default=${30 + (s % 70)}, type=int)\nparser.add_argument("--lr", default=${(0.01 * (1 + (s % 10))).toFixed(2)}, type=float)\n\n\ndef main():\n    args = parser.parse_args()\n    model = torch.nn.Linear(10, 10)\n    optimizer = torch.optim.SGD(model.parameters(), args.lr, momentum=0.9)\n    ${sched}\n    for epoch in range(args.epochs):\n        for batch in range(1000):\n            optimizer.step()\n${perBatch ? "            scheduler.step()\n" : "        scheduler.step()\n"}\n\nif __name__ == "__main__":\n    main()\n`,
    );
  }
  // Files the index looks at but that have no schedule (package metadata, dataset lists, shell scripts).
  for (let i = 0; i < 40; i++) out.set(`tools/misc/util_${i}.py`, `import os\n\n\ndef util_${i}(path):\n    return os.path.join(path, 'x${i}')\n`);
  out.set("setup.py", "from setuptools import setup\n\nsetup(name='mmdet-like', version='0.0.0')\n");
  return out;
}
