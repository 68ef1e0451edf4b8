"""Code for docs/guides/language-models-and-embeddings.md: the causal language-model loss, contrastive
losses with a temperature, and token-level distillation.

Importing the module defines the functions the blocks share and FIGURES (nothing runs); running it prints
every example.
"""

# --8<-- [start:batch]
import torch
from torch import nn


def make_batch():
    """Two sequences over a 10-token vocabulary: a prompt, an answer, then padding (id 0)."""
    input_ids = torch.tensor([
        [5, 3, 8, 2, 7, 4, 9, 1],  # a prompt of 3 tokens, an answer of 5
        [6, 2, 4, 7, 0, 0, 0, 0],  # a prompt of 2 tokens, an answer of 2, 4 of padding
    ])
    attention_mask = torch.tensor([[1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0, 0, 0]])
    prompt_lengths = torch.tensor([3, 2])
    labels = input_ids.clone()
    positions = torch.arange(input_ids.shape[1])
    labels[positions < prompt_lengths[:, None]] = -100  # given to the model, never predicted
    labels[attention_mask == 0] = -100  # padding
    return input_ids, labels


def make_model(vocabulary=10, d=8):
    """A stand-in for a language model: token ids (N, L) in, logits (N, L, V) out."""
    torch.manual_seed(0)
    return nn.Sequential(nn.Embedding(vocabulary, d), nn.Linear(d, vocabulary, bias=False))
# --8<-- [end:batch]


# --8<-- [start:causal-lm-loss]
import torch.nn.functional as F


def causal_lm_loss(logits, labels, reduction="mean"):
    """logits (N, L, V); labels (N, L), -100 where no token is to be predicted."""
    vocabulary = logits.shape[-1]
    predictions = logits[:, :-1]  # position t predicts token t + 1; the last has nothing to predict
    targets = labels[:, 1:]  # the first token is never predicted
    return F.cross_entropy(  # ignore_index=-100 by default
        predictions.reshape(-1, vocabulary), targets.reshape(-1), reduction=reduction
    )
# --8<-- [end:causal-lm-loss]


# --8<-- [start:pairs]
import torch
import torch.nn.functional as F


def make_pairs(noise, batch=8, dim=16, seed=0):
    """batch matching (image, text) embeddings, as two encoders output them; more noise, harder pairs."""
    generator = torch.Generator().manual_seed(seed)
    image = torch.randn(batch, dim, generator=generator)
    text = image + noise * torch.randn(batch, dim, generator=generator)
    return image, text
# --8<-- [end:pairs]


# --8<-- [start:clip-loss]
import torch
import torch.nn.functional as F


def clip_loss(image, text, temperature):
    """Symmetric InfoNCE: row i of each (B, d) tensor is a pair, every other row a negative."""
    image, text = F.normalize(image, dim=1), F.normalize(text, dim=1)
    logits = image @ text.T / temperature  # (B, B) cosine similarities, scaled
    targets = torch.arange(len(image))  # the match of row i is column i
    image_to_text = F.cross_entropy(logits, targets)
    text_to_image = F.cross_entropy(logits.T, targets)
    return (image_to_text + text_to_image) / 2
# --8<-- [end:clip-loss]


# --8<-- [start:sweep]
import torch
import torch.nn.functional as F


def perfect_pairs(batch=8):
    """Each pair identical, the pairs as far apart as unit vectors can be: similarity -1/(batch - 1)."""
    corners = torch.eye(batch) - 1 / batch  # the corners of a regular simplex
    corners = corners / corners.norm(dim=1, keepdim=True)
    return corners, corners.clone()


def loss_and_gradient(image, text, temperature):
    """clip_loss and the norm of its gradient with respect to both embeddings."""
    image, text = image.clone().requires_grad_(), text.clone().requires_grad_()
    loss = clip_loss(image, text, temperature)
    loss.backward()
    gradient = torch.cat([image.grad, text.grad]).norm()
    return loss.item(), gradient.item()


def hardest_negative_share(image, text, temperature):
    """Of the softmax weight on the negatives of a row, the part the most similar one takes (mean of rows)."""
    image, text = F.normalize(image, dim=1), F.normalize(text, dim=1)
    weights = (image @ text.T / temperature).softmax(dim=1)
    negatives = weights.fill_diagonal_(0)
    return (negatives.max(dim=1).values / negatives.sum(dim=1)).mean().item()
# --8<-- [end:sweep]


# --8<-- [start:distillation-batch]
import torch


