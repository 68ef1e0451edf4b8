"""Code for docs/losses/bce-with-logits-loss.md (being written)."""


def binary_cross_entropy_with_logits(*args, **kwargs):
    raise NotImplementedError
