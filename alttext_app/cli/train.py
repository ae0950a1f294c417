"""`alttext train DATA --base MODEL_OR_ARCH --output DIR [--name NAME]`: teach a captioner your own
image–caption pairs (docs/training.md). Several GPUs: `accelerate launch -m alttext_app.cli.main train ...`.
"""

from __future__ import annotations

import argparse
import sys


class BarReporter:
    """tqdm bar per epoch with the running loss and time left; one line per epoch's scores."""

    def __init__(self) -> None:
        self.bar = None

    def epoch_start(self, epoch: int, epochs: int, steps: int) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=steps, desc=f"epoch {epoch}/{epochs}", unit="batch", file=sys.stderr,
                        dynamic_ncols=True, disable=not sys.stderr.isatty())
        self.loss = None

    def step(self, loss: float) -> None:
        if loss == loss:  # not NaN (NaN marks batches skipped on resume)
            self.loss = loss if self.loss is None else 0.9 * self.loss + 0.1 * loss
            self.bar.set_postfix(loss=f"{self.loss:.3f}", refresh=False)
        self.bar.update(1)

    def epoch_end(self, record: dict) -> None:
        if self.bar is not None:
            self.bar.close()
        g = record["greedy"]
        print(f"epoch {record['epoch']}: train loss {record['train_loss']:.4f}, val loss "
              f"{record['val_loss']:.4f}, val exact {g['exact_match']:.1%}, BLEU-4 {g['bleu4']:.3f}, "
              f"CIDEr-D {g['cider_d']:.2f}{' (best)' if record.get('best') else ''} "
              f"[{record['seconds']:.0f} s]", file=sys.stderr, flush=True)

    def note(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "train", help="train or fine-tune a captioner on your image–caption pairs",
        description="Train a captioner on your own image–caption pairs: a folder with captions.jsonl "
        "or captions.csv, or a COCO captions JSON. The best model is saved in OUTPUT/best and, with "
        "--name, installed in AltText's models (choose it by name; “auto” never picks it).")
    p.add_argument("data", metavar="DATA", help="folder with captions.jsonl/.csv, or a captions file")
    p.add_argument("--base", default="cnn-gpt2", help="cnn-gpt2 (new CNN + GPT-2 model, the default) "
                   "or an installed ViT-GPT2/distilvit, BLIP or GIT model (name or folder)")
    p.add_argument("--output", "-o", required=True, metavar="DIR", help="folder for checkpoints, metrics, model")
    p.add_argument("--name", help="install the best model in AltText's models under this name")
    p.add_argument("--resume", action="store_true", help="continue from the newest checkpoint in DIR")
    p.add_argument("--epochs", type=int, default=10, help="most passes over the training pairs")
    p.add_argument("--batch-size", type=int, default=32, help="pairs per batch (per GPU)")
    p.add_argument("--grad-accum", type=int, default=1, help="batches per optimiser step")
    p.add_argument("--lr", type=float, help="peak learning rate (5e-4 for cnn-gpt2, 5e-5 fine-tuning)")
    p.add_argument("--warmup", type=float, default=0.05, help="share of steps spent warming up")
    p.add_argument("--patience", type=int, default=3, help="epochs without better validation loss before stopping")
    p.add_argument("--seed", type=int, default=0, help="seed for the split, initialisation and order")
    p.add_argument("--val-fraction", type=float, default=0.1, help="validation share when DATA names no validation split")
    p.add_argument("--precision", choices=["auto", "no", "fp16", "bf16"], default="auto",
                   help="mixed precision (auto: bf16/fp16 on GPU, none on CPU)")
    p.add_argument("--beams", type=int, default=3, help="beam width for the final evaluation")
    p.add_argument("--eval-images", type=int, default=300, help="validation images captioned each epoch")
    p.add_argument("--max-tokens", type=int, default=40, help="longest caption, in tokens")
    p.add_argument("--time-limit", type=float, help="minutes; stop after the epoch that passes it")
    p.add_argument("--threads", type=int, help="CPU threads for PyTorch")
    enc = p.add_argument_group("cnn-gpt2 (founding design)")
    enc.add_argument("--backbone", default="efficientnet-lite0",
                     help="efficientnet-lite0 (ships with AltText) or a Hugging Face vision model folder")
    enc.add_argument("--decoder", default="scratch", help="scratch, or an installed GPT-2/distilgpt2 folder")
    enc.add_argument("--hidden", type=int, default=256, help="width of a from-scratch decoder")
    enc.add_argument("--layers", type=int, default=3, help="layers of a from-scratch decoder")
    enc.add_argument("--heads", type=int, default=4, help="attention heads of a from-scratch decoder")
    frozen = p.add_mutually_exclusive_group()
    frozen.add_argument("--freeze-encoder", dest="freeze", action="store_true", default=None,
                        help="keep the image encoder's weights (default for cnn-gpt2)")
    frozen.add_argument("--train-encoder", dest="freeze", action="store_false",
                        help="train the image encoder too (default when fine-tuning)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from alttext_app.core.session import default_session
    from alttext_app.core.training.api import TrainRequest

    request = TrainRequest(
        data=args.data, base=args.base, output=args.output, name=args.name, resume=args.resume,
        val_fraction=args.val_fraction, beams=args.beams, freeze_encoder=args.freeze, threads=args.threads,
        founding={"backbone": args.backbone, "decoder": args.decoder, "hidden": args.hidden,
                  "layers": args.layers, "heads": args.heads, "max_tokens": args.max_tokens},
        loop={k: v for k, v in {
            "epochs": args.epochs, "batch_size": args.batch_size, "grad_accum": args.grad_accum,
            "lr": args.lr, "warmup": args.warmup, "patience": args.patience, "seed": args.seed,
            "mixed_precision": args.precision, "eval_images": args.eval_images,
            "max_tokens": args.max_tokens, "time_limit": args.time_limit and args.time_limit * 60,
        }.items() if v is not None},
    )
    metrics = default_session().train_model(request, BarReporter())
    if metrics:
        print(f"Model: {metrics['model_dir']}" + (f" (installed as “{metrics['installed_as']}”)"
              if metrics.get("installed_as") else ""))
        print(f"Report: {args.output}/report.md")
    return 0
