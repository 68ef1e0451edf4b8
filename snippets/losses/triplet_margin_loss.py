"""Code for docs/losses/triplet-margin-loss.md (being written)."""


def triplet_margin_loss(*args, **kwargs):
    raise NotImplementedError
