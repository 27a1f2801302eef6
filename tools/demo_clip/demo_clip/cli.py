"""tools/demo_clip/train.py [options]: trains the demo CLIP, writes its model folder and exports both baselines."""
import argparse
import hashlib
import json
import os
import shlex
import shutil
import sys
import time
from dataclasses import asdict

import torch

from .blas import describe_blas

from . import paths
from .captions import TEMPLATES, caption_tokens
from .datasets import HELD_OUT_PICTURE_STYLE, HELD_OUT_WORD_STYLES, load_image_set, read_lines
from .export import export_model
from .imagenet_resnet18 import DEFAULT_ONNX
from .model import CONFIG, build_model
from .report import write_report
from .training import TrainConfig, Trainer
from reference_tokenizer import ReferenceTokenizer

PROMPTS_FILE = "prompts.txt"
CONCEPTS_FILE = "concepts.txt"
UNSEEN_FILE = "unseen-words.txt"
LICENCE = ("MIT for the ImageNet ResNet18 starting weights (NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18); "
           "trained on the emoji dataset (Noto OFL-1.1, Twemoji CC-BY-4.0, OpenMoji CC-BY-SA-4.0: "
           "data/datasets/emoji/LICENSES.md) and words rendered in free fonts")
BASELINES = {
    "random-init": ("random", "the demo CLIP's architecture at random init (seed {seed}): a findings baseline"),
    "imagenet-random-pool": ("imagenet", "the ImageNet ResNet18 backbone with a random attention pool and text tower "
                                         "(seed {seed}): the training's starting point, a findings baseline"),
}


def parse_args(argv):
    train = argparse.ArgumentParser(prog="tools/demo_clip/train.py", description=__doc__)
    defaults = TrainConfig()
    train.add_argument("--minutes", type=float, default=defaults.minutes, help="time budget of the training steps")
    train.add_argument("--steps", type=int, default=None, help="stop after this many steps (tests; default: time)")
    train.add_argument("--phase-a-fraction", type=float, default=defaults.phase_a_fraction)
    train.add_argument("--warmup-steps", type=int, default=defaults.warmup_steps)
    train.add_argument("--seed", type=int, default=defaults.seed)
    train.add_argument("--threads", type=int, default=defaults.threads)
    train.add_argument("--concepts", default=os.path.join(paths.MODEL_DIR, CONCEPTS_FILE))
    train.add_argument("--unseen", default=os.path.join(paths.MODEL_DIR, UNSEEN_FILE),
                       help="concepts whose words are never trained (one label a line)")
    train.add_argument("--pictures", default=paths.EMOJI_DATASET, help="picture dataset folder (emoji format)")
    train.add_argument("--words", default=paths.TRAIN_WORDS, help="training word dataset folder (emoji format + text)")
    train.add_argument("--resnet-onnx", default=DEFAULT_ONNX)
    train.add_argument("--backbone", choices=["imagenet", "random"], default="imagenet")
    train.add_argument("--out", default=paths.MODEL_DIR, help="the model folder to write")
    train.add_argument("--cache", default=paths.CACHE_DIR, help="checkpoint, weights and baselines go here")
    train.add_argument("--resume", action="store_true", help="continue from the checkpoint in --cache")
    train.add_argument("--stop-after", type=int, default=None,
                       help="end this session after N steps with a checkpoint (continue with --resume)")
    train.add_argument("--no-baselines", action="store_true", help="skip exporting the two baselines")
    train.add_argument("--batch-scale", type=float, default=1.0, help="multiplies every batch size (tests)")
    return train.parse_args(argv)


def _train_config(args) -> TrainConfig:
    d = TrainConfig()
    scaled = lambda n: max(2, int(round(n * args.batch_scale)))  # noqa: E731
    return TrainConfig(minutes=args.minutes, max_steps=args.steps, phase_a_fraction=args.phase_a_fraction,
                       phase_a_words=scaled(d.phase_a_words), phase_a_pictures=scaled(d.phase_a_pictures),
                       phase_b_pictures=scaled(d.phase_b_pictures), phase_b_words=scaled(d.phase_b_words),
                       warmup_steps=args.warmup_steps, seed=args.seed, threads=args.threads)


def _write_side_files(out_dir: str, concepts_path: str, unseen_path: str) -> None:
    with open(os.path.join(out_dir, PROMPTS_FILE), "w", encoding="utf-8") as stream:
        stream.write("\n".join(TEMPLATES) + "\n")
    for source, name in ((concepts_path, CONCEPTS_FILE), (unseen_path, UNSEEN_FILE)):
        target = os.path.join(out_dir, name)
        if os.path.abspath(source) != os.path.abspath(target):
            shutil.copyfile(source, target)


