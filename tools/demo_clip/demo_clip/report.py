"""training-report.md and its loss curve (drawn with PIL)."""
import json
import os
from typing import Dict, List, Sequence

from PIL import Image, ImageDraw

LOSS_CURVE = "loss-curve.png"
REPORT = "training-report.md"
PHASE_COLOURS = {"A": (200, 90, 30), "B": (30, 90, 200)}


def draw_loss_curve(history: Sequence[Dict[str, float]], path: str, width: int = 640, height: int = 320) -> None:
    """Loss per step, phase A orange and phase B blue, with the step and loss ranges written on the axes."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    left, right, top, bottom = 60, width - 20, 20, height - 40
    draw.rectangle([left, top, right, bottom], outline=(0, 0, 0))
    if history:
        losses = [entry["loss"] for entry in history]
        low, high = min(losses), max(losses)
        span = high - low or 1.0
        last_step = max(entry["step"] for entry in history)

        def point(entry):
            x = left + (right - left) * (entry["step"] - 1) / max(1, last_step - 1)
            y = bottom - (bottom - top) * (entry["loss"] - low) / span
            return x, y

        for previous, entry in zip(history, history[1:]):
            draw.line([point(previous), point(entry)], fill=PHASE_COLOURS.get(entry["phase"], (0, 0, 0)), width=1)
        draw.text((4, top), f"{high:.2f}", fill=(0, 0, 0))
        draw.text((4, bottom - 10), f"{low:.2f}", fill=(0, 0, 0))
        draw.text((left, bottom + 6), "step 1", fill=(0, 0, 0))
        draw.text((right - 70, bottom + 6), f"step {last_step}", fill=(0, 0, 0))
    draw.text((left + 10, height - 18), "loss: phase A (reading warm-up) orange, phase B (InfoNCE) blue",
              fill=(0, 0, 0))
    image.save(path)


def write_report(out_dir: str, *, config: Dict[str, object], data: Dict[str, object], history: List[Dict[str, float]],
                 wall_seconds: float, steps: int, samples: int, export: Dict[str, object], command: str) -> str:
    draw_loss_curve(history, os.path.join(out_dir, LOSS_CURVE))
    by_phase = {}
    for entry in history:
        by_phase.setdefault(entry["phase"], []).append(entry)
    lines = ["# Demo CLIP: training report", "",
             f"Command: `{command}`", "",
             f"- wall time (training steps): {wall_seconds / 60:.1f} min; steps: {steps}; samples: {samples}"
             f" ({samples / max(1e-9, wall_seconds):.1f} samples/s)"]
    for phase, entries in sorted(by_phase.items()):
        head, tail = entries[: max(1, len(entries) // 20)], entries[-max(1, len(entries) // 20):]
        mean = lambda rows: sum(row["loss"] for row in rows) / len(rows)  # noqa: E731
        lines.append(f"- phase {phase}: {len(entries)} steps, loss {mean(head):.3f} (first 5 %) -> {mean(tail):.3f} "
                     f"(last 5 %)")
    if history:
        lines.append(f"- logit scale at the end: {history[-1]['logitScale']:.2f}")
    sizes = export.get("files", {})
    lines += [f"- shipped files: {sum(sizes.values()) / 1e6:.1f} MB", "",
              f"![loss curve]({LOSS_CURVE})", "", "## Data", "", "```json", json.dumps(data, indent=2), "```", "",
              "## Config", "", "```json", json.dumps(config, indent=2), "```", "",
              "## Export check (ONNX against the shipped float16 torch model)", "", "```json",
              json.dumps({part: {runtime: {name: entry["maxAbsDiff"] for name, entry in outputs.items()}
                                 for runtime, outputs in value["runtimes"].items()}
                          for part, value in export.get("verification", {}).items()}, indent=2), "```", ""]
    path = os.path.join(out_dir, REPORT)
    with open(path, "w", encoding="utf-8") as stream:
        stream.write("\n".join(lines))
    return path
