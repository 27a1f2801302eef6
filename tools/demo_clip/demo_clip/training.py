"""The training loop: a reading warm-up (phase A), then multi-positive InfoNCE (phase B), over a time budget.

The learning rate warms up for `warmup_steps`, then follows a cosine over the budget's progress (elapsed time over
`minutes`, or steps over `max_steps` when that is set, whichever is further). Phase A lasts `phase_a_fraction` of the
progress. A checkpoint (weights, optimizer, generator, step, elapsed time, loss history) is saved every
`checkpoint_seconds` and at the end; `resume` continues from it.
"""
import math
import os
import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional

import torch

from .augment import augment, model_input
from .datasets import ImageSet
from .losses import concept_cross_entropy, multi_positive_infonce
from clip_export.clip_model import ClipModel

MAX_LOGIT_SCALE = math.log(100)  # CLIP's clamp


@dataclass
class TrainConfig:
    minutes: float = 40.0
    max_steps: Optional[int] = None
    phase_a_fraction: float = 8 / 35
    phase_a_words: int = 109
    phase_a_pictures: int = 19
    phase_b_pictures: int = 64
    phase_b_words: int = 64
    lr_new: float = 1.5e-3
    lr_backbone: float = 4e-4
    weight_decay_new: float = 0.1
    weight_decay_backbone: float = 0.01
    warmup_steps: int = 20
    picture_grey_share: float = 0.2
    seed: int = 0
    threads: int = 2
    checkpoint_seconds: float = 300.0
    progress_every: int = 10


@dataclass
class TrainState:
    step: int = 0
    elapsed: float = 0.0
    samples: int = 0
    history: List[Dict[str, float]] = field(default_factory=list)  # {step, phase, loss, elapsed, logitScale}


def parameter_groups(model: ClipModel, config: TrainConfig):
    """The trained backbone (layer2-4) at the low rate; the new parts (pool, text tower, logit scale) at the high one."""
    backbone = [p for name, p in model.named_parameters()
                if name.startswith("visual.layer") and not name.startswith("visual.attnpool") and p.requires_grad]
    backbone_ids = {id(p) for p in backbone}
    new = [p for p in model.parameters() if p.requires_grad and id(p) not in backbone_ids]
    return [{"params": backbone, "lr": config.lr_backbone, "weight_decay": config.weight_decay_backbone,
             "base_lr": config.lr_backbone},
            {"params": new, "lr": config.lr_new, "weight_decay": config.weight_decay_new, "base_lr": config.lr_new}]


