"""Greedy and beam-search decoding in numpy over a family's ONNX runner (no torch).

Both follow transformers' `generate()` for batch size 1 so that ONNX and PyTorch agree:
greedy picks the arg-max of the processed logits; beam search is a port of transformers 5's
vectorised beam search (top 2*beams continuations, length-normalised finished hypotheses, the same
early-stopping heuristic). Logits processors: min_new_tokens, repetition_penalty,
no_repeat_ngram_size — in the order transformers applies them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from alttext_app.core.captioner import AbortCheck, check_abort
from alttext_app.core.engines.family import GenerationSettings, OnnxRunner

NEG = np.float32(-1e9)


@dataclass
class Generated:
    token_ids: list[int]  # new tokens after the prompt, EOS removed
    score: float | None = None  # beam score (length-normalised log-probability)
    steps: int = 0  # decoder calls made


def process_logits(
    scores: np.ndarray, sequences: np.ndarray, new_len: int, settings: GenerationSettings
) -> np.ndarray:
    """Apply the configured processors in place to (B, V) scores for (B, T) sequences."""
    if settings.repetition_penalty != 1.0:
        penalty = np.float32(settings.repetition_penalty)
        for row in range(scores.shape[0]):
            ids = np.unique(sequences[row])
            picked = scores[row, ids]
            scores[row, ids] = np.where(picked < 0, picked * penalty, picked / penalty)
    n = settings.no_repeat_ngram_size
    if n > 0 and sequences.shape[1] + 1 >= n:
        for row in range(scores.shape[0]):
            seq = sequences[row].tolist()
            prefix = tuple(seq[len(seq) - n + 1 :]) if n > 1 else ()
            banned = {
                seq[i + n - 1] for i in range(len(seq) - n + 1) if tuple(seq[i : i + n - 1]) == prefix
            }
            if banned:
                scores[row, list(banned)] = -np.inf
    if settings.suppress_token_ids:
        scores[:, settings.suppress_token_ids] = -np.inf
    if new_len < settings.min_new_tokens:
        scores[:, settings.eos_token_ids] = -np.inf
    return scores


def generate(
    runner: OnnxRunner,
    pixel_values: np.ndarray,
    settings: GenerationSettings,
    max_new_tokens: int,
    num_beams: int = 1,
    should_abort: AbortCheck | None = None,
) -> Generated:
    check_abort(should_abort)
    return generate_from(runner, runner.encode(pixel_values), settings, max_new_tokens, num_beams,
                         should_abort)


def generate_from(
    runner: OnnxRunner,
    state,  # noqa: ANN001 - the runner's own encoder state
    settings: GenerationSettings,
    max_new_tokens: int,
    num_beams: int = 1,
    should_abort: AbortCheck | None = None,
) -> Generated:
    """Decode from an encoded image (or image + question) state."""
    if num_beams <= 1:
        return _greedy(runner, state, settings, max_new_tokens, should_abort)
    return _beam(runner, state, settings, max_new_tokens, num_beams, should_abort)


def _greedy(runner, state, settings, max_new_tokens, should_abort) -> Generated:
    prompt = np.asarray([settings.prompt_ids], dtype=np.int64)
    sequence = prompt
    eos = set(settings.eos_token_ids)
    new: list[int] = []
    feed = prompt
    steps = 0
    while len(new) < max_new_tokens:
        check_abort(should_abort)
        logits, state = runner.step(state, feed)
        steps += 1
        scores = process_logits(np.array(logits, dtype=np.float32), sequence, len(new), settings)
        token = int(np.argmax(scores[0]))
        if token in eos:
            break
        new.append(token)
        feed = np.asarray([[token]], dtype=np.int64)
        sequence = np.concatenate([sequence, feed], axis=1)
    return Generated(new, steps=steps)


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def _beam(runner, state, settings, max_new_tokens, num_beams, should_abort) -> Generated:
    prompt_len = len(settings.prompt_ids)
    max_length = prompt_len + max_new_tokens
    eos = np.asarray(settings.eos_token_ids, dtype=np.int64)
    keep = max(2, 1 + len(eos)) * num_beams
    lp, early = settings.length_penalty, settings.early_stopping

    running = np.tile(np.asarray(settings.prompt_ids, dtype=np.int64), (num_beams, 1))
    running_scores = np.full(num_beams, NEG, dtype=np.float32)
    running_scores[0] = 0.0
    finished: list[tuple[float, np.ndarray]] = []  # (score, sequence) sorted best first, <= beams
    state = runner.select(state, np.zeros(num_beams, dtype=np.int64))
    feed = running
    cur_len = prompt_len
    heuristic_open = True
    steps = 0
    while True:
        check_abort(should_abort)
        logits, state = runner.step(state, feed)
        steps += 1
        log_probs = _log_softmax(np.asarray(logits, dtype=np.float32))
        log_probs = process_logits(log_probs, running, cur_len - prompt_len, settings)
        if settings.renormalize_logits:
            log_probs = _log_softmax(log_probs)
        total = (log_probs + running_scores[:, None]).reshape(-1)
        vocab = log_probs.shape[-1]
        # top-k in descending order; stable like torch.topk for distinct values
        top = np.argpartition(-total, keep - 1)[:keep]
        top = top[np.argsort(-total[top], kind="stable")]
        top_scores = total[top]
        beam_of, token_of = top // vocab, top % vocab
        candidates = np.concatenate([running[beam_of], token_of[:, None]], axis=1)
        hits = np.isin(token_of, eos) | (cur_len + 1 >= max_length)

        # e. the best num_beams unfinished continuations keep running
        masked = top_scores + hits.astype(np.float32) * NEG
        order = np.argsort(-masked, kind="stable")[:num_beams]
        # f. finished hypotheses among the top num_beams candidates
        if heuristic_open and not (early is True and len(finished) >= num_beams):
            norm = (cur_len + 1 - prompt_len) ** lp
            for rank in range(num_beams):
                if hits[rank]:
                    finished.append((float(top_scores[rank] / norm), candidates[rank]))
            finished.sort(key=lambda item: -item[0])
            del finished[num_beams:]

        running = candidates[order]
        running_scores = masked[order].astype(np.float32)
        cur_len += 1
        # early-stop heuristic, as transformers: can the best running beam still beat the worst finished?
        if len(finished) >= num_beams:
            length = (max_length if early == "never" and lp > 0 else cur_len) - prompt_len
            best_possible = running_scores[0] / (length**lp)
            heuristic_open = heuristic_open and bool(best_possible > finished[-1][0])
        all_done = len(finished) >= num_beams and early is True
        if not heuristic_open or all_done or bool(np.all(hits[:keep])) or cur_len >= max_length:
            break
        state = runner.select(state, beam_of[order])
        feed = running[:, -1:]
    if not finished:  # cannot happen (max_length always finishes), kept for safety
        finished.append((float(running_scores[0]), running[0]))
    score, best = finished[0]
    tokens = [int(t) for t in best[prompt_len:] if int(t) not in set(eos.tolist())]
    return Generated(tokens, score=score, steps=steps)
