#!/usr/bin/env python3
"""Run a transformer-vm model in PyTorch, token by token (docs/pytorch.md).

usage: pytorch_run.py MODEL.safetensors PROMPT.txt [--trace] [--max-tokens N]

MODEL is a dense or compact .safetensors written by this project (docs/model-formats.md); the
`safetensors` package is used when present, otherwise the file is read by the few lines below.
PROMPT holds the prompt tokens separated by whitespace (program prefix + input for the universal
model, `start` + input for a specialized one). Prints the program's output, or with --trace every
generated token, one line, space-separated.

Vectorised: per layer, the keys and values of all heads are one growing tensor each, and one
matrix product scores every head's keys at once. Hard attention as the engines here: each head
takes the key with the largest q·k (latest: the newest among equal best; average: the mean of the
equal best, summed in insertion order, then × 1/count).
"""
import json
import math
import struct
import sys

import torch


def read_safetensors(path):
    """(tensors, metadata) without the safetensors package: 8-byte header length, JSON, raw data."""
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    meta = header.pop("__metadata__", {})
    data = raw[8 + n:]
    dtypes = {"F64": torch.float64, "I32": torch.int32}
    tensors = {}
    for name, e in header.items():
        a, b = e["data_offsets"]
        t = torch.frombuffer(bytearray(data[a:b]), dtype=dtypes[e["dtype"]]) if b > a else torch.zeros(0, dtype=dtypes[e["dtype"]])
        tensors[name] = t.reshape(e["shape"])
    return tensors, meta


def load_model(path):
    try:
        from safetensors import safe_open
        from safetensors.torch import load_file

        tensors = load_file(path)
        with safe_open(path, "pt") as f:
            meta = f.metadata()
    except ImportError:
        tensors, meta = read_safetensors(path)
    # Compact files keep mostly-zero matrices as ascending flat indices + values.
    for name, (rows, cols) in json.loads(meta.get("sparse", "{}")).items():
        dense = torch.zeros(rows * cols, dtype=torch.float64)
        dense[tensors.pop(name + ".indices").long()] = tensors.pop(name + ".values")
        tensors[name] = dense.reshape(rows, cols)
    return tensors, meta


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    trace = "--trace" in argv
    max_tokens = int(argv[argv.index("--max-tokens") + 1]) if "--max-tokens" in argv else 10_000_000
    if "--max-tokens" in argv:
        args.remove(str(max_tokens))
    if len(args) != 2:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    w, meta = load_model(args[0])
    if meta.get("format_version") != "2":
        # Version 1 files hold p² in slot 2 (the former position encoding): refused, not misread.
        sys.stderr.write(f"{args[0]}: safetensors format_version {meta.get('format_version')!r}, expected '2' "
                         "(the centred position encoding, docs/model-formats.md); rebuild the model\n")
        return 2
    vocab = json.loads(meta["vocab"])
    ids = {t: i for i, t in enumerate(vocab)}
    dims = json.loads(meta["dims"])
    D, L, H, F = dims["d_model"], dims["layers"], dims["heads"], dims["d_ffn"]
    tie = json.loads(meta["tie_break"]) or [["latest"] * H for _ in range(L)]
    latest = [torch.tensor([m == "latest" for m in layer]) for layer in tie]
    stop = int(meta["stop_token"])
    attn_in = [w[f"layers.{l}.attn.in_proj"] for l in range(L)]
    attn_out = [w[f"layers.{l}.attn.out_proj"] for l in range(L)]
    ffn_in = [w[f"layers.{l}.ffn.in_proj"] for l in range(L)]
    ffn_out = [w[f"layers.{l}.ffn.out_proj"] for l in range(L)]
    embed, unembed = w["embed"], w["unembed"]

    with open(args[1]) as f:
        tokens = [ids[t] for t in f.read().split()]
    prompt_len = len(tokens)
    cap = 1024
    keys = [torch.zeros(cap, H, 2, dtype=torch.float64) for _ in range(L)]
    vals = [torch.zeros(cap, H, 2, dtype=torch.float64) for _ in range(L)]
    inv_ln2 = 1 / math.log(2)
    center = int(meta["position_center"])  # C of the position encoding
    max_positions = 2 * center + 1  # the sequence limit: |p − C| ≤ C
    generated = []
    p = 0
    while True:
        if p == cap:
            cap *= 2
            for l in range(L):
                keys[l] = torch.cat([keys[l], torch.zeros_like(keys[l])])
                vals[l] = torch.cat([vals[l], torch.zeros_like(vals[l])])
        if p >= max_positions:
            sys.stderr.write(f"stopped at the sequence limit of {max_positions} positions\n")
            break
        x = embed[tokens[p]].clone()
        # The position encoding (docs/inference-core.md, "Sequence length"): p, inv_log_pos, (p − C)², p − C.
        x[0] += p
        x[1] += inv_ln2 - 1 / math.log(p + 2)
        x[2] += (p - center) * (p - center)
        x[3] += p - center
        n = p + 1
        for l in range(L):
            qkv = attn_in[l] @ x
            q = qkv[:D].view(H, 2)
            keys[l][p] = qkv[D:2 * D].view(H, 2)
            vals[l][p] = qkv[2 * D:].view(H, 2)
            K, Vv = keys[l][:n], vals[l][:n]
            # One product for all heads; the same two-term sum per score as the row loop q·k.
            scores = K[:, :, 0] * q[:, 0] + K[:, :, 1] * q[:, 1]  # n × H
            best = scores == scores.max(dim=0).values
            count = best.sum(dim=0)
            last = n - 1 - torch.flip(best, [0]).to(torch.int8).argmax(dim=0)
            heads = Vv[last, torch.arange(H)]  # latest: newest among equal best
            avg = (~latest[l]) & (count > 1)
            if bool(avg.any()):
                sel = torch.where((best & avg).unsqueeze(-1), Vv, torch.zeros((), dtype=torch.float64))
                # Integers whose absolute sum stays below 2^53 add up exactly in any order.
                exact = (sel == torch.round(sel)).all(dim=0).all(dim=-1) & (sel.abs().sum(dim=0).sum(dim=-1) < 2.0**52)
                totals = sel.sum(dim=0)
                for h in (avg & ~exact).nonzero().flatten().tolist():
                    total = torch.zeros(2, dtype=torch.float64)
                    for row in Vv[best[:, h], h]:  # insertion order
                        total = total + row
                    totals[h] = total
                scale = 1.0 / count.to(torch.float64)
                heads = torch.where(avg.unsqueeze(-1), totals * scale.unsqueeze(-1), heads)
            x = x + attn_out[l] @ heads.reshape(D)
            g = ffn_in[l] @ x
            x = x + ffn_out[l] @ (torch.relu(g[:F]) * g[F:])
        p += 1
        if p < len(tokens):
            continue
        nxt = int(torch.argmax(unembed @ x))  # first maximum = lowest id
        tokens.append(nxt)
        generated.append(vocab[nxt])
        t = vocab[nxt]
        if not trace and t.startswith("out("):
            c = t[4:-1]
            sys.stdout.write(c if len(c) == 1 else chr(int(c, 16)))
        if nxt == stop or len(tokens) - prompt_len >= max_tokens:
            break
    if trace:
        sys.stdout.write(" ".join(generated) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
