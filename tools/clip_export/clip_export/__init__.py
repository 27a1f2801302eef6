"""Exports OpenAI-architecture CLIP checkpoints to ONNX for NeuronAtlas."""
