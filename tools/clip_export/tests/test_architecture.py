"""The model definitions match OpenAI's CLIP: parameter counts, key names, config inference,
and attention equal to torch's own multi-head attention on the same weights."""

import pytest
import torch
from torch import nn
from torch.nn import functional as F

from clip_export.clip_model import ClipModel
from clip_export.config import KNOWN_ARCHITECTURES, architecture_name, infer_config
from clip_export.onnx_export import random_tokens
from clip_export.random_init import random_model
from clip_export.resnet import AttentionPool2d
from clip_export.transformer import SelfAttention

# Printed by OpenAI's CLIP notebook (sum of parameter sizes of clip.load(name)).
PUBLISHED_PARAMETER_COUNTS = {"RN50": 102_007_137, "ViT-B/32": 151_277_313}


@pytest.mark.parametrize("architecture", sorted(PUBLISHED_PARAMETER_COUNTS))
def test_parameter_count_and_config_inference_match_openai(architecture):
    config = KNOWN_ARCHITECTURES[architecture]
    model = ClipModel(config)
    assert sum(p.numel() for p in model.parameters()) == PUBLISHED_PARAMETER_COUNTS[architecture]
    state_dict = model.state_dict()
    assert infer_config(state_dict) == config
    assert architecture_name(infer_config(state_dict)) == architecture


def test_state_dict_uses_openai_key_names():
    resnet = ClipModel(KNOWN_ARCHITECTURES["RN-tiny"]).state_dict()
    vit = ClipModel(KNOWN_ARCHITECTURES["ViT-tiny"]).state_dict()
    for key in ["visual.conv1.weight", "visual.bn3.running_var", "visual.layer1.0.conv1.weight",
                "visual.layer2.0.downsample.0.weight", "visual.layer2.0.downsample.1.running_mean",
                "visual.layer4.1.bn3.weight", "visual.attnpool.positional_embedding",
                "visual.attnpool.q_proj.weight", "visual.attnpool.c_proj.bias",
                "transformer.resblocks.0.attn.in_proj_weight", "transformer.resblocks.1.attn.out_proj.bias",
                "transformer.resblocks.0.mlp.c_fc.weight", "transformer.resblocks.0.ln_2.bias",
                "token_embedding.weight", "positional_embedding", "ln_final.weight", "text_projection",
                "logit_scale"]:
        assert key in resnet, key
    for key in ["visual.class_embedding", "visual.positional_embedding", "visual.proj", "visual.ln_pre.weight",
                "visual.ln_post.bias", "visual.transformer.resblocks.1.attn.in_proj_bias"]:
        assert key in vit, key
    # Non-persistent helpers must not leak into the checkpoint format.
    assert not any("attn_mask" in key or "token_positions" in key for key in list(resnet) + list(vit))


@pytest.mark.parametrize("architecture", ["RN-tiny", "ViT-tiny"])
def test_infer_config_round_trips_tiny_models(architecture):
    config = KNOWN_ARCHITECTURES[architecture]
    assert infer_config(random_model(config, 0).state_dict()) == config


def test_self_attention_equals_torch_multihead_attention_with_causal_mask():
    torch.manual_seed(0)
    width, heads, tokens = 128, 2, 7
    ours = SelfAttention(width, heads, tokens)
    nn.init.normal_(ours.in_proj_weight, std=0.1)
    nn.init.normal_(ours.in_proj_bias, std=0.1)
    reference = nn.MultiheadAttention(width, heads)
    reference.load_state_dict(ours.state_dict())  # same parameter names and layout
    mask = torch.full((tokens, tokens), float("-inf")).triu(1)
    x = torch.randn(3, tokens, width)
    with torch.no_grad():
        expected = reference(*(x.transpose(0, 1),) * 3, attn_mask=mask, need_weights=False)[0].transpose(0, 1)
        actual = ours.eval()(x, mask)
    assert torch.allclose(actual, expected, atol=1e-5)


def test_attention_pool_equals_multi_head_attention_forward_on_the_mean_token():
    torch.manual_seed(1)
    grid, channels, heads, output_dim = 3, 128, 2, 32
    pool = AttentionPool2d(grid, channels, heads, output_dim).eval()
    nn.init.normal_(pool.positional_embedding, std=0.1)
    x = torch.randn(2, channels, grid, grid)
    with torch.no_grad():
        sequence = x.flatten(2).permute(2, 0, 1)  # [HW, N, C]
        sequence = torch.cat([sequence.mean(dim=0, keepdim=True), sequence]) + pool.positional_embedding[:, None]
        expected, _ = F.multi_head_attention_forward(
            query=sequence[:1], key=sequence, value=sequence, embed_dim_to_check=channels, num_heads=heads,
            q_proj_weight=pool.q_proj.weight, k_proj_weight=pool.k_proj.weight, v_proj_weight=pool.v_proj.weight,
            in_proj_weight=None, in_proj_bias=torch.cat([pool.q_proj.bias, pool.k_proj.bias, pool.v_proj.bias]),
            bias_k=None, bias_v=None, add_zero_attn=False, dropout_p=0.0,
            out_proj_weight=pool.c_proj.weight, out_proj_bias=pool.c_proj.bias,
            use_separate_proj_weight=True, training=False, need_weights=False)
        assert torch.allclose(pool(x), expected[0], atol=1e-5)


def test_text_features_are_read_at_the_end_of_text_token():
    model = random_model(KNOWN_ARCHITECTURES["ViT-tiny"], 0)
    tokens = random_tokens(4, 77, torch.Generator().manual_seed(5))
    with torch.no_grad():
        states = model.ln_final(model.transformer(model.token_embedding(tokens) + model.positional_embedding))
        expected = states[torch.arange(4), tokens.argmax(dim=-1)] @ model.text_projection
        assert torch.allclose(model.encode_text(tokens), expected, atol=1e-6)
