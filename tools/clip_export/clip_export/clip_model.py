"""The whole CLIP model: image tower under `visual.`, text tower at the top level (OpenAI's layout)."""

from typing import Optional

import torch
from torch import nn

from .config import ClipConfig
from .resnet import ModifiedResNet
from .transformer import Transformer
from .vision_transformer import VisionTransformer


class ClipModel(nn.Module):
    """`visual`, when given, replaces the image tower the config describes (e.g. tools/demo_clip's
    ImageNet ResNet18 with an attention pool); it must offer forward and forward_with_layers."""

    def __init__(self, config: ClipConfig, visual: Optional[nn.Module] = None):
        super().__init__()
        self.config = config
        if visual is not None:
            self.visual = visual
        elif config.is_resnet:
            self.visual = ModifiedResNet(config.vision_layers, config.vision_width, config.embed_dim,
                                         config.vision_heads, config.image_resolution)
        else:
            self.visual = VisionTransformer(config.image_resolution, config.vision_patch_size,
                                            config.vision_width, config.vision_layers[0],
                                            config.vision_heads, config.embed_dim, config.activation)

        width = config.transformer_width
        self.token_embedding = nn.Embedding(config.vocab_size, width)
        self.positional_embedding = nn.Parameter(torch.empty(config.context_length, width))
        self.transformer = Transformer(width, config.transformer_layers, config.transformer_heads,
                                       config.context_length, config.activation, causal=True)
        self.ln_final = nn.LayerNorm(width)
        self.text_projection = nn.Parameter(torch.empty(width, config.embed_dim))
        self.logit_scale = nn.Parameter(torch.empty(()))
        self.register_buffer("token_positions", torch.arange(config.context_length), persistent=False)

    def encode_image(self, image: torch.Tensor) -> torch.Tensor:
        return self.visual(image)

    def encode_text(self, tokens: torch.Tensor) -> torch.Tensor:
        """Embeds [N, context] token ids; the features are read at the end-of-text token."""
        x = self.token_embedding(tokens) + self.positional_embedding
        x = self.ln_final(self.transformer(x))
        # The end-of-text id (49407) is the largest id, so argmax finds it. ONNX Runtime's
        # ArgMax rejects int64, hence the int32 cast.
        end_of_text = tokens.to(torch.int32).argmax(dim=-1)
        # A one-hot row selects the end-of-text token by a matrix product, which keeps the
        # batch dimension dynamic without index arithmetic in the exported graph.
        selector = (end_of_text.unsqueeze(-1) == self.token_positions).to(x.dtype).unsqueeze(1)
        pooled = torch.matmul(selector, x).reshape(-1, self.config.transformer_width)
        return torch.matmul(pooled, self.text_projection)

    def forward(self, image: torch.Tensor, tokens: torch.Tensor):
        return self.encode_image(image), self.encode_text(tokens)
