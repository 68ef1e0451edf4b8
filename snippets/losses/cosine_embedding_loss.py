"""Code for docs/losses/cosine-embedding-loss.md (being written)."""


def cosine_embedding_loss(*args, **kwargs):
    raise NotImplementedError