def make_distillation_batch():
    """Student and teacher logits (N, L, V) = (2, 5, 12); the second sequence ends in 2 of padding."""
    torch.manual_seed(0)
    student = torch.randn(2, 5, 12, requires_grad=True)
    teacher = 2 * torch.randn(2, 5, 12)
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]], dtype=torch.bool)  # False: padding
    return student, teacher, mask
# --8<-- [end:distillation-batch]


# --8<-- [start:distillation-loss]
import torch.nn.functional as F


def distillation_loss(student_logits, teacher_logits, mask, temperature):
    """Mean over the real tokens of KL(teacher || student) at a temperature, times temperature**2."""
    student_log_p = F.log_softmax(student_logits / temperature, dim=-1)
    teacher_log_p = F.log_softmax(teacher_logits / temperature, dim=-1)
    kl = F.kl_div(student_log_p, teacher_log_p, reduction="none", log_target=True)  # (N, L, V)
    per_token = kl.sum(dim=-1)  # (N, L): the KL divergence at each position
    return (per_token * mask).sum() / mask.sum() * temperature**2
# --8<-- [end:distillation-loss]


TEMPERATURES = torch.logspace(-2, 1, 61)  # 0.01 to 10


def draw_temperature():
    import matplotlib.pyplot as plt

    batches = {
        "every pair ranked first": make_pairs(noise=1.5),
        "one pair misranked": make_pairs(noise=2.0),
        "perfect embeddings": perfect_pairs(),
    }
    figure, (losses, gradients) = plt.subplots(1, 2)
    for name, (image, text) in batches.items():
        sweep = [loss_and_gradient(image, text, t.item()) for t in TEMPERATURES]
        losses.plot(TEMPERATURES, [loss for loss, _ in sweep], label=name)
        if name != "perfect embeddings":
            gradients.plot(TEMPERATURES, [gradient for _, gradient in sweep], label=name)
    log_batch = torch.tensor(8.0).log().item()
    losses.axhline(log_batch, color="#333333", linestyle=":", linewidth=1, label="log 8, chance")
    losses.set_xscale("log")
    losses.set_xlabel("temperature τ")
    losses.set_ylabel("CLIP loss")
    losses.legend(fontsize=8)
    gradients.set_xscale("log")
    gradients.set_yscale("log")
    gradients.set_xlabel("temperature τ")
    gradients.set_ylabel("gradient norm")
    gradients.legend(fontsize=8)
    return figure


FIGURES = {"temperature": draw_temperature}


