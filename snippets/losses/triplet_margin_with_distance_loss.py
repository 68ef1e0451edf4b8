"""Code for docs/losses/triplet-margin-with-distance-loss.md (being written)."""


def triplet_margin_with_distance_loss(*args, **kwargs):
    raise NotImplementedError
