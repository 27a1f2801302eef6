"""The two training losses. Embeddings are L2-normalized; logits are scaled by exp(logit_scale)."""
import torch
from torch.nn import functional as F


def scaled_logits(image_embeddings: torch.Tensor, text_embeddings: torch.Tensor,
                  logit_scale: torch.Tensor) -> torch.Tensor:
    images = F.normalize(image_embeddings, dim=-1)
    texts = F.normalize(text_embeddings, dim=-1)
    return logit_scale.exp() * images @ texts.t()


def multi_positive_infonce(image_embeddings: torch.Tensor, text_embeddings: torch.Tensor, concepts: torch.Tensor,
                           logit_scale: torch.Tensor) -> torch.Tensor:
    """Symmetric InfoNCE where every pair of the same concept is a positive (a concept's pictures and words share
    captions): each row's target is uniform over its positives; the image->text and text->image losses are averaged."""
    logits = scaled_logits(image_embeddings, text_embeddings, logit_scale)
    positives = (concepts[:, None] == concepts[None, :]).to(logits.dtype)
    image_to_text = -(positives / positives.sum(1, keepdim=True) * F.log_softmax(logits, dim=1)).sum(1).mean()
    text_to_image = -(positives / positives.sum(0, keepdim=True) * F.log_softmax(logits, dim=0)).sum(0).mean()
    return (image_to_text + text_to_image) / 2


def concept_cross_entropy(image_embeddings: torch.Tensor, concept_text_embeddings: torch.Tensor,
                          concepts: torch.Tensor, logit_scale: torch.Tensor) -> torch.Tensor:
    """Each image classified among all concepts' text embeddings (the reading warm-up)."""
    return F.cross_entropy(scaled_logits(image_embeddings, concept_text_embeddings, logit_scale), concepts)
