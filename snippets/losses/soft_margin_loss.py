"""Code for docs/losses/soft-margin-loss.md (being written)."""


def soft_margin_loss(*args, **kwargs):
    raise NotImplementedError