if __name__ == "__main__":
    # --8<-- [start:causal-lm-run]
    input_ids, labels = make_batch()
    print("labels:", labels, sep="\n")
    logits = make_model()(input_ids)
    n, length, vocabulary = logits.shape
    print(f"logits {tuple(logits.shape)} -> {(n * (length - 1), vocabulary)} after the shift")
    counted = (labels[:, 1:] != -100).sum().item()
    print(f"positions that count: {counted} of {n * (length - 1)}")
    print(f"loss: {causal_lm_loss(logits, labels).item():.4f}")
    # --8<-- [end:causal-lm-run]

    # --8<-- [start:causal-lm-loop]
    input_ids, labels = make_batch()
    logits = make_model()(input_ids)
    total, count = 0.0, 0
    for sequence in range(logits.shape[0]):
        log_p = logits[sequence].log_softmax(dim=-1)
        for t in range(logits.shape[1] - 1):
            next_token = labels[sequence, t + 1]
            if next_token != -100:
                total -= log_p[t, next_token].item()  # the logits at t score the token at t + 1
                count += 1
    print(f"loop over positions: {total / count:.4f} over {count} tokens")
    print(f"causal_lm_loss:      {causal_lm_loss(logits, labels).item():.4f}")
    # --8<-- [end:causal-lm-loop]

    # --8<-- [start:unshifted]
    input_ids, labels = make_batch()
    vocabulary = 10
    copy_input = 10.0 * F.one_hot(input_ids, vocabulary)  # scores its own input token highest
    unshifted = F.cross_entropy(copy_input.reshape(-1, vocabulary), labels.reshape(-1))
    print(f"a model that copies its input, no shift: {unshifted.item():.4f}")
    print(f"the same model, shifted:                 {causal_lm_loss(copy_input, labels).item():.4f}")
    # --8<-- [end:unshifted]

    # --8<-- [start:per-sequence]
    input_ids, labels = make_batch()
    logits = make_model()(input_ids)
    n, length, _ = logits.shape
    losses = causal_lm_loss(logits, labels, reduction="none").view(n, length - 1)  # 0 where ignored
    tokens = (labels[:, 1:] != -100).sum(dim=1)
    per_sequence = losses.sum(dim=1) / tokens
    print("tokens per sequence:   ", tokens.tolist())
    print("mean loss per sequence:", ", ".join(f"{loss:.4f}" for loss in per_sequence.tolist()))
    per_token_mean = losses.sum() / tokens.sum()  # what reduction="mean" returns
    weights = [round(weight, 4) for weight in (tokens / tokens.sum()).tolist()]
    print(f"per-token mean:    {per_token_mean.item():.4f}  weights of the sequences {weights}")
    print(f"per-sequence mean: {per_sequence.mean().item():.4f}  weights of the sequences {[1 / n] * n}")
    # --8<-- [end:per-sequence]

    # --8<-- [start:accumulation]
    input_ids, labels = make_batch()
    model = make_model()
    full_batch = causal_lm_loss(model(input_ids), labels)
    full_batch.backward()
    full_gradient = model[1].weight.grad.clone()
    print(f"{'whole batch at once':<31}  loss {full_batch.item():.4f}")

    all_tokens = (labels[:, 1:] != -100).sum()  # counted once, over every micro-batch
    micro_batches = list(zip(input_ids.split(1), labels.split(1)))  # one sequence each
    for name in ["mean of micro-batch means", "sum / tokens of the whole batch"]:
        model.zero_grad()
        logged = 0.0
        for micro_ids, micro_labels in micro_batches:
            logits = model(micro_ids)
            if name == "mean of micro-batch means":
                loss = causal_lm_loss(logits, micro_labels) / len(micro_batches)
            else:
                loss = causal_lm_loss(logits, micro_labels, reduction="sum") / all_tokens
            loss.backward()  # gradients add up over the micro-batches
            logged += loss.item()
        difference = (model[1].weight.grad - full_gradient).abs().max().item()
        print(f"{name:<31}  loss {logged:.4f}, largest gradient difference {difference:.4f}")
    # --8<-- [end:accumulation]

    # --8<-- [start:head-memory]
    import torch

    heads = {  # tokens in a batch N, feature size d, vocabulary V
        "1000-class image classifier": (256, 2048, 1000),
        "d=768, GPT-2's vocabulary": (8 * 1024, 768, 50257),
        "d=4096, Llama 3's vocabulary": (8 * 4096, 4096, 128256),
    }
    for name, (tokens, d, vocabulary) in heads.items():
        # meta tensors have a shape and a dtype but no memory: any size costs nothing
        logits = torch.empty(tokens, vocabulary, device="meta")  # float32
        weight = torch.empty(vocabulary, d, device="meta")  # the output layer's
        print(f"{name}, N={tokens}:")
        print(f"  logits {tuple(logits.shape)}: {logits.nbytes / 2**30:.3f} GiB,"
              f" weight {tuple(weight.shape)}: {weight.nbytes / 2**30:.3f} GiB,"
              f" logits / weight = N / d = {logits.nbytes / weight.nbytes:.2f}")
    # --8<-- [end:head-memory]

    # --8<-- [start:linear-cross-entropy-lm]
    input_ids, labels = make_batch()
    model = make_model()
    embedding, head = model  # the features, then the output layer
    features = embedding(input_ids)[:, :-1].reshape(-1, embedding.embedding_dim)  # shifted like the logits
    targets = labels[:, 1:].reshape(-1)
    fused = F.linear_cross_entropy(
        features, head.weight, targets, options=nn.LinearCrossEntropyOptions()
    )  # ignore_index defaults to -100 here too
    print(f"linear_cross_entropy, chunked: {fused.item():.4f}")
    print(f"Linear, then causal_lm_loss:   {causal_lm_loss(model(input_ids), labels).item():.4f}")
    # --8<-- [end:linear-cross-entropy-lm]

    # --8<-- [start:clip-run]
    image, text = make_pairs(noise=2.0)
    temperature = 0.07
    loss = clip_loss(image, text, temperature)

    # the formula: -log(exp(s_ii / t) / sum_j exp(s_ij / t)), over rows and over columns
    image, text = F.normalize(image, dim=1), F.normalize(text, dim=1)
    logits = image @ text.T / temperature
    print(f"similarities {tuple(logits.shape)}: each row has 1 match and {len(logits) - 1} negatives")
    matches = logits.diagonal()
    by_rows = (logits.logsumexp(dim=1) - matches).mean()
    by_columns = (logits.logsumexp(dim=0) - matches).mean()
    written = (by_rows + by_columns) / 2
    print(f"clip_loss: {loss.item():.6f}  formula: {written.item():.6f}")
    # Equal up to float32 rounding, whose last digits differ from one CPU to another: print the verdict.
    print(f"torch.allclose: {torch.allclose(loss, written)}")
    # --8<-- [end:clip-run]

    # --8<-- [start:chance]
    import math

    import torch
    import torch.nn.functional as F

    for batch in [8, 256, 32768]:
        equal = torch.zeros(1, batch)  # one row: every candidate equally similar
        loss = F.cross_entropy(equal, torch.tensor([0]))
        print(f"B = {batch:5}: loss {loss.item():.4f}, log B = {math.log(batch):.4f}")
    # --8<-- [end:chance]

    # --8<-- [start:temperature]
    batches = {
        "ranked first": make_pairs(noise=1.5),
        "one misranked": make_pairs(noise=2.0),
        "perfect": perfect_pairs(),
    }
    for name, (image, text) in batches.items():
        similarities = F.normalize(image, dim=1) @ F.normalize(text, dim=1).T
        ranked = (similarities.argmax(dim=1) == torch.arange(8)).sum().item()
        ranked += (similarities.argmax(dim=0) == torch.arange(8)).sum().item()
        print(f"{name}: {ranked} of 16 rows and columns put their match first")

    print("    τ   loss: first  misranked  perfect   gradient: first  misranked   hardest negative")
    for temperature in [0.01, 0.03, 0.07, 0.1, 0.3, 1.0, 3.0, 10.0]:
        sweep = [loss_and_gradient(image, text, temperature) for image, text in batches.values()]
        share = hardest_negative_share(*batches["one misranked"], temperature)
        print(f"{temperature:5}  {sweep[0][0]:11.4f} {sweep[1][0]:10.4f} {sweep[2][0]:8.4f}"
              f"  {sweep[0][1]:15.4f} {sweep[1][1]:10.4f} {share:18.3f}")
    # --8<-- [end:temperature]

    # --8<-- [start:distillation-run]
    student, teacher, mask = make_distillation_batch()
    temperature = 2.0
    loss = distillation_loss(student, teacher, mask, temperature)
    print(f"real tokens: {mask.sum().item()} of {mask.numel()}; loss: {loss.item():.4f}")

    # two shortcuts that count the wrong tokens
    student_log_p = F.log_softmax(student / temperature, dim=-1)
    teacher_p = F.softmax(teacher / temperature, dim=-1)
    vocabulary = student.shape[-1]
    on_3d = F.kl_div(student_log_p, teacher_p, reduction="batchmean") * temperature**2
    flat = F.kl_div(
        student_log_p.reshape(-1, vocabulary), teacher_p.reshape(-1, vocabulary), reduction="batchmean"
    ) * temperature**2
    print(f"batchmean on (N, L, V), divided by N = {student.shape[0]}: {on_3d.item():.4f}")
    print(f"batchmean on (N*L, V), padding included:   {flat.item():.4f}")
    # --8<-- [end:distillation-run]

    # --8<-- [start:distillation-loop]
    student, teacher, mask = make_distillation_batch()
    temperature = 2.0
    total, count = 0.0, 0
    for sequence in range(student.shape[0]):
        for position in range(student.shape[1]):
            if mask[sequence, position]:
                p = (teacher[sequence, position] / temperature).softmax(dim=-1)
                q = (student[sequence, position] / temperature).softmax(dim=-1)
                total += (p * (p.log() - q.log())).sum().item()  # KL(p || q)
                count += 1
    print(f"loop over tokens:  {total / count * temperature**2:.4f} over {count} tokens")
    print(f"distillation_loss: {distillation_loss(student, teacher, mask, temperature).item():.4f}")
    # --8<-- [end:distillation-loop]

    # --8<-- [start:temperature-squared]
    student, teacher, mask = make_distillation_batch()
    print("  T   gradient without T²  relative to T=1    1/T²   gradient with T²")
    for temperature in [1.0, 2.0, 4.0, 8.0, 16.0]:
        student.grad = None
        loss = distillation_loss(student, teacher, mask, temperature) / temperature**2  # no T²
        loss.backward()
        gradient = student.grad.norm().item()
        if temperature == 1.0:
            gradient_at_1 = gradient
        print(f"{temperature:4.0f} {gradient:20.5f} {gradient / gradient_at_1:16.4f}"
              f" {1 / temperature**2:7.4f} {gradient * temperature**2:18.4f}")
    # --8<-- [end:temperature-squared]
