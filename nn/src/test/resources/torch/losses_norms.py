#!/usr/bin/python3
"""Reference values for slope's losses, normalizations and distances of issue 16, from PyTorch 1.13
(Debian's python3-torch, the SYSTEM python):

    /usr/bin/python3 losses_norms.py > losses_norms.json

Each case records its inputs, the output, and the vector-Jacobian product of a seeded cotangent for
every input marked "grad" (float64). Non-finite numbers are written as the strings "nan", "inf",
"-inf" (JSON has no literal for them). LossesNormsReferenceTest maps each case name to slope's call.
"""
import json
import math

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(16)
cases = {}


def randn(*shape):
    return torch.randn(*shape, generator=gen)


def rand(*shape):
    return torch.rand(*shape, generator=gen)


def enc(v):
    if isinstance(v, float) and not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    return v


def flat(t):
    return [enc(float(v)) if t.is_floating_point() else int(v) for v in t.reshape(-1).tolist()]


def case(name, fn, *inputs, grads=None):
    """inputs: tensors; grads: which of them are differentiated (default: the floating ones)."""
    if grads is None:
        grads = [t.is_floating_point() for t in inputs]
    xs = [t.clone().requires_grad_(g) for t, g in zip(inputs, grads)]
    out = fn(*xs)
    cot = torch.randn(tuple(out.shape), generator=gen)
    wanted = [x for x, g in zip(xs, grads) if g]
    vjps = torch.autograd.grad(out, wanted, cot, allow_unused=True) if wanted else []
    it = iter(vjps)
    rec = []
    for x, g in zip(xs, grads):
        entry = {"shape": list(x.shape), "dtype": "f64" if x.is_floating_point() else "i32", "data": flat(x.detach())}
        if g:
            v = next(it)
            entry["grad"] = flat(v if v is not None else torch.zeros_like(x))
        rec.append(entry)
    cases[name] = {"inputs": rec, "output": {"shape": list(out.shape), "data": flat(out.detach())},
                   "cotangent": flat(cot)}


# ---- class-index losses: ranks 1, 2, 4, ignored targets, weights, smoothing
x2, y2 = randn(5, 4), torch.tensor([1, -100, 3, 0, -100])
x4, y4 = randn(2, 3, 2, 2), torch.tensor([[[0, 2], [-100, 1]], [[2, 2], [1, -100]]])
x1, y1 = randn(4), torch.tensor(2)
w4, w3 = rand(4) + 0.5, rand(3) + 0.5
for red in ["mean", "sum", "none"]:
    case(f"cross_entropy_ignore_{red}", lambda x, y: F.cross_entropy(x, y, reduction=red), x2, y2)
    case(f"cross_entropy_rank4_{red}", lambda x, y: F.cross_entropy(x, y, reduction=red), x4, y4)
    case(f"nll_rank4_weighted_{red}", lambda x, y, w: F.nll_loss(x, y, weight=w, reduction=red), x4, y4, w3,
         grads=[True, False, False])
    case(f"nll_rank1_{red}", lambda x, y: F.nll_loss(x, y, reduction=red), x1, y1)
case("cross_entropy_rank1", lambda x, y: F.cross_entropy(x, y), x1, y1)
case("cross_entropy_ignore_weight_smoothing", lambda x, y, w: F.cross_entropy(x, y, weight=w, label_smoothing=0.15), x2, y2, w4,
     grads=[True, False, False])
case("cross_entropy_ignore_smoothing", lambda x, y: F.cross_entropy(x, y, label_smoothing=0.3), x2, y2)
case("cross_entropy_rank4_weight_smoothing_sum",
     lambda x, y, w: F.cross_entropy(x, y, weight=w, label_smoothing=0.2, reduction="sum"), x4, y4, w3, grads=[True, False, False])
