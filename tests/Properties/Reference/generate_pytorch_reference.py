#!/usr/bin/python3
"""Regenerates the PyTorch reference trajectories the property tests replay bit for bit.

Needs Debian's python3-torch (PyTorch 1.13): `apt-get install -y python3-torch`, then run with /usr/bin/python3
from this folder:

    /usr/bin/python3 generate_pytorch_reference.py          # rewrites pytorch-rmsprop.json and pytorch-training.json
    /usr/bin/python3 generate_pytorch_reference.py --check  # regenerates in memory and compares byte for byte

Every random number comes from one `random.Random(0)` stream, drawn in a fixed order, so the files are a pure
function of this script and the PyTorch version. PyTorch only runs the optimizer (`foreach=False`, the
single-tensor path the library mirrors); the inputs are drawn in Python and stored, so a replay never needs torch.

pytorch-rmsprop.json: one tensor, constant hyperparameters (28 cases).
pytorch-training.json: what training loops add around `step`: parameter groups with their own options,
`clip_grad_norm_` before `step`, and the schedulers ExponentialLR, StepLR, CosineAnnealingLR, OneCycleLR (with its
momentum cycling) and CosineAnnealingWarmRestarts.
"""

import json
import math
import random
import sys
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent
DTYPES = {"double": torch.float64, "float": torch.float32}


def option_dict(lr, alpha, eps, weight_decay=0.0, momentum=0.0, centered=False, maximize=False):
    """PyTorch's option names in its constructor's order; defaults left out, as the file has always had them."""
    options = {"lr": lr, "alpha": alpha, "eps": eps}
    if weight_decay:
        options["weight_decay"] = weight_decay
    if momentum:
        options["momentum"] = momentum
    if centered:
        options["centered"] = True
    if maximize:
        options["maximize"] = True
    return options


def make_optimizer(params_or_groups, options):
    return torch.optim.RMSprop(params_or_groups, foreach=False, **options)


def final_state(optimizer, parameter):
    state = optimizer.state[parameter]
    final = {"square_avg": state["square_avg"].flatten().tolist()}
    if "momentum_buffer" in state:
        final["momentum_buffer"] = state["momentum_buffer"].flatten().tolist()
    if "grad_avg" in state:
        final["grad_avg"] = state["grad_avg"].flatten().tolist()
    final["step"] = int(state["step"])
    return final


class Draws:
    """The one random stream, with the few shapes of draw the cases use."""

    def __init__(self, seed):
        self.rng = random.Random(seed)

    def normals(self, n, scale=1.0):
        values = [self.rng.gauss(0, 1) for _ in range(n)]
        return values if scale == 1.0 else [v * scale for v in values]

    def gradient(self, n, scale=1.0, zero_fraction=0.0):
        """n normal draws, then n uniforms that zero an entry with probability zero_fraction."""
        values = self.normals(n, scale)
        mask = [self.rng.random() for _ in range(n)]
        return [0.0 if m < zero_fraction else v for v, m in zip(values, mask)]

    def curvatures(self, n):
        """Diagonal of an ill-conditioned quadratic: |N(0,1)| times a log-uniform factor in [1e-2, 1e2], plus 1e-3."""
        return [abs(self.rng.gauss(0, 1)) * 10 ** self.rng.uniform(-2, 2) + 1e-3 for _ in range(n)]


def random_case(draws, name, dtype, options, n=6, steps=40, scale=1.0, zero_fraction=0.0):
    torch_dtype = DTYPES[dtype]
    initial = draws.normals(n)
    gradients = [draws.gradient(n, scale, zero_fraction) for _ in range(steps)]
    parameter = torch.tensor(initial, dtype=torch_dtype, requires_grad=True)
    optimizer = make_optimizer([parameter], options)
    trajectory = []
    for gradient in gradients:
        parameter.grad = torch.tensor(gradient, dtype=torch_dtype)
        optimizer.step()
        trajectory.append(parameter.detach().tolist())
    return {
        "name": name,
        "dtype": dtype,
        "options": options,
        # Stored as the tensors saw them: a float case keeps float32 values (widening to double is exact).
        "initial": torch.tensor(initial, dtype=torch_dtype).tolist(),
        "gradients": [torch.tensor(g, dtype=torch_dtype).tolist() for g in gradients],
        "trajectory": trajectory,
        "final_state": final_state(optimizer, parameter),
    }