def train(args) -> dict:
    torch.set_num_threads(args.threads)
    print(describe_blas(), flush=True)
    torch.manual_seed(args.seed)
    for path, what in ((args.concepts, "concept list"), (args.unseen, "unseen-words list")):
        if not os.path.isfile(path):
            raise SystemExit(f"error: no {what} at {path}")
    for folder, what in ((args.pictures, "picture dataset"), (args.words, "training word dataset")):
        if not os.path.isfile(os.path.join(folder, "labels.csv")):
            raise SystemExit(f"error: no {what} at {folder} (the training words are rebuilt with "
                             "`dotnet run --project tools/NeuronAtlas.DatasetBuilder -- words`)")
    concepts, unseen = read_lines(args.concepts), read_lines(args.unseen)
    unknown = sorted(set(unseen) - set(concepts))
    if unknown:
        raise SystemExit(f"error: {len(unknown)} unseen words are not concepts, e.g. {unknown[:3]}")
    loading = time.perf_counter()
    pictures = load_image_set(args.pictures, concepts, CONFIG.image_resolution,
                              exclude_styles=[HELD_OUT_PICTURE_STYLE])
    words = load_image_set(args.words, concepts, CONFIG.image_resolution, exclude_styles=HELD_OUT_WORD_STYLES,
                           exclude_concepts=unseen)
    tokenizer = ReferenceTokenizer(paths.VOCABULARY)
    captions = caption_tokens(tokenizer, concepts, CONFIG.context_length)
    print(f"data: {len(concepts)} concepts ({len(unseen)} with unseen words), {len(pictures)} pictures, "
          f"{len(words)} words, loaded in {time.perf_counter() - loading:.0f} s", flush=True)

    config = _train_config(args)
    os.makedirs(args.cache, exist_ok=True)
    checkpoint = os.path.join(args.cache, "checkpoint.pt")
    model = build_model(args.seed, args.backbone, args.resnet_onnx)
    trainer = Trainer(model, pictures, words, captions, config, checkpoint_path=checkpoint)
    if args.resume:
        if not os.path.isfile(checkpoint):
            raise SystemExit(f"error: --resume, but there is no checkpoint at {checkpoint}")
        trainer.load_checkpoint(checkpoint)
        print(f"resumed at step {trainer.state.step}, {trainer.state.elapsed / 60:.1f} min done", flush=True)
    state = trainer.train(stop_after=args.stop_after)
    if not trainer.done():
        print(f"stopped at step {state.step} ({state.elapsed / 60:.1f} min); continue with --resume", flush=True)
        return {"steps": state.step, "samples": state.samples, "minutes": round(state.elapsed / 60, 2)}
    torch.save(model.state_dict(), os.path.join(args.cache, "weights.pt"))

    description = (f"A small CLIP trained by tools/demo_clip on emoji pictures (noto, twemoji, openmoji-color; "
                   f"openmoji-line held out) and rendered words of {len(concepts)} concepts: the ImageNet ResNet18 "
                   f"(96 px) with an attention pool, and a 2-layer text transformer with CLIP's BPE tokenizer.")
    export = export_model(model, args.out, model_id="demo-clip", display_name="Demo CLIP (trained here)",
                          description=description, licence=LICENCE, source="tools/demo_clip", seed=args.seed)
    _write_side_files(args.out, args.concepts, args.unseen)
    digest = hashlib.sha256("\n".join(concepts + ["--"] + unseen).encode("utf-8"))
    digest.update(pictures.digest.encode()); digest.update(words.digest.encode())
    data = {"concepts": len(concepts), "unseenWords": len(unseen), "pictures": len(pictures), "words": len(words),
            "pictureStyles": sorted(set(pictures.styles)), "wordStyles": len(set(words.styles)),
            "picturesFolder": os.path.relpath(args.pictures, paths.REPOSITORY_ROOT),
            "wordsFolder": os.path.relpath(args.words, paths.REPOSITORY_ROOT), "sha256": digest.hexdigest()}
    command = "tools/demo_clip/train.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    write_report(args.out, config={**asdict(config), "model": CONFIG.to_json(), "backbone": args.backbone,
                                   "torch": torch.__version__},
                 data=data, history=state.history, wall_seconds=state.elapsed, steps=state.step,
                 samples=state.samples, export=export, command=command)
    if not args.no_baselines:
        for name, (backbone, what) in BASELINES.items():
            folder = os.path.join(args.cache, "baselines", name)
            export_model(build_model(args.seed, backbone, args.resnet_onnx), folder, model_id=f"demo-clip-{name}",
                         display_name=f"Demo CLIP baseline: {name}", description=what.format(seed=args.seed),
                         licence=LICENCE, source=f"tools/demo_clip baseline {name}", seed=args.seed)
            _write_side_files(folder, args.concepts, args.unseen)
    summary = {"steps": state.step, "samples": state.samples, "minutes": round(state.elapsed / 60, 2),
               "firstLoss": state.history[0]["loss"] if state.history else None,
               "lastLoss": state.history[-1]["loss"] if state.history else None, "files": export["files"]}
    print(json.dumps(summary), flush=True)
    return summary


def main(argv=None) -> int:
    train(parse_args(sys.argv[1:] if argv is None else argv))
    return 0