case("cross_entropy_ignore_index_1", lambda x, y: F.cross_entropy(x, y, ignore_index=1), x2, torch.tensor([1, 2, 3, 1, 0]))
case("nll_ignore_weighted", lambda x, y, w: F.nll_loss(x, y, weight=w), x2, y2, w4, grads=[True, False, False])
case("cross_entropy_all_ignored", lambda x, y: F.cross_entropy(x, y), x2, torch.full((5,), -100))
case("nll_all_ignored_sum", lambda x, y: F.nll_loss(x, y, reduction="sum"), x2, torch.full((5,), -100))
case("cross_entropy_empty_batch", lambda x, y: F.cross_entropy(x, y), torch.zeros(0, 3), torch.zeros(0, dtype=torch.long))
case("nll_empty_batch_sum", lambda x, y: F.nll_loss(x, y, reduction="sum"), torch.zeros(0, 3), torch.zeros(0, dtype=torch.long))
case("cross_entropy_negative_logits_rank3_none", lambda x, y: F.cross_entropy(x, y, reduction="none"), -5 * rand(2, 3, 4),
     torch.tensor([[0, 1, 2, -100], [2, 2, 1, 0]]))
case("cross_entropy_all_ignored_smoothing", lambda x, y: F.cross_entropy(x, y, label_smoothing=0.1), x2, torch.full((5,), -100))

# ---- probability targets
p2, p4 = torch.softmax(randn(5, 4), 1), torch.softmax(randn(2, 3, 2, 2), 1)
for red in ["mean", "sum", "none"]:
    case(f"cross_entropy_probs_{red}", lambda x, t: F.cross_entropy(x, t, reduction=red), x2, p2)
    case(f"cross_entropy_probs_rank4_{red}", lambda x, t: F.cross_entropy(x, t, reduction=red), x4, p4)
case("cross_entropy_probs_weight_smoothing", lambda x, t, w: F.cross_entropy(x, t, weight=w, label_smoothing=0.25), x2, p2, w4,
     grads=[True, True, False])
case("cross_entropy_probs_rank1", lambda x, t: F.cross_entropy(x, t), x1, torch.softmax(randn(4), 0))

# ---- binary cross-entropy
z, t = randn(3, 4), rand(3, 4)
case("bce_with_logits_weight_pos_weight", lambda x, y, w, pw: F.binary_cross_entropy_with_logits(x, y, weight=w, pos_weight=pw),
     z, t, rand(3, 1) + 0.5, rand(4) + 0.5, grads=[True, True, False, False])
case("bce_with_logits_pos_weight_sum", lambda x, y, pw: F.binary_cross_entropy_with_logits(x, y, pos_weight=pw, reduction="sum"),
     z * 30, t, rand(4) * 3, grads=[True, True, False])
probs = torch.tensor([[0.0, 1.0, 0.5, 0.2], [0.9, 0.3, 1e-3, 0.999], [0.4, 0.6, 0.7, 0.05]])
tgt = torch.tensor([[1.0, 0.0, 0.3, 1.0], [0.0, 1.0, 0.5, 0.2], [0.4, 0.6, 0.0, 1.0]])
for red in ["mean", "sum", "none"]:
    case(f"binary_cross_entropy_{red}", lambda p, y: F.binary_cross_entropy(p, y, reduction=red), probs, tgt)
case("binary_cross_entropy_weight", lambda p, y, w: F.binary_cross_entropy(p, y, weight=w), probs[1:], tgt[1:], rand(4) + 0.5,
     grads=[True, True, False])

# ---- regression losses
a, b = randn(3, 4), randn(3, 4)
b[0, 0] = a[0, 0]  # l1's subgradient 0 at a tie
for red in ["mean", "sum", "none"]:
    case(f"l1_{red}", lambda x, y: F.l1_loss(x, y, reduction=red), a, b)
    case(f"smooth_l1_beta_0_8_{red}", lambda x, y: F.smooth_l1_loss(x, y, beta=0.8, reduction=red), a, b)
