"""Code for docs/losses/poisson-nll-loss.md (being written)."""


def poisson_nll_loss(*args, **kwargs):
    raise NotImplementedError
