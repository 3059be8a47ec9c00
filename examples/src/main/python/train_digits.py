"""The main job of slope (`./slope train` with its defaults) written in PyTorch, as a peer for the
start-up comparison (startup.sh): the embedded 8x8 digits (pixels / 16, a seeded 80/20 split), an MLP
64-128-10 with ReLU, Adam (lr 3e-3) with a cosine schedule stepped per batch, 15 epochs of batch 32,
the held-out loss and accuracy after each epoch, a checkpoint after each epoch, then train.csv and
(where matplotlib is installed) loss.png and accuracy.png. Run with Debian's python3 and python3-torch:

    /usr/bin/python3 examples/src/main/python/train_digits.py --out out/torch
"""
import argparse
import csv
import gzip
import os
import time

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = os.path.join(HERE, "..", "resources", "dev", "slope", "examples", "data", "digits.csv.gz")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default="out/torch")
    p.add_argument("--epochs", type=int, default=15)
    p.add_argument("--no-plots", action="store_true", help="skip loss.png and accuracy.png")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch.manual_seed(0)
    with gzip.open(DIGITS, "rt") as f:
        rows = np.loadtxt(f, delimiter=",", dtype=np.float32)
    x, y = torch.from_numpy(rows[:, :64] / 16.0), torch.from_numpy(rows[:, 64].astype(np.int64))
    perm = torch.randperm(len(y), generator=torch.Generator().manual_seed(0))
    n_test = int(0.2 * len(y))
    xt, yt, xtr, ytr = x[perm[:n_test]], y[perm[:n_test]], x[perm[n_test:]], y[perm[n_test:]]
    model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10))
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    batches = (len(ytr) + 31) // 32
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=a.epochs * batches)
    loss_fn = nn.CrossEntropyLoss()
    history = []
    start = time.perf_counter()
    for epoch in range(1, a.epochs + 1):
        model.train()
        order = torch.randperm(len(ytr))
        total, correct = 0.0, 0
        for b in range(batches):
            idx = order[b * 32:(b + 1) * 32]
            opt.zero_grad()
            scores = model(xtr[idx])
            loss = loss_fn(scores, ytr[idx])
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
            correct += (scores.argmax(1) == ytr[idx]).sum().item()
        model.eval()
        with torch.no_grad():
            scores = model(xt)
            test_loss, test_acc = loss_fn(scores, yt).item(), (scores.argmax(1) == yt).float().mean().item()
        history.append((epoch, total / len(ytr), correct / len(ytr), test_loss, test_acc))
        torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "scheduler": sched.state_dict(),
                    "epoch": epoch}, os.path.join(a.out, "checkpoint.pt"))
    seconds = time.perf_counter() - start
    with open(os.path.join(a.out, "train.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy"])
        w.writerows(history)
    wrote = ["train.csv", "checkpoint.pt"]
    if not a.no_plots:
        try:
            import matplotlib
            matplotlib.use("Agg")
            import matplotlib.pyplot as plt
            for col, name in ((1, "loss"), (2, "accuracy")):
                fig, ax = plt.subplots(figsize=(6.4, 4))
                ax.plot([h[0] for h in history], [h[col] for h in history], label="train")
                ax.plot([h[0] for h in history], [h[col + 2] for h in history], label="test")
                ax.set_xlabel("epoch")
                ax.legend()
                fig.savefig(os.path.join(a.out, name + ".png"))
                plt.close(fig)
                wrote.append(name + ".png")
        except ImportError:
            pass
    print(f"final test accuracy {100 * history[-1][4]:.2f}% after {a.epochs} epochs ({seconds:.1f} s); wrote {', '.join(wrote)}")


if __name__ == "__main__":
    main()
