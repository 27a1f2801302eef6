"""Trains the demo CLIP: the shipped ImageNet ResNet18 with an attention pool, and a small text transformer."""
