"""The NumPy twin of each torch.nn loss, as shown on its page in docs/losses/.

``NUMPY_REFERENCES[name](*forward_args, **constructor_kwargs)`` returns, in pure NumPy, what
``getattr(torch.nn, name)(**constructor_kwargs)(*forward_args)`` returns for the same arguments as arrays
(array-valued constructor arguments such as ``weight`` are NumPy arrays too). Each function is named after
its ``torch.nn.functional`` counterpart. AdaptiveLogSoftmaxWithLoss and LinearCrossEntropyLoss hold
parameters and have no twin: their pages show them equal to their two-step equivalents.
"""

from snippets.losses.bce_loss import binary_cross_entropy
from snippets.losses.bce_with_logits_loss import binary_cross_entropy_with_logits
from snippets.losses.cosine_embedding_loss import cosine_embedding_loss
from snippets.losses.cross_entropy_loss import cross_entropy
from snippets.losses.ctc_loss import ctc_loss
from snippets.losses.gaussian_nll_loss import gaussian_nll_loss
from snippets.losses.hinge_embedding_loss import hinge_embedding_loss
from snippets.losses.huber_loss import huber_loss
from snippets.losses.kl_div_loss import kl_div
from snippets.losses.l1_loss import l1_loss
from snippets.losses.margin_ranking_loss import margin_ranking_loss
from snippets.losses.mse_loss import mse_loss
from snippets.losses.multi_label_margin_loss import multilabel_margin_loss
from snippets.losses.multi_label_soft_margin_loss import multilabel_soft_margin_loss
from snippets.losses.multi_margin_loss import multi_margin_loss
from snippets.losses.nll_loss import nll_loss
from snippets.losses.poisson_nll_loss import poisson_nll_loss
from snippets.losses.smooth_l1_loss import smooth_l1_loss
from snippets.losses.soft_margin_loss import soft_margin_loss
from snippets.losses.triplet_margin_loss import triplet_margin_loss
from snippets.losses.triplet_margin_with_distance_loss import triplet_margin_with_distance_loss

NUMPY_REFERENCES = {
    "L1Loss": l1_loss,
    "MSELoss": mse_loss,
    "HuberLoss": huber_loss,
    "SmoothL1Loss": smooth_l1_loss,
    "CrossEntropyLoss": cross_entropy,
    "NLLLoss": nll_loss,
    "BCELoss": binary_cross_entropy,
    "BCEWithLogitsLoss": binary_cross_entropy_with_logits,
    "MultiLabelSoftMarginLoss": multilabel_soft_margin_loss,
    "SoftMarginLoss": soft_margin_loss,
    "MultiMarginLoss": multi_margin_loss,
    "MultiLabelMarginLoss": multilabel_margin_loss,
    "KLDivLoss": kl_div,
    "PoissonNLLLoss": poisson_nll_loss,
    "GaussianNLLLoss": gaussian_nll_loss,
    "MarginRankingLoss": margin_ranking_loss,
    "HingeEmbeddingLoss": hinge_embedding_loss,
    "CosineEmbeddingLoss": cosine_embedding_loss,
    "TripletMarginLoss": triplet_margin_loss,
    "TripletMarginWithDistanceLoss": triplet_margin_with_distance_loss,
    "CTCLoss": ctc_loss,
}
