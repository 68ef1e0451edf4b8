"""Code for docs/losses/multi-label-soft-margin-loss.md (being written)."""


def multilabel_soft_margin_loss(*args, **kwargs):
    raise NotImplementedError
