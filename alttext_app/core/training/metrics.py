"""Caption metrics in pure Python (no Java): BLEU-4 and CIDEr-D as the COCO caption evaluation
(`pycocoevalcap`) computes them, plus exact match.

Tokenisation stands in for the PTB tokenizer (which needs Java): lower case, words and numbers
only, punctuation dropped. BLEU-4 is corpus-level with the "closest" reference length; CIDEr-D
uses document frequencies from the evaluated set's references, clipped n-gram counts, a Gaussian
length penalty (sigma 6) and the ×10 scale, so the numbers compare with published CIDEr-D.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

N = 4
SIGMA = 6.0
_WORD = re.compile(r"\w+")


def tokenize(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _ngrams(words: list[str], n: int = N) -> Counter:
    return Counter(tuple(words[i : i + k]) for k in range(1, n + 1) for i in range(len(words) - k + 1))


def exact_match(hypotheses: Sequence[str], references: Sequence[Sequence[str]]) -> float:
    """Share of captions equal (after tokenisation) to one of their references."""
    if not hypotheses:
        return 0.0
    hits = sum(tokenize(h) in [tokenize(r) for r in refs] for h, refs in zip(hypotheses, references, strict=True))
    return hits / len(hypotheses)


def bleu4(hypotheses: Sequence[str], references: Sequence[Sequence[str]]) -> float:
    correct, guessed = [0] * N, [0] * N
    hyp_len = ref_len = 0
    for hyp, refs in zip(hypotheses, references, strict=True):
        words = tokenize(hyp)
        ref_words = [tokenize(r) for r in refs]
        hyp_len += len(words)
        ref_len += min((abs(len(r) - len(words)), len(r)) for r in ref_words)[1]
        max_ref: Counter = Counter()
        for r in ref_words:
            max_ref |= _ngrams(r)
        for gram, count in _ngrams(words).items():
            correct[len(gram) - 1] += min(count, max_ref[gram])
        for k in range(N):
            guessed[k] += max(len(words) - k, 0)
    tiny, small = 1e-15, 1e-9
    log_sum = sum(math.log((correct[k] + tiny) / (guessed[k] + small)) for k in range(N))
    score = math.exp(log_sum / N)
    if 0 < hyp_len < ref_len:
        score *= math.exp(1 - ref_len / hyp_len)
    return score if hyp_len else 0.0


def _vector(counts: Counter, df: dict, log_images: float):
    vec: list[dict] = [defaultdict(float) for _ in range(N)]
    norm = [0.0] * N
    length = 0
    for gram, tf in counts.items():
        k = len(gram) - 1
        vec[k][gram] = tf * (log_images - math.log(max(1.0, df.get(gram, 0.0))))
        norm[k] += vec[k][gram] ** 2
        if k == 1:  # the reference implementation measures length in bigrams
            length += tf
    return vec, [math.sqrt(x) for x in norm], length


def cider_d(hypotheses: Sequence[str], references: Sequence[Sequence[str]]) -> float:
    if not hypotheses:
        return 0.0
    ref_counts = [[_ngrams(tokenize(r)) for r in refs] for refs in references]
    df: dict = defaultdict(float)
    for refs in ref_counts:
        for gram in set().union(*[set(c) for c in refs]):
            df[gram] += 1
    log_images = math.log(float(len(references)))
    scores = []
    for hyp, refs in zip(hypotheses, ref_counts, strict=True):
        h_vec, h_norm, h_len = _vector(_ngrams(tokenize(hyp)), df, log_images)
        total = [0.0] * N
        for ref in refs:
            r_vec, r_norm, r_len = _vector(ref, df, log_images)
            penalty = math.exp(-((h_len - r_len) ** 2) / (2 * SIGMA**2))
            for k in range(N):
                val = sum(min(v, r_vec[k].get(g, 0.0)) * r_vec[k].get(g, 0.0) for g, v in h_vec[k].items())
                if h_norm[k] and r_norm[k]:
                    val /= h_norm[k] * r_norm[k]
                total[k] += val * penalty
        scores.append(sum(total) / N * 10.0 / max(len(refs), 1))
    return sum(scores) / len(scores)


def caption_metrics(hypotheses: Sequence[str], references: Sequence[Sequence[str]]) -> dict[str, float]:
    return {
        "exact_match": round(exact_match(hypotheses, references), 4),
        "bleu4": round(bleu4(hypotheses, references), 4),
        "cider_d": round(cider_d(hypotheses, references), 4),
    }