# beta = 0 away from ties: at a tie PyTorch's kernel gives the subgradient -1, slope l1Loss's 0 (a README difference)
case("smooth_l1_beta_0", lambda x, y: F.smooth_l1_loss(x, y, beta=0.0), a, b + 0.01 * (b == a))
case("smooth_l1_rank0", lambda x, y: F.smooth_l1_loss(x, y), torch.tensor(0.3), torch.tensor(-0.1))
case("l1_empty", lambda x, y: F.l1_loss(x, y, reduction="sum"), torch.zeros(0, 3), torch.zeros(0, 3))

# ---- KL divergence
logq, pt = torch.log_softmax(randn(3, 4), 1), torch.softmax(randn(3, 4), 1)
pt[0, 1] = 0.0
for red in ["mean", "sum", "none"]:
    case(f"kl_div_{red}", lambda x, y: F.kl_div(x, y, reduction=red), logq, pt, grads=[True, False])
case("kl_div_log_target", lambda x, y: F.kl_div(x, y, log_target=True, reduction="sum"), logq, torch.log_softmax(randn(3, 4), 1))

# ---- ranking and embedding losses
u, v, s = randn(6), randn(6), torch.tensor([1.0, -1, 1, -1, 1, -1])
for red in ["mean", "sum", "none"]:
    case(f"margin_ranking_{red}", lambda x1, x2, y: F.margin_ranking_loss(x1, x2, y, margin=0.3, reduction=red), u, v, s,
         grads=[True, True, False])
e1, e2, ey = randn(4, 5), randn(4, 5), torch.tensor([1.0, -1, -1, 1])
for red in ["mean", "sum", "none"]:
    case(f"cosine_embedding_{red}", lambda x1, x2, y: F.cosine_embedding_loss(x1, x2, y, margin=-0.2, reduction=red), e1, e2, ey,
         grads=[True, True, False])
case("cosine_embedding_unbatched", lambda x1, x2, y: F.cosine_embedding_loss(x1, x2, y), e1[0], e2[0], torch.tensor(-1.0),
     grads=[True, True, False])

# ---- Gaussian and Poisson likelihoods
mu, obs, var = randn(4, 3), randn(4, 3), rand(4, 3) + 0.1
var[0, 0] = 1e-9  # clamped to eps in value only
for red in ["mean", "sum", "none"]:
    case(f"gaussian_nll_{red}", lambda x, y, s2: F.gaussian_nll_loss(x, y, s2, reduction=red), mu, obs, var)
case("gaussian_nll_full_per_sample_var", lambda x, y, s2: F.gaussian_nll_loss(x, y, s2, full=True, eps=1e-3), mu, obs, rand(4) + 0.1)
case("gaussian_nll_var_last_dim_1", lambda x, y, s2: F.gaussian_nll_loss(x, y, s2), mu, obs, rand(4, 1) + 0.1)
counts = torch.tensor([[0.0, 1, 2], [5, 0, 3], [1, 7, 0], [2, 2, 4]])
for red in ["mean", "sum", "none"]:
    case(f"poisson_nll_log_input_{red}", lambda x, y: F.poisson_nll_loss(x, y, reduction=red), mu, counts, grads=[True, False])
case("poisson_nll_full", lambda x, y: F.poisson_nll_loss(x, y, full=True), mu, counts, grads=[True, False])
case("poisson_nll_rate_input_full", lambda x, y: F.poisson_nll_loss(x, y, log_input=False, full=True, eps=1e-6),
     var.clamp(min=0.05), counts, grads=[True, False])

# ---- triplet margin
an, po, ne = randn(4, 5), randn(4, 5), randn(4, 5)
for p in [2.0, 1.0, 3.0]:
    case(f"triplet_p{p:g}", lambda x, y, z: F.triplet_margin_loss(x, y, z, margin=2.0, p=p), an, po, ne)
