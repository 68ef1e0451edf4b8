"""Code for docs/losses/multi-margin-loss.md (being written)."""


def multi_margin_loss(*args, **kwargs):
    raise NotImplementedError
