"""Usage: python3 gen_nemo.py path/to/nemo/core/optim/lr_scheduler.py  (NVIDIA/NeMo @ 8cfedd72)

Runs NeMo's own nemo/core/optim/lr_scheduler.py (NVIDIA/NeMo @ 8cfedd72, copied verbatim) with minimal stubs
for torch's _LRScheduler (as torch steps it: __init__ sets initial_lr/base_lrs and calls step(); step() does
last_epoch += 1 and sets each group's lr to get_lr()), omegaconf/hydra (plain dicts) and nemo.utils."""
import sys, types, math

class _LRScheduler:
    def __init__(self, optimizer, last_epoch=-1):
        self.optimizer = optimizer
        if last_epoch == -1:
            for g in optimizer.param_groups:
                g.setdefault('initial_lr', g['lr'])
        self.base_lrs = [g['initial_lr'] for g in optimizer.param_groups]
        self.last_epoch = last_epoch
        self._get_lr_called_within_step = False
        self.step()
    def step(self):
        self.last_epoch += 1
        self._get_lr_called_within_step = True
        values = self.get_lr()
        self._get_lr_called_within_step = False
        for g, v in zip(self.optimizer.param_groups, values):
            g['lr'] = v

class Opt:
    def __init__(self, lrs):
        self.param_groups = [{'lr': lr} for lr in lrs]

def mod(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    sys.modules[name] = m
    return m

class _Sched: pass
pt = mod('torch.optim.lr_scheduler', _LRScheduler=_LRScheduler, StepLR=_Sched, ExponentialLR=_Sched, ReduceLROnPlateau=_Sched, CyclicLR=_Sched)
mod('torch'); optim = mod('torch.optim', lr_scheduler=pt, Optimizer=object); sys.modules['torch'].optim = optim
mod('torch.utils'); mod('torch.utils.data'); mod('torch.utils.data.dataloader', DataLoader=object)
mod('hydra', utils=None)
class DictConfig(dict): pass
class OmegaConf:
    @staticmethod
    def create(x): return x
    @staticmethod
    def to_yaml(x): return str(x)
    @staticmethod
    def to_container(x, resolve=True): return x
mod('omegaconf', DictConfig=DictConfig, OmegaConf=OmegaConf)
mod('nemo'); mod('nemo.core'); mod('nemo.core.config', SchedulerParams=object, get_scheduler_config=None, register_scheduler_params=None)
class _Log:
    def info(self, *a): pass
    def warning(self, *a): pass
mod('nemo.utils', logging=_Log()); mod('nemo.utils.model_utils', maybe_update_config_version=lambda c: c)

ns = {}
exec(compile(open(sys.argv[1]).read(), 'lr_scheduler.py', 'exec'), ns)

def curve(sched_config, lrs, ticks, train_dataloader=None):
    """prepare_lr_scheduler(optimizer, sched) then Lightning's interval 'step': lr during step t, then step()."""
    opt = Opt(lrs)
    d = ns['prepare_lr_scheduler'](opt, dict(sched_config), train_dataloader)
    s = d['scheduler']
    assert d['interval'] == 'step'
    out = []
    for t in range(ticks):
        out.append([g['lr'] for g in opt.param_groups])
        s.step()
    return out

compute_max_steps = lambda **k: ns['compute_max_steps'](**k)