def quadratic_case(draws, name, options, n=5, steps=150):
    initial = draws.normals(n)
    a_values = draws.curvatures(n)
    b_values = draws.normals(n)
    a, b = torch.tensor(a_values, dtype=torch.float64), torch.tensor(b_values, dtype=torch.float64)
    parameter = torch.tensor(initial, dtype=torch.float64, requires_grad=True)
    optimizer = make_optimizer([parameter], options)
    trajectory = []
    for _ in range(steps):
        parameter.grad = a * parameter.detach() - b
        optimizer.step()
        trajectory.append(parameter.detach().tolist())
    return {
        "name": name,
        "dtype": "double",
        "options": options,
        "initial": initial,
        "quadratic": {"a": a_values, "b": b_values, "note": "gradient at step t is a*w - b with w the current parameters"},
        "trajectory": trajectory,
        "final_state": final_state(optimizer, parameter),
    }


def single_tensor_cases():
    draws = Draws(0)
    settings = [
        ("pytorch_defaults", option_dict(0.01, 0.99, 1e-8)),
        ("lesson_settings", option_dict(0.1, 0.9, 1e-6)),
        ("centered", option_dict(0.01, 0.9, 1e-8, centered=True)),
        ("momentum", option_dict(0.01, 0.9, 1e-8, momentum=0.9)),
        # Written out: this case has always listed centered before momentum.
        ("centered_momentum", {"lr": 0.005, "alpha": 0.95, "eps": 1e-7, "centered": True, "momentum": 0.5}),
        ("weight_decay", option_dict(0.01, 0.99, 1e-8, weight_decay=0.1)),
        ("maximize", option_dict(0.01, 0.9, 1e-8, maximize=True)),
        ("everything", option_dict(0.02, 0.8, 1e-5, weight_decay=0.05, momentum=0.7, centered=True, maximize=True)),
        ("rho_zero", option_dict(0.01, 0.0, 1e-8)),
        ("eps_dominates", option_dict(0.01, 0.9, 0.01)),
    ]
    cases = []
    for name, options in settings:
        cases.append(random_case(draws, f"{name}_random_double", "double", options))
        cases.append(quadratic_case(draws, f"{name}_quadratic_double", options))
    for name, options in settings[:5]:
        cases.append(random_case(draws, f"{name}_random_float", "float", options))
    cases.append(random_case(draws, "sparse_gradients_double", "double", option_dict(0.01, 0.9, 1e-8, momentum=0.3),
                             n=8, steps=60, zero_fraction=0.5))
    cases.append(random_case(draws, "tiny_gradients_double", "double", option_dict(0.01, 0.9, 1e-8), scale=1e-9))
    cases.append(random_case(draws, "huge_gradients_double", "double", option_dict(0.01, 0.9, 1e-8, centered=True),
                             scale=1e6))
    return {
        "source": f"torch.optim.RMSprop, PyTorch {torch.__version__.split('a')[0]}",
        "semantics": "PyTorch: weight decay adds wd*w to the gradient; s = alpha*s + (1-alpha)*g^2; centered: "
                     "m = alpha*m + (1-alpha)*g, denominator sqrt(s - m^2) + eps; otherwise sqrt(s) + eps (eps outside "
                     "the root); momentum: b = mu*b + g/denominator, w -= lr*b; without momentum w -= lr*g/denominator; "
                     "maximize negates the gradient first.",
        "cases": cases,
    }


# ---- pytorch-training.json: parameter groups, clip_grad_norm_, schedulers ---------------------------------------

TRAINING_SEMANTICS = (
    "Each step: gradients set on every tensor; if clip is present, torch.nn.utils.clip_grad_norm_(all tensors, "
    "max_norm) (norm of the stacked per-tensor L2 norms; every gradient multiplied by min(max_norm / (total_norm + "
    "1e-6), 1) in the tensors' dtype) and its returned total_norm recorded; optimizer.step(); if scheduler is "
    "present, scheduler.step(). learning_rates[t] lists each group's lr during step t+1, as the scheduler left it "
    "in param_groups (momentums[t] likewise, for OneCycleLR with cycle_momentum). Options missing from a group are the optimizer's defaults (lr 0.01, alpha 0.99, eps 1e-8, "
    "no weight decay, no momentum, not centered).")

# weight, bias and scale are the tensors of the older cases; embedding (15 = 8 + 7 entries) and head (13 = 8 + 5)
# give the float32 norm kernel every kind of remainder after its vectors of eight.
TENSOR_SHAPES = [("weight", [3, 4]), ("bias", [4]), ("scale", [2]), ("embedding", [5, 3]), ("head", [13])]


