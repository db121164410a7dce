"""Usage: python3 gen_yolov5.py path/to/yolov5/data/hyps/hyp.scratch-low.yaml

Golden cases for the yolov5 reader: the LR part of ultralytics/yolov5 train.py @ 5081342f transcribed line by
line (smart_optimizer's group order, LambdaLR(lf) with `scheduler.last_epoch = start_epoch - 1`, the warmup with
np.interp, scheduler.step() after each epoch), numpy's own np.interp; one_cycle as ultralytics.utils.torch_utils."""
import json, math, os, sys, yaml, numpy as np

def one_cycle(y1=0.0, y2=1.0, steps=100):
    return lambda x: max((1 - math.cos(x * math.pi / steps)) / 2, 0) * (y2 - y1) + y1

class LambdaLR:
    # torch.optim.lr_scheduler.LambdaLR: initial_lr set, step() at construction (last_epoch 0).
    def __init__(self, optimizer, lr_lambda):
        self.param_groups = optimizer
        for g in optimizer: g.setdefault('initial_lr', g['lr'])
        self.base_lrs = [g['initial_lr'] for g in optimizer]
        self.lr_lambda = lr_lambda
        self.last_epoch = -1
        self.step()
    def step(self):
        self.last_epoch += 1
        for g, b in zip(self.param_groups, self.base_lrs): g['lr'] = b * self.lr_lambda(self.last_epoch)

def run(hyp, epochs, nb, cos_lr, optimizer):
    # smart_optimizer: optimizer on g[2] (bias), then add_param_group g[0] (decay), g[1] (bn)
    groups = [{'lr': hyp['lr0']} for _ in range(3)]
    if optimizer in ('SGD', 'RMSProp'):
        for g in groups: g['momentum'] = hyp['momentum']
    else:
        for g in groups: g['betas'] = (hyp['momentum'], 0.999)
    if cos_lr: lf = one_cycle(1, hyp['lrf'], epochs)
    else:
        def lf(x): return (1 - x / epochs) * (1.0 - hyp['lrf']) + hyp['lrf']
    scheduler = LambdaLR(groups, lf)
    start_epoch = 0
    nw = max(round(hyp['warmup_epochs'] * nb), 100)
    scheduler.last_epoch = start_epoch - 1
    lrs, moms = [[], [], []], []
    for epoch in range(start_epoch, epochs):
        for i in range(nb):
            ni = i + nb * epoch
            if ni <= nw:
                xi = [0, nw]
                for j, x in enumerate(groups):
                    x['lr'] = np.interp(ni, xi, [hyp['warmup_bias_lr'] if j == 0 else 0.0, x['initial_lr'] * lf(epoch)])
                    if 'momentum' in x:
                        x['momentum'] = np.interp(ni, xi, [hyp['warmup_momentum'], hyp['momentum']])
            for j in range(3): lrs[j].append(float(groups[j]['lr']))
            moms.append(float(groups[0].get('momentum', groups[0].get('betas', [None])[0])))
        scheduler.step()
    return lrs, moms

def case(id_, files, entry, options, epochs, nb, cos_lr, optimizer, note):
    hyp = yaml.safe_load(files[entry])
    lrs, moms = run(hyp, epochs, nb, cos_lr, optimizer)
    total = epochs * nb
    out = {'id': id_, 'dialect': 'yolov5',
           'reference': 'ultralytics/yolov5 train.py @ 5081342f, LR lines transcribed in Python with numpy np.interp and a LambdaLR as torch steps it (gen_yolov5.py); ' + note,
           'files': files, 'entry': entry, 'options': options, 'unit': 'step', 'total': total,
           'lr': [[t, v] for t, v in enumerate(lrs[0])],
           'momentum': [[t, v] for t, v in enumerate(moms)],
           'extra': {'group1': [[t, v] for t, v in enumerate(lrs[1])], 'group2': [[t, v] for t, v in enumerate(lrs[2])]}}
    json.dump(out, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'golden-own', f'{id_}.json'), 'w'), indent=1)
    print(id_, total, lrs[0][:2], lrs[1][:2], lrs[0][-1])

low = open(sys.argv[1]).read()  # ultralytics/yolov5 data/hyps/hyp.scratch-low.yaml @ 5081342f
case('yolov5-hyp-scratch-low', {'data/hyps/hyp.scratch-low.yaml': low}, 'data/hyps/hyp.scratch-low.yaml', {'stepsPerEpoch': 37}, 100, 37, False, 'SGD',
     'train.py defaults: --epochs 100, linear lf, SGD; nw = max(round(3.0 * 37), 100) = 111; group 0 is the bias group.')

hyp = '''lr0: 0.001
lrf: 0.1
momentum: 0.9
weight_decay: 0.0005
warmup_epochs: 2.0
warmup_momentum: 0.8
warmup_bias_lr: 0.0
box: 0.05
cls: 0.5
cls_pw: 1.0
obj: 1.0
obj_pw: 1.0
iou_t: 0.2
anchor_t: 4.0
fl_gamma: 0.0
hsv_h: 0.015
hsv_s: 0.7
hsv_v: 0.4
degrees: 0.0
translate: 0.1
scale: 0.5
shear: 0.0
perspective: 0.0
flipud: 0.0
fliplr: 0.5
mosaic: 1.0
mixup: 0.0
copy_paste: 0.0
'''
opt = '''weights: yolov5s.pt
cfg: ''
data: data/custom.yaml
hyp:
  lr0: 0.001
  lrf: 0.1
epochs: 30
batch_size: 32
imgsz: 640
rect: false
resume: false
nosave: false
noval: false
noautoanchor: false
noplots: false
evolve: null
bucket: ''
cache: null
image_weights: false
device: ''
multi_scale: false
single_cls: false
optimizer: AdamW
sync_bn: false
workers: 8
project: runs/train
name: exp
exist_ok: false
quad: false
cos_lr: true
label_smoothing: 0.0
patience: 100
freeze:
- 0
save_period: -1
seed: 0
local_rank: -1
'''
case('yolov5-run-opt-cos-adamw', {'runs/train/exp/hyp.yaml': hyp, 'runs/train/exp/opt.yaml': opt}, 'runs/train/exp/hyp.yaml', {'stepsPerEpoch': 20}, 30, 20, True, 'AdamW',
     "a run folder's hyp.yaml with the opt.yaml train.py saved beside it (epochs 30, --cos-lr, --optimizer AdamW); nw = max(round(2.0 * 20), 100) = 100 spans five epochs; AdamW's beta1 stays at momentum.")
