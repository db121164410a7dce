"""Usage: python3 gen_nemo.py path/to/nemo/core/optim/lr_scheduler.py

Golden cases for the nemo reader: NeMo's own scheduler code (nemo_stub.py runs lr_scheduler.py verbatim),
config handling transcribed from nemo/core/classes/modelPT.py setup_optimization (OmegaConf resolves ${...})."""
import json, math, os, sys, yaml, re
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nemo_stub as n

# OmegaConf's YAML loader reads 1e-4 as a float (omegaconf/_utils.py get_yaml_loader).
class L(yaml.SafeLoader): pass
L.add_implicit_resolver('tag:yaml.org,2002:float', re.compile(r'''^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$''', re.X), list('-+0123456789.'))

def resolve(root, node):
    if isinstance(node, dict): return {k: resolve(root, v) for k, v in node.items()}
    if isinstance(node, str):
        m = re.fullmatch(r'\$\{([^}]+)\}', node.strip())
        if m:
            cur = root
            for k in m.group(1).split('.'): cur = cur[k]
            return resolve(root, cur)
    return node

class DL:
    def __init__(self, n, batch, drop_last=False):
        self.dataset = range(n); self.batch_size = batch; self.drop_last = drop_last

def case(id_, text, options, dataset=None, note=''):
    raw = yaml.load(text, Loader=L)
    cfg = resolve(raw, raw)
    trainer = cfg['trainer']; optim = dict(cfg['model']['optim']); sched = dict(optim['sched'])
    # modelPT.setup_optimization
    max_steps_trainer = trainer.get('max_steps', -1)
    dl = None
    if max_steps_trainer < 0:
        sched['t_max_epochs'] = trainer.get('max_epochs')
        sched['t_accumulate_grad_batches'] = trainer.get('accumulate_grad_batches', 1)
        sched['t_limit_train_batches'] = trainer.get('limit_train_batches', 1.0)
        sched['t_num_workers'] = trainer['devices'] * trainer.get('num_nodes', 1)
        # A loader whose len(dataset) / batch gives options.stepsPerEpoch batches per rank.
        dl = dataset
    else:
        sched['max_steps'] = max_steps_trainer
    # total: trainer.max_steps, or the max_steps compute_max_steps gives (what Lightning runs over max_epochs).
    if max_steps_trainer >= 0: total = max_steps_trainer
    else:
        total = n.compute_max_steps(max_epochs=sched['t_max_epochs'], accumulate_grad_batches=sched['t_accumulate_grad_batches'], limit_train_batches=sched['t_limit_train_batches'], num_workers=sched['t_num_workers'], num_samples=len(dl.dataset), batch_size=dl.batch_size, drop_last=dl.drop_last)
    c = n.curve(sched, [optim['lr']], total, dl)
    out = {
        'id': id_, 'dialect': 'nemo',
        'reference': 'NVIDIA/NeMo nemo/core/optim/lr_scheduler.py @ 8cfedd72 run verbatim (prepare_lr_scheduler, compute_max_steps) with a stub _LRScheduler stepping as torch does; setup_optimization (modelPT.py) transcribed; optimizer step t trains with the LR before its scheduler.step() (interval step). ' + note,
        'files': {'config.yaml': text}, 'entry': 'config.yaml', 'options': options, 'unit': 'step', 'total': total,
        'lr': [[t, v[0]] for t, v in enumerate(c)],
    }
    json.dump(out, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'golden-own', f'{id_}.json'), 'w'), indent=1)
    print(id_, total, c[0], c[-1])

case('nemo-megatron-cosine-constant', '''name: megatron_gpt
trainer:
  devices: 8
  num_nodes: 1
  accelerator: gpu
  precision: bf16
  max_epochs: -1 # PTL default. In practice, max_steps will be reached first.
  max_steps: 2000 # consumed_samples = global_step * micro_batch_size * data_parallel_size * accumulate_grad_batches
  log_every_n_steps: 10
  val_check_interval: 100
  accumulate_grad_batches: 1
  gradient_clip_val: 1.0
exp_manager:
  explicit_log_dir: null
  exp_dir: null
  name: megatron_gpt
model:
  micro_batch_size: 4
  global_batch_size: 64
  tensor_model_parallel_size: 1
  pipeline_model_parallel_size: 1
  encoder_seq_length: 2048
  hidden_size: 768
  optim:
    name: distributed_fused_adam
    lr: 6e-4
    weight_decay: 0.1
    betas:
    - 0.9
    - 0.95
    sched:
      name: CosineAnnealing
      warmup_steps: 150
      constant_steps: 300
      min_lr: 6e-5
''', {}, note='CosineAnnealing with constant_steps > 0: the Megatron-style warmup from 0 and min_lr held for the last constant_steps.')

case('nemo-asr-noam-epochs', '''name: "Conformer-CTC-BPE"
model:
  sample_rate: 16000
  train_ds:
    manifest_filepath: ???
    sample_rate: ${model.sample_rate}
    batch_size: 16
    shuffle: true
    num_workers: 8
  encoder:
    _target_: nemo.collections.asr.modules.ConformerEncoder
    feat_in: 80
    n_layers: 18
    d_model: 256
  optim:
    name: adamw
    lr: 5.0
    # optimizer arguments
    betas: [0.9, 0.98]
    weight_decay: 1e-3
    # scheduler setup
    sched:
      name: NoamAnnealing
      d_model: ${model.encoder.d_model}
      # scheduler config override
      warmup_steps: 400
      warmup_ratio: null
      min_lr: 1e-6
trainer:
  devices: 2 # number of GPUs, -1 would use all available GPUs
  num_nodes: 1
  max_epochs: 6
  max_steps: -1 # computed at runtime if not set
  val_check_interval: 1.0 # Set to 0.25 to check 4 times per epoch, or an int for number of iterations
  accelerator: auto
  strategy: ddp
  accumulate_grad_batches: 2
  gradient_clip_val: 0.0
exp_manager:
  exp_dir: null
  name: ${name}
''', {'stepsPerEpoch': 251}, dataset=DL(251 * 16 * 2, 16), note='trainer.max_steps -1: max_steps = compute_max_steps(max_epochs 6, accumulate 2, devices 2, batch 16) over a dataset of 251 batches per rank (options.stepsPerEpoch); d_model by ${model.encoder.d_model}.')

case('nemo-polyhold-ratios', '''name: squeezeformer
model:
  optim:
    name: adamw
    lr: 2e-3
    betas: [0.9, 0.98]
    weight_decay: 4e-4
    sched:
      name: PolynomialHoldDecayAnnealing
      power: 2.0
      warmup_ratio: 0.05
      hold_ratio: 0.3
      min_lr: 1e-5
      max_steps: ${trainer.max_steps}
trainer:
  devices: 1
  max_steps: 3000
  max_epochs: null
''', {}, note='warmup_ratio / hold_ratio resolved by int(ratio * max_steps); sched.max_steps is a ${trainer.max_steps} reference (setup_optimization writes trainer.max_steps there anyway).')
