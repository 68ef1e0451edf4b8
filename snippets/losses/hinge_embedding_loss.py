"""Code for docs/losses/hinge-embedding-loss.md (being written)."""


def hinge_embedding_loss(*args, **kwargs):
    raise NotImplementedError
