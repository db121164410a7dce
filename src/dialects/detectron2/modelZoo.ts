/**
 * The model zoo's common LazyConfig files that configs import or `model_zoo.get_config(...)` by name
 * (detectron2/configs/common/{train,optim,coco_schedule}.py @ 02b5c4e), as the values they define: used
 * when the workspace does not hold them (detectron2 reads them from the installed package).
 */
export const modelZooFiles: Readonly<Record<string, string>> = {
  "common/train.py": `train = dict(
    output_dir="./output",
    init_checkpoint="",
    max_iter=90000,
    amp=dict(enabled=False),
    ddp=dict(broadcast_buffers=False, find_unused_parameters=False, fp16_compression=False),
    checkpointer=dict(period=5000, max_to_keep=100),
    eval_period=5000,
    log_period=20,
    device="cuda",
)
`,
  "common/optim.py": `import torch
from detectron2.config import LazyCall as L
from detectron2.solver.build import get_default_optimizer_params

SGD = L(torch.optim.SGD)(
    params=L(get_default_optimizer_params)(weight_decay_norm=0.0),
    lr=0.02,
    momentum=0.9,
    weight_decay=1e-4,
)
AdamW = L(torch.optim.AdamW)(
    params=L(get_default_optimizer_params)(base_lr="\${..lr}", weight_decay_norm=0.0),
    lr=1e-4,
    betas=(0.9, 0.999),
    weight_decay=0.1,
)
`,
  "common/coco_schedule.py": `from fvcore.common.param_scheduler import MultiStepParamScheduler
from detectron2.config import LazyCall as L
from detectron2.solver import WarmupParamScheduler


def default_X_scheduler(num_X):
    total_steps_16bs = num_X * 90000
    if num_X <= 2:
        scheduler = L(MultiStepParamScheduler)(values=[1.0, 0.1, 0.01], milestones=[60000, 80000, 90000])
    else:
        scheduler = L(MultiStepParamScheduler)(
            values=[1.0, 0.1, 0.01],
            milestones=[total_steps_16bs - 60000, total_steps_16bs - 20000, total_steps_16bs],
        )
    return L(WarmupParamScheduler)(
        scheduler=scheduler,
        warmup_length=1000 / total_steps_16bs,
        warmup_method="linear",
        warmup_factor=0.001,
    )


lr_multiplier_1x = default_X_scheduler(1)
lr_multiplier_2x = default_X_scheduler(2)
lr_multiplier_3x = default_X_scheduler(3)
lr_multiplier_6x = default_X_scheduler(6)
lr_multiplier_9x = default_X_scheduler(9)
`,
};
