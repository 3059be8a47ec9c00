#!/usr/bin/python3
"""Reference iterates for slope's optimizers, computed with PyTorch (Debian's python3-torch).

Run with the system python (torch is a Debian package):  /usr/bin/python3 make_optim_reference.py > optim_reference.json

Problem: three parameter tensors W [3, 2], b [2], c [] (float64), fixed data X [5, 3], Y [5, 2],
  loss = mean((tanh(X W + b) - Y)^2) + 0.1 * sum(W^4) + (1 - c)^2 + 2 * (c^2 - sum(b))^2
so that the iterates are not trivially linear. 25 steps of each configuration; every iterate is
recorded. NAdam: torch 1.13 multiplies mu_t twice into mu_product_next (fixed upstream in 2.0);
the script runs torch's own NAdam with that line corrected, as in PyTorch 2.
"""
import json
import sys

import torch

torch.set_default_dtype(torch.float64)
STEPS = 25

X = torch.tensor([[0.5, -1.0, 0.25], [1.5, 0.3, -0.7], [-0.2, 0.8, 1.1], [0.9, -0.4, 0.0], [-1.3, 0.6, 0.45]])
Y = torch.tensor([[0.1, -0.5], [0.7, 0.2], [-0.3, 0.9], [0.4, 0.0], [-0.8, 0.6]])
W0 = torch.tensor([[0.3, -0.2], [0.1, 0.4], [-0.5, 0.25]])
B0 = torch.tensor([0.05, -0.1])
C0 = torch.tensor(0.2)


def loss_fn(W, b, c):
    return ((torch.tanh(X @ W + b) - Y) ** 2).mean() + 0.1 * (W ** 4).sum() + (1 - c) ** 2 + 2 * (c ** 2 - b.sum()) ** 2


def nadam_fixed(params, grads, exp_avgs, exp_avg_sqs, mu_products, state_steps, *, beta1, beta2, lr, weight_decay,
                momentum_decay, eps):
    # torch 1.13's _single_tensor_nadam with mu_product_next = mu_product * mu_next (PyTorch 2)
    for i, param in enumerate(params):
        grad = grads[i]
        exp_avg, exp_avg_sq, mu_product, step_t = exp_avgs[i], exp_avg_sqs[i], mu_products[i], state_steps[i]
        step_t += 1
        step = step_t.item()
        bias_correction2 = 1 - beta2 ** step
        if weight_decay != 0:
            grad = grad.add(param, alpha=weight_decay)
        mu = beta1 * (1. - 0.5 * (0.96 ** (step * momentum_decay)))
        mu_next = beta1 * (1. - 0.5 * (0.96 ** ((step + 1) * momentum_decay)))
        mu_product *= mu
        mu_product_next = mu_product * mu_next
        exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
        exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
        denom = exp_avg_sq.div(bias_correction2).sqrt().add_(eps)
        param.addcdiv_(grad, denom, value=-lr * (1. - mu) / (1. - mu_product.item()))
        param.addcdiv_(exp_avg, denom, value=-lr * mu_next / (1. - mu_product_next.item()))


import torch.optim.nadam as nadam_module  # noqa: E402
nadam_module._single_tensor_nadam = nadam_fixed

CONFIGS = [
    ("SGD", "plain", {"lr": 0.1}),
    ("SGD", "momentum, dampening, weight decay", {"lr": 0.05, "momentum": 0.9, "dampening": 0.1, "weight_decay": 0.01}),
    ("SGD", "nesterov, weight decay", {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01}),
    ("SGD", "maximize a negated loss", {"lr": 0.1, "momentum": 0.5, "maximize": True}),
    ("Adagrad", "lr decay, initial accumulator, weight decay",
     {"lr": 0.1, "lr_decay": 0.01, "initial_accumulator_value": 0.1, "weight_decay": 0.01}),
    ("RMSprop", "defaults", {"lr": 0.01}),
    ("RMSprop", "centered, momentum, weight decay", {"lr": 0.01, "alpha": 0.9, "momentum": 0.5, "centered": True, "weight_decay": 0.01}),
    ("Adam", "defaults with lr 0.01", {"lr": 0.01}),
    ("Adam", "amsgrad, weight decay, betas", {"lr": 0.02, "betas": (0.8, 0.99), "amsgrad": True, "weight_decay": 0.01}),
    ("AdamW", "weight decay 0.1", {"lr": 0.01, "weight_decay": 0.1}),
    ("AdamW", "amsgrad", {"lr": 0.01, "amsgrad": True}),
    ("Adadelta", "weight decay", {"lr": 1.0, "rho": 0.9, "weight_decay": 0.01}),
    ("Adamax", "weight decay", {"lr": 0.02, "weight_decay": 0.01}),
    ("NAdam", "weight decay", {"lr": 0.01, "weight_decay": 0.01}),
    ("NAdam", "momentum decay", {"lr": 0.02, "momentum_decay": 0.01}),
    ("RAdam", "defaults with lr 0.01", {"lr": 0.01}),
    ("RAdam", "weight decay, betas", {"lr": 0.02, "betas": (0.85, 0.99), "weight_decay": 0.01}),
]


def run(name, options):
    params = [W0.clone().requires_grad_(), B0.clone().requires_grad_(), C0.clone().requires_grad_()]
    opt = getattr(torch.optim, name)(params, **options)
    maximize = options.get("maximize", False)
    iterates = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = loss_fn(*params)
        (-loss if maximize else loss).backward()
        opt.step()
        iterates.append([p.detach().reshape(-1).tolist() for p in params])
    return iterates


def flat_options(options):
    out = {}
    for k, v in options.items():
        if k == "betas":
            out["beta1"], out["beta2"] = v
        else:
            out[k] = float(v)
    return out


json.dump({
    "torch": torch.__version__,
    "steps": STEPS,
    "X": X.tolist(), "Y": Y.tolist(),
    "initial": [W0.reshape(-1).tolist(), B0.reshape(-1).tolist(), [C0.item()]],
    "shapes": [[3, 2], [2], []],
    "runs": [{"optimizer": n, "label": label, "options": flat_options(o), "iterates": run(n, o)} for n, label, o in CONFIGS],
}, sys.stdout)
