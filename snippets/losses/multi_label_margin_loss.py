"""Code for docs/losses/multi-label-margin-loss.md (being written)."""


def multilabel_margin_loss(*args, **kwargs):
    raise NotImplementedError
