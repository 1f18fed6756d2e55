"""How worth checking a claim is, read by a fine-tuned sentence encoder: all-MiniLM-L6-v2 with one linear layer,
trained on ClaimBuster by `scripts/train_claims_encoder.py`, shipped as an int8 ONNX graph and run with ONNX
Runtime on the CPU (the word pieces by Hugging Face `tokenizers`, from the base model's `tokenizer.json`).

Shape: `EncoderModel.score(texts)` takes the claimed words of each candidate (one string each) and returns one
probability in [0, 1] per text, in the given order. Only claim candidates are scored (quotes and the article's
sentences that pass the claim finder's filters), in batches of like length; one thread, so parallel parse
processes do not fight over cores. Files (`newsledger/models/`): `checkworthiness-encoder.onnx`,
`checkworthiness-tokenizer.json`, `checkworthiness-encoder.json` (threshold and how it was trained); when any is
missing, or onnxruntime cannot load, `default_encoder()` is None and the word model (`checkworthy.py`) is used.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

ENCODER_FILE = "checkworthiness-encoder.onnx"
TOKENIZER_FILE = "checkworthiness-tokenizer.json"
META_FILE = "checkworthiness-encoder.json"
BATCH = 32


@dataclass(frozen=True, slots=True)
class EncoderModel:
    session: Any  # onnxruntime.InferenceSession
    tokenizer: Any  # tokenizers.Tokenizer, truncating at max_length and padding each batch
    threshold: float  # probability at or above which a sentence is check-worthy (best F1 on the training dev part)

    def score(self, texts: list[str]) -> list[float]:
        """One probability per text, in order; an empty text scores 0."""
        import numpy as np

        out = [0.0] * len(texts)
        order = sorted((i for i, t in enumerate(texts) if t.strip()), key=lambda i: len(texts[i]))
        for k in range(0, len(order), BATCH):
            part = order[k:k + BATCH]
            enc = self.tokenizer.encode_batch([texts[i] for i in part])
            ids = np.asarray([e.ids for e in enc], dtype=np.int64)
            mask = np.asarray([e.attention_mask for e in enc], dtype=np.int64)
            probs = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            for i, p in zip(part, probs, strict=True):
                out[i] = float(p)
        return out


def load_encoder(onnx_path: str, tokenizer_path: str, meta: dict[str, Any]) -> EncoderModel:
    """The encoder from its three files. Raises ImportError (no onnxruntime/tokenizers) or onnxruntime's errors
    for a damaged file."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(onnx_path, sess_options=options, providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(tokenizer_path)
    tokenizer.enable_truncation(int(meta.get("max_length", 64)))
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return EncoderModel(session, tokenizer, float(meta["threshold"]))


@functools.cache
def default_encoder() -> EncoderModel | None:
    """The shipped encoder, loaded once per process; None when its files or libraries are missing."""
    folder = resources.files("newsledger").joinpath("models")
    files = [folder.joinpath(name) for name in (ENCODER_FILE, TOKENIZER_FILE, META_FILE)]
    if not all(f.is_file() for f in files):
        return None
    try:
        meta = json.loads(files[2].read_text(encoding="utf-8"))
        with resources.as_file(files[0]) as onnx_path, resources.as_file(files[1]) as tok_path:
            return load_encoder(str(onnx_path), str(tok_path), meta)
    except ImportError:
        return None