def numel(shape):
    return math.prod(shape)


def training_case(draws, name, dtype, groups, steps=30, scheduler=None, clip=None, gradient_grid=None,
                  gradient_scales=None):
    """groups: list of (options, tensor names). scheduler: (kind, kwargs). clip: max_norm.

    gradient_grid rounds every gradient entry to a multiple of 1/gradient_grid, which makes every tensor's sum of
    squares exact in float32 whatever order a norm kernel adds in. gradient_scales varies the gradient's size per
    step so that clipping is active on some steps and not on others.
    """
    torch_dtype = DTYPES[dtype]
    names = [n for _, tensor_names in groups for n in tensor_names]
    shapes = dict(TENSOR_SHAPES)
    initial = {n: draws.normals(numel(shapes[n])) for n in names}
    gradients = []
    for step in range(steps):
        scale = gradient_scales[step % len(gradient_scales)] if gradient_scales else 1.0
        gradient = {}
        for n in names:
            values = draws.normals(numel(shapes[n]), scale)
            if gradient_grid:
                values = [round(v * gradient_grid) / gradient_grid for v in values]
            gradient[n] = values
        gradients.append(gradient)

    tensors = {n: torch.tensor(initial[n], dtype=torch_dtype).reshape(shapes[n]).requires_grad_() for n in names}
    optimizer = torch.optim.RMSprop(
        [dict(params=[tensors[n] for n in tensor_names], **options) for options, tensor_names in groups],
        foreach=False)
    lr_scheduler = None
    if scheduler is not None:
        kind, arguments = scheduler
        lr_scheduler = getattr(torch.optim.lr_scheduler, kind)(optimizer, **arguments)

    trajectory, learning_rates, momentums, total_norms = [], [], [], []
    for gradient in gradients:
        for n in names:
            tensors[n].grad = torch.tensor(gradient[n], dtype=torch_dtype).reshape(shapes[n])
        if clip is not None:
            total_norms.append(
                torch.nn.utils.clip_grad_norm_([tensors[n] for n in names], clip).item())
        learning_rates.append([group["lr"] for group in optimizer.param_groups])
        momentums.append([group["momentum"] for group in optimizer.param_groups])
        optimizer.step()
        if lr_scheduler is not None:
            lr_scheduler.step()
        trajectory.append({n: tensors[n].detach().flatten().tolist() for n in names})

    case = {
        "name": name,
        "dtype": dtype,
        "groups": [{"options": options, "tensors": tensor_names} for options, tensor_names in groups],
        "tensors": [{"name": n, "shape": shapes[n], "initial": torch.tensor(initial[n], dtype=torch_dtype).tolist()}
                    for n in names],
        "gradients": [{n: torch.tensor(g[n], dtype=torch_dtype).tolist() for n in names} for g in gradients],
    }
    if clip is not None:
        case["clip_grad_norm"] = {"max_norm": clip}
        case["total_norms"] = total_norms
    if scheduler is not None:
        case["scheduler"] = dict(kind=scheduler[0], **scheduler[1])
    case["learning_rates"] = learning_rates
    if scheduler is not None and scheduler[0] == "OneCycleLR" and scheduler[1].get("cycle_momentum", True):
        case["momentums"] = momentums
    case["trajectory"] = trajectory
    case["final_state"] = {n: final_state(optimizer, tensors[n]) for n in names}
    return case