class Trainer:
    def __init__(self, model: ClipModel, pictures: ImageSet, words: ImageSet, captions: torch.Tensor,
                 config: TrainConfig, checkpoint_path: Optional[str] = None, log=sys.stdout):
        self.model, self.pictures, self.words, self.captions = model, pictures, words, captions
        self.config, self.checkpoint_path, self.log = config, checkpoint_path, log
        self.optimizer = torch.optim.AdamW(parameter_groups(model, config), betas=(0.9, 0.98), eps=1e-6)
        self.generator = torch.Generator().manual_seed(config.seed)
        self.state = TrainState()

    # --- schedule -------------------------------------------------------------------------------------------
    def progress(self) -> float:
        by_time = self.state.elapsed / (self.config.minutes * 60) if self.config.minutes > 0 else 0.0
        by_steps = self.state.step / self.config.max_steps if self.config.max_steps else 0.0
        return min(1.0, max(by_time, by_steps))

    def phase(self) -> str:
        return "A" if self.progress() < self.config.phase_a_fraction else "B"

    def learning_rate_factor(self) -> float:
        warmup = min(1.0, (self.state.step + 1) / max(1, self.config.warmup_steps))
        return warmup * 0.5 * (1 + math.cos(math.pi * self.progress()))

    # --- batches --------------------------------------------------------------------------------------------
    def _sample(self, images: ImageSet, count: int, grey_share: float):
        index = torch.randint(len(images), (count,), generator=self.generator)
        pixels = augment(images.images[index], self.generator, grey_share)
        return model_input(pixels), images.concepts[index]

    def _random_captions(self, concepts: torch.Tensor) -> torch.Tensor:
        templates = torch.randint(self.captions.shape[1], (concepts.shape[0],), generator=self.generator)
        return self.captions[concepts, templates]

    def _loss(self, phase: str):
        c = self.config
        if phase == "A":
            words, word_concepts = self._sample(self.words, c.phase_a_words, 0.0)
            pictures, picture_concepts = self._sample(self.pictures, c.phase_a_pictures, c.picture_grey_share)
            images, concepts = torch.cat([words, pictures]), torch.cat([word_concepts, picture_concepts])
            every_concept = torch.arange(self.captions.shape[0])
            texts = self.model.encode_text(self._random_captions(every_concept))
            return concept_cross_entropy(self.model.encode_image(images), texts, concepts, self.model.logit_scale), \
                images.shape[0]
        pictures, picture_concepts = self._sample(self.pictures, c.phase_b_pictures, c.picture_grey_share)
        words, word_concepts = self._sample(self.words, c.phase_b_words, 0.0)
        images, concepts = torch.cat([pictures, words]), torch.cat([picture_concepts, word_concepts])
        texts = self.model.encode_text(self._random_captions(concepts))
        return multi_positive_infonce(self.model.encode_image(images), texts, concepts, self.model.logit_scale), \
            images.shape[0]

    # --- loop -----------------------------------------------------------------------------------------------
    def done(self) -> bool:
        return self.progress() >= 1.0

    def train(self, stop_after: Optional[int] = None) -> TrainState:
        """Trains until the budget is spent, or for `stop_after` more steps (then `done()` stays False).
        Ctrl-C saves a checkpoint before it propagates."""
        self.model.train()
        try:
            self._loop(stop_after)
        except KeyboardInterrupt:
            if self.checkpoint_path:
                self.save_checkpoint()
                print(f"interrupted: checkpoint at step {self.state.step} saved to {self.checkpoint_path}",
                      file=self.log, flush=True)
            raise
        if self.checkpoint_path:
            self.save_checkpoint()
        self.model.eval()
        return self.state

    def _loop(self, stop_after: Optional[int]) -> None:
        last_checkpoint = time.perf_counter()
        window_start, window_samples = time.perf_counter(), 0
        last_step = None if stop_after is None else self.state.step + stop_after
        while not self.done() and (last_step is None or self.state.step < last_step):
            started = time.perf_counter()
            phase = self.phase()
            factor = self.learning_rate_factor()
            for group in self.optimizer.param_groups:
                group["lr"] = group["base_lr"] * factor
            loss, count = self._loss(phase)
            self.optimizer.zero_grad(set_to_none=True)
            loss.backward()
            self.optimizer.step()
            with torch.no_grad():
                self.model.logit_scale.clamp_(0, MAX_LOGIT_SCALE)
            s = self.state
            s.step += 1
            s.samples += count
            s.elapsed += time.perf_counter() - started
            window_samples += count
            s.history.append({"step": s.step, "phase": phase, "loss": float(loss), "elapsed": round(s.elapsed, 2),
                              "logitScale": float(self.model.logit_scale.exp())})
            if s.step % self.config.progress_every == 0 or self.done():
                rate = window_samples / max(1e-9, time.perf_counter() - window_start)
                window_start, window_samples = time.perf_counter(), 0
                self._print_progress(phase, float(loss), rate)
            if self.checkpoint_path and time.perf_counter() - last_checkpoint >= self.config.checkpoint_seconds:
                self.save_checkpoint()
                last_checkpoint = time.perf_counter()

    def _print_progress(self, phase: str, loss: float, rate: float) -> None:
        s, c = self.state, self.config
        if c.max_steps:
            remaining = (c.max_steps - s.step) * s.elapsed / max(1, s.step)
        else:
            remaining = max(0.0, c.minutes * 60 - s.elapsed)
        remaining = min(remaining, max(0.0, c.minutes * 60 - s.elapsed)) if c.minutes > 0 else remaining
        print(f"phase {phase} step {s.step} loss {loss:.4f} samples/s {rate:.1f} "
              f"elapsed {_clock(s.elapsed)} ETA {_clock(remaining)}", file=self.log, flush=True)

    # --- checkpoints ----------------------------------------------------------------------------------------
    def save_checkpoint(self) -> None:
        temporary = self.checkpoint_path + ".tmp"
        torch.save({"model": self.model.state_dict(), "optimizer": self.optimizer.state_dict(),
                    "generator": self.generator.get_state(), "state": asdict(self.state),
                    "config": asdict(self.config)}, temporary)
        os.replace(temporary, self.checkpoint_path)

    def load_checkpoint(self, path: str) -> None:
        saved = torch.load(path, map_location="cpu")
        self.model.load_state_dict(saved["model"])
        self.optimizer.load_state_dict(saved["optimizer"])
        for group in self.optimizer.param_groups:  # the base rates follow this run's config
            group["base_lr"] = self.config.lr_backbone if group is self.optimizer.param_groups[0] else self.config.lr_new
        self.generator.set_state(saved["generator"])
        self.state = TrainState(**saved["state"])


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"
