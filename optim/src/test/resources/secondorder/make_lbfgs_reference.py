#!/usr/bin/python3
"""torch.optim.LBFGS's iterates on a small problem with three parameter tensors, for slope's LBFGS.

Run with the system python (Debian's python3-torch), from this folder:
    /usr/bin/python3 make_lbfgs_reference.py > lbfgs_reference.json

Problem (float64): W [3, 2], b [2], c [], data X [5, 3], Y [5, 2],
  loss = mean((tanh(X W + b) - Y)^2) + 0.1 sum(W^4) + (1 - c)^2 + 2 (c^2 - sum(b))^2
Each configuration takes a few steps of LBFGS with the usual closure (zero_grad, loss, backward);
after each step the script records the loss step() returned, the parameters, and the state's
func_evals and n_iter.
"""
import json
import sys

import torch

torch.set_default_dtype(torch.float64)

X = torch.tensor([[0.5, -1.0, 0.25], [1.5, 0.3, -0.7], [-0.2, 0.8, 1.1], [0.9, -0.4, 0.0], [-1.3, 0.6, 0.45]])
Y = torch.tensor([[0.1, -0.5], [0.7, 0.2], [-0.3, 0.9], [0.4, 0.0], [-0.8, 0.6]])
W0 = torch.tensor([[0.3, -0.2], [0.1, 0.4], [-0.5, 0.25]])
B0 = torch.tensor([0.05, -0.1])
C0 = torch.tensor(0.2)

CONFIGS = [
    dict(label="defaults lr 0.25", options=dict(lr=0.25), steps=4),
    dict(label="lr 0.5 max_iter 5 history_size 3", options=dict(lr=0.5, max_iter=5, history_size=3), steps=6),
    dict(label="strong_wolfe max_iter 8", options=dict(max_iter=8, line_search_fn="strong_wolfe"), steps=3),
]


def loss_fn(w, b, c):
    return ((torch.tanh(X @ w + b) - Y) ** 2).mean() + 0.1 * (w ** 4).sum() + (1 - c) ** 2 + 2 * (c ** 2 - b.sum()) ** 2


def run(cfg):
    w, b, c = (t.clone().requires_grad_(True) for t in (W0, B0, C0))
    opt = torch.optim.LBFGS([w, b, c], **cfg["options"])

    def closure():
        opt.zero_grad()
        loss = loss_fn(w, b, c)
        loss.backward()
        return loss

    steps = []
    for _ in range(cfg["steps"]):
        returned = opt.step(closure)
        state = opt.state[w]
        steps.append(dict(returned=float(returned), params=[float(v) for t in (w, b, c) for v in t.detach().reshape(-1)],
                          loss_after=float(loss_fn(w, b, c)), func_evals=int(state["func_evals"]),
                          n_iter=int(state["n_iter"])))
    return dict(label=cfg["label"], options=cfg["options"], steps=steps)


def main():
    out = dict(torch=torch.__version__, X=X.tolist(), Y=Y.tolist(), W0=W0.tolist(), B0=B0.tolist(), C0=float(C0),
               configs=[run(c) for c in CONFIGS])
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
