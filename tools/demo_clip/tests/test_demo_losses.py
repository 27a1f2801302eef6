"""The multi-positive InfoNCE and the warm-up cross-entropy against cases computed by hand."""
import math

import torch

from demo_clip.losses import concept_cross_entropy, multi_positive_infonce


def _log_softmax(row):
    total = math.log(sum(math.exp(v) for v in row))
    return [v - total for v in row]


def test_multi_positive_infonce_matches_a_hand_computed_case():
    # Unit vectors, so the logits are scale * dot products; items 0 and 1 share concept 7, item 2 is concept 3.
    images = torch.tensor([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]])
    texts = torch.tensor([[1.0, 0.0], [0.0, 1.0], [0.8, 0.6]])
    concepts = torch.tensor([7, 7, 3])
    scale = 2.0
    logits = [[scale * sum(a * b for a, b in zip(i, t)) for t in texts.tolist()] for i in images.tolist()]
    positives = [[c == d for d in concepts.tolist()] for c in concepts.tolist()]
    image_to_text = 0.0
    for r in range(3):
        logp = _log_softmax(logits[r])
        chosen = [logp[j] for j in range(3) if positives[r][j]]
        image_to_text -= sum(chosen) / len(chosen)
    text_to_image = 0.0
    for j in range(3):
        logp = _log_softmax([logits[r][j] for r in range(3)])
        chosen = [logp[r] for r in range(3) if positives[r][j]]
        text_to_image -= sum(chosen) / len(chosen)
    expected = (image_to_text / 3 + text_to_image / 3) / 2
    actual = multi_positive_infonce(images * 3, texts * 0.5, concepts, torch.tensor(math.log(scale)))
    assert abs(float(actual) - expected) < 1e-6


def test_with_distinct_concepts_it_is_clips_plain_symmetric_infonce():
    generator = torch.Generator().manual_seed(0)
    images, texts = torch.randn(5, 8, generator=generator), torch.randn(5, 8, generator=generator)
    logits = 3.0 * torch.nn.functional.normalize(images, dim=1) @ torch.nn.functional.normalize(texts, dim=1).t()
    labels = torch.arange(5)
    plain = (torch.nn.functional.cross_entropy(logits, labels) + torch.nn.functional.cross_entropy(logits.t(), labels)) / 2
    actual = multi_positive_infonce(images, texts, torch.arange(5) * 10, torch.tensor(math.log(3.0)))
    assert abs(float(actual) - float(plain)) < 1e-6


def test_concept_cross_entropy_is_the_softmax_over_all_concepts():
    images = torch.tensor([[1.0, 0.0]])
    concept_texts = torch.tensor([[1.0, 0.0], [0.0, 2.0], [-3.0, 0.0]])
    # cosines 1, 0, -1; scale 4; the image is concept 1
    logp = _log_softmax([4.0, 0.0, -4.0])
    actual = concept_cross_entropy(images, concept_texts, torch.tensor([1]), torch.tensor(math.log(4.0)))
    assert abs(float(actual) + logp[1]) < 1e-6