case("triplet_swap_none", lambda x, y, z: F.triplet_margin_loss(x, y, z, margin=1.5, swap=True, reduction="none"), an, po, ne)

# ---- normalizations
g = randn(2, 6, 3, 2)
case("group_norm_3_groups_affine", lambda x, w, b: F.group_norm(x, 3, w, b, eps=1e-5), g, randn(6), randn(6))
case("group_norm_1_group_rank3", lambda x: F.group_norm(x, 1), randn(2, 4, 5))
case("group_norm_6_groups_rank2", lambda x: F.group_norm(x, 6), randn(3, 6))
case("instance_norm_2d_affine", lambda x, w, b: F.instance_norm(x, weight=w, bias=b), randn(2, 3, 4, 3), randn(3), randn(3))
case("instance_norm_1d", lambda x: F.instance_norm(x), randn(3, 2, 5))

# InstanceNorm2d with running statistics: two training steps, then evaluation
inorm = torch.nn.InstanceNorm2d(3, momentum=0.3, affine=True, track_running_stats=True)
with torch.no_grad():
    inorm.weight.copy_(randn(3))
    inorm.bias.copy_(randn(3))
steps = [randn(2, 3, 2, 3), randn(4, 3, 3, 2)]
train_out = [inorm(s).tolist() for s in steps]
inorm.eval()
evaluated = randn(2, 3, 2, 2)
instance_running = {"weight": inorm.weight.tolist(), "bias": inorm.bias.tolist(), "steps": [s.tolist() for s in steps],
                    "train_out": train_out, "running_mean": inorm.running_mean.tolist(), "running_var": inorm.running_var.tolist(),
                    "eval_in": evaluated.tolist(), "eval_out": inorm(evaluated).tolist()}

# ---- normalize, cosine similarity, distances
m, n = randn(3, 4), randn(3, 4)
m0 = m.clone()
m0[1] = 0.0  # a zero row: normalize's eps, the norm's subgradient 0
for p in [2.0, 1.0, 3.0]:
    case(f"normalize_p{p:g}_dim1", lambda x: F.normalize(x, p=p, dim=1), m0)
case("normalize_dim0_eps", lambda x: F.normalize(x, dim=0, eps=0.5), m)
case("normalize_dim_neg1", lambda x: F.normalize(x, dim=-1), randn(2, 3, 4))
case("cosine_similarity_dim1", lambda x, y: F.cosine_similarity(x, y), m0, n)
case("cosine_similarity_dim0_broadcast", lambda x, y: F.cosine_similarity(x, y, dim=0), m, n[:, :1])
case("cosine_similarity_dim_neg1_rank1", lambda x, y: F.cosine_similarity(x, y, dim=-1), randn(5), randn(5))
for p in [2.0, 1.0, 3.0, math.inf]:
    case(f"pairwise_distance_p{p:g}", lambda x, y: F.pairwise_distance(x, y, p=p), m, n)
case("pairwise_distance_keepdim_equal_rows", lambda x, y: F.pairwise_distance(x, y, keepdim=True), m, m.clone())
case("pairwise_distance_rank1_eps", lambda x, y: F.pairwise_distance(x, y, eps=0.1), randn(4), randn(4))
c1, c2 = randn(4, 3), randn(5, 3)
c2[2] = c1[1]  # a zero distance: gradient 0
for p in [2.0, 1.0, 3.0, math.inf]:
    case(f"cdist_p{p:g}", lambda x, y: torch.cdist(x, y, p=p), c1, c2)
case("cdist_p0", lambda x, y: torch.cdist(x, y, p=0.0), c1, c2)
case("cdist_batched_broadcast", lambda x, y: torch.cdist(x, y), randn(2, 3, 4), randn(1, 2, 4))
case("cdist_self", lambda x: torch.cdist(x, x), c1)

print(json.dumps({"torch": torch.__version__, "cases": cases, "instance_norm_running": instance_running}, indent=None))
