"""Prints the PyTorch lr sequences that PyTorchReferenceTest.java holds as constants.

Run with Debian's python3-torch (1.13), not a pyenv python:
    /usr/bin/python3 optim/src/test/java/dev/slope/optim/schedule/make_schedule_reference.py
Each sequence is the group's lr right after construction (step 0) and after each scheduler.step(),
with optimizer.step() before it, as in a training loop.
"""
import warnings

import torch
from torch.optim import SGD, lr_scheduler as S

warnings.filterwarnings("ignore")


def run(make, n, lr=0.1, key="lr"):
    p = torch.zeros(1, requires_grad=True)
    opt = SGD([p], lr=lr, momentum=0.9)
    s = make(opt)
    out = [opt.param_groups[0][key]]
    for _ in range(n - 1):
        opt.step()
        s.step()
        out.append(opt.param_groups[0][key])
    return out


def show(name, seq):
    print("    static final double[] " + name + " = {" + ", ".join(repr(float(x)) for x in seq) + "};")


show("STEP_LR", run(lambda o: S.StepLR(o, step_size=3, gamma=0.5), 10))
show("MULTI_STEP_LR", run(lambda o: S.MultiStepLR(o, milestones=[2, 5, 6], gamma=0.1), 9))
show("EXPONENTIAL_LR", run(lambda o: S.ExponentialLR(o, gamma=0.9), 8))
show("COSINE_ANNEALING_LR", run(lambda o: S.CosineAnnealingLR(o, T_max=6, eta_min=0.01), 15))
show("WARM_RESTARTS_T_MULT_1", run(lambda o: S.CosineAnnealingWarmRestarts(o, T_0=4, eta_min=0.001), 10))
show("WARM_RESTARTS_T_MULT_2", run(lambda o: S.CosineAnnealingWarmRestarts(o, T_0=2, T_mult=2, eta_min=0.001), 16))
show("LINEAR_LR_DEFAULTS", run(lambda o: S.LinearLR(o), 8))
show("LINEAR_LR_DOWN", run(lambda o: S.LinearLR(o, start_factor=1.0, end_factor=0.25, total_iters=4), 7))
show("LINEAR_LR_AS_WARMUP", run(lambda o: S.LinearLR(o, start_factor=0.2, end_factor=1.0, total_iters=4), 7))
show("ONE_CYCLE_COS", run(lambda o: S.OneCycleLR(o, max_lr=1.0, total_steps=10), 10))
show("ONE_CYCLE_COS_MOMENTUM", run(lambda o: S.OneCycleLR(o, max_lr=1.0, total_steps=10), 10, key="momentum"))
show("ONE_CYCLE_LINEAR", run(lambda o: S.OneCycleLR(o, max_lr=0.5, total_steps=12, pct_start=0.25, anneal_strategy="linear",
                                                    div_factor=10., final_div_factor=100.), 12))
show("ONE_CYCLE_THREE_PHASE", run(lambda o: S.OneCycleLR(o, max_lr=1.0, total_steps=20, three_phase=True), 20))
show("ONE_CYCLE_THREE_PHASE_MOMENTUM", run(lambda o: S.OneCycleLR(o, max_lr=1.0, total_steps=20, three_phase=True), 20,
                                           key="momentum"))
show("LAMBDA_LR", run(lambda o: S.LambdaLR(o, lambda e: 1.0 / (1 + e)), 6))
show("SEQUENTIAL_WARMUP_COSINE", run(lambda o: S.SequentialLR(
    o, [S.LinearLR(o, start_factor=0.25, total_iters=3), S.CosineAnnealingLR(o, T_max=5)], milestones=[3]), 12))
show("SEQUENTIAL_THREE", run(lambda o: S.SequentialLR(
    o, [S.ConstantLR(o, factor=0.5, total_iters=2), S.ExponentialLR(o, gamma=0.9), S.StepLR(o, step_size=2, gamma=0.5)],
    milestones=[2, 5]), 10))

METRICS = [5.0, 4.0, 4.0, 4.2, 3.9996, 4.1, 4.1, 3.0, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5]
print("    static final double[] PLATEAU_METRICS = {" + ", ".join(repr(m) for m in METRICS) + "};")


def plateau(lrs, **kw):
    params = [torch.zeros(1, requires_grad=True) for _ in lrs]
    opt = SGD([{"params": [p], "lr": lr} for p, lr in zip(params, lrs)], lr=lrs[0])
    s = S.ReduceLROnPlateau(opt, **kw)
    out = [[] for _ in lrs]
    for m in METRICS:
        opt.step()
        s.step(m)
        for i, g in enumerate(opt.param_groups):
            out[i].append(g["lr"])
    return out


show("PLATEAU_MIN_REL", plateau([1.0], patience=1, cooldown=1, min_lr=0.002)[0])
show("PLATEAU_MAX_ABS", plateau([1.0], mode="max", patience=2, threshold=0.5, threshold_mode="abs", factor=0.5)[0])
two = plateau([1.0, 0.3], patience=0, factor=0.5, min_lr=[0.002, 0.1], eps=1e-3)
show("PLATEAU_TWO_GROUPS_0", two[0])
show("PLATEAU_TWO_GROUPS_1", two[1])
