"""Code for docs/losses/margin-ranking-loss.md (being written)."""


def margin_ranking_loss(*args, **kwargs):
    raise NotImplementedError