def training_cases():
    draws = Draws(1)
    two_groups = [
        ({"lr": 0.02, "weight_decay": 0.01, "momentum": 0.9}, ["weight"]),
        ({"lr": 0.05, "alpha": 0.9, "centered": True}, ["bias", "scale"]),
    ]
    cases = []
    for dtype in ("double", "float"):
        cases.append(training_case(draws, f"parameter_groups_{dtype}", dtype, two_groups))
    for dtype, grid in (("double", None), ("float", 16)):
        cases.append(training_case(
            draws, f"clip_grad_norm_{dtype}", dtype,
            [({"lr": 0.01, "momentum": 0.5}, ["weight", "bias", "scale"])],
            clip=2.0, gradient_grid=grid, gradient_scales=[1.0, 0.2, 3.0, 0.5, 1.5]))
    schedulers = [
        ("exponential_lr", ("ExponentialLR", {"gamma": 0.9})),
        ("step_lr", ("StepLR", {"step_size": 7, "gamma": 0.3})),
        # T_max below the step count: the rate reaches eta_min at step 10 and rises again, through the
        # scheduler's restart branch.
        ("cosine_annealing_lr", ("CosineAnnealingLR", {"T_max": 10, "eta_min": 0.001})),
    ]
    for name, scheduler in schedulers:
        for dtype in ("double", "float"):
            cases.append(training_case(draws, f"{name}_{dtype}", dtype, two_groups, scheduler=scheduler))
    cases.append(training_case(
        draws, "groups_clip_cosine_double", "double", two_groups,
        scheduler=("CosineAnnealingLR", {"T_max": 12, "eta_min": 1e-4}), clip=1.5, gradient_scales=[1.0, 0.3, 2.0]))
    # Appended after the cases above, so their draws (and bytes) are unchanged.
    one_cycle = [
        ("one_cycle_lr_cos", {"max_lr": 0.05, "total_steps": 30, "cycle_momentum": False}),
        # pct_start * total_steps = 7.5: the phase ends fall between steps.
        ("one_cycle_lr_linear_three_phase", {"max_lr": 0.08, "total_steps": 30, "pct_start": 0.25,
                                             "anneal_strategy": "linear", "div_factor": 10.0,
                                             "final_div_factor": 100.0, "three_phase": True,
                                             "cycle_momentum": False}),
    ]
    for name, arguments in one_cycle:
        for dtype in ("double", "float"):
            cases.append(training_case(draws, f"{name}_{dtype}", dtype, two_groups, scheduler=("OneCycleLR", arguments)))
    # PyTorch's default cycles the momentum of every group, so every group here has momentum on.
    momentum_groups = [
        ({"lr": 0.02, "weight_decay": 0.01, "momentum": 0.9}, ["weight"]),
        ({"lr": 0.05, "alpha": 0.9, "centered": True, "momentum": 0.5}, ["bias", "scale"]),
    ]
    for dtype in ("double", "float"):
        cases.append(training_case(draws, f"one_cycle_lr_cycle_momentum_{dtype}", dtype, momentum_groups,
                                   scheduler=("OneCycleLR", {"max_lr": 0.04, "total_steps": 30, "pct_start": 0.4})))
    for dtype in ("double", "float"):
        # Restarts after steps 5 and 15 (T_i = 5, 10, 20).
        cases.append(training_case(draws, f"cosine_annealing_warm_restarts_{dtype}", dtype, two_groups,
                                   scheduler=("CosineAnnealingWarmRestarts", {"T_0": 5, "T_mult": 2, "eta_min": 0.001})))
    # Float gradients off any grid, over five tensors: each tensor's norm and the norm of the five norms take every
    # path of PyTorch's float32 norm kernel (lanes, the fold, the remainder by four, the fused remainder).
    cases.append(training_case(
        draws, "clip_grad_norm_float_off_grid", "float",
        [({"lr": 0.01, "momentum": 0.5}, ["weight", "bias", "scale", "embedding", "head"])],
        clip=3.0, gradient_scales=[1.0, 0.2, 3.0, 0.5, 1.5]))
    return {
        "float32_norms": float32_norms(),
        "source": f"torch.optim.RMSprop with param_groups, torch.nn.utils.clip_grad_norm_ and "
                  f"torch.optim.lr_scheduler, PyTorch {torch.__version__.split('a')[0]}",
        "semantics": TRAINING_SEMANTICS,
        "cases": cases,
    }


def float32_norms():
    """torch.norm(x, 2.0) of float32 vectors of 1 to 40 entries (every remainder after vectors of eight, four
    times), from their own random stream: the norm clip_grad_norm_ takes of each gradient and of the norms."""
    draws = Draws(2)
    records = []
    for n in range(1, 41):
        x = torch.tensor(draws.normals(n, 10 ** draws.rng.uniform(-3, 3)), dtype=torch.float32)
        records.append({"x": x.tolist(), "norm": torch.norm(x, 2.0).item()})
    return records


def render(document):
    return json.dumps(document, indent=1)


def main():
    outputs = {
        "pytorch-rmsprop.json": render(single_tensor_cases()),
        "pytorch-training.json": render(training_cases()),
    }
    check = "--check" in sys.argv[1:]
    failed = False
    for file_name, text in outputs.items():
        path = HERE / file_name
        if check:
            same = path.exists() and path.read_text() == text
            print(f"{file_name}: {'identical' if same else 'DIFFERS'}")
            failed |= not same
        else:
            path.write_text(text)
            print(f"wrote {path}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
