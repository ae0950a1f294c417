"""Coarser words above the classifier's groups: "hedging your bets" over ImageNet's 1000 classes.

ImageNet is fine-grained where alt text does not need it: a shop front spreads its probability over
"tobacco shop", "bakery", "barbershop", "restaurant" and "cinema", none of them sure, yet together
they say "building" plainly. Deng et al. ("Hedging your bets", CVPR 2012) answer with the most
specific node of the WordNet tree whose summed probability is high enough. `labels.py` gives each
class a plain word and a group (breeds -> "dog", bakery -> "shop"); this table is the tree above
the groups, as data: group -> parent (a parent may itself have a parent). `sentence.best_claim`
walks it from the most specific level up and says the first word that is sure, or else hedges the
most specific one that is likely.

Only parents that are true for *every* member are listed ("a shop is a building", "a lakeside is a
landscape"); a parent that would be said too readily on texture-only pictures (ImageNet guesses
animals on fur, moss, the moon's surface) is CONFIDENT_ONLY: never hedged, only said when sure.
"""

from __future__ import annotations

PARENT: dict[str, str] = {
    # Buildings and structures.
    "shop": "building",
    "roof": "building",
    # Landscapes: shores are landscapes with water.
    "waterside": "landscape",
    # Plants.
    "flower": "plant",
    "flowerpot": "plant",
    # Road vehicles.
    "car": "vehicle", "truck": "vehicle", "bus": "vehicle", "motorbike": "vehicle",
    # Food.
    "fruit": "food", "vegetable": "food",
    # Animals: every animal group (ImageNet classes 0-397) is an animal.
    "fish": "animal", "shark": "fish", "ray": "fish", "chicken": "bird", "bird": "animal",
    "salamander": "animal", "frog": "animal", "turtle": "animal", "lizard": "animal",
    "crocodile": "animal", "dinosaur": "animal", "fossil": "animal", "snake": "animal", "spider": "animal", "bug": "animal",
    "elephant": "animal", "sea creature": "animal", "snail": "animal", "crab": "animal",
    "whale": "animal", "sea cow": "animal", "sea lion": "animal", "dog": "animal",
    "wolf": "animal", "wild dog": "animal", "hyena": "animal", "fox": "animal", "cat": "animal",
    "big cat": "animal", "bear": "animal", "insect": "animal", "butterfly": "insect",
    "rabbit": "animal", "rodent": "animal", "horse": "animal", "zebra": "animal", "pig": "animal",
    "hippo": "animal", "cattle": "animal", "sheep or goat": "animal", "antelope": "animal",
    "camel": "animal", "llama": "animal", "sloth": "animal", "ape": "primate",
    "monkey": "primate", "lemur": "primate", "primate": "animal", "panda": "animal",
}

# Parents said only when sure, never hedged: ImageNet's animal classes soak up texture (the moon
# came out "nematode", a galaxy field "ant"), so "may show an animal" would often be wrong.
CONFIDENT_ONLY = {"animal", "primate", "insect", "fish", "food", "plant"}


def ancestors(group: str) -> tuple[str, ...]:
    """Parents of a group, nearest first: 'shop' -> ('building',); 'ape' -> ('primate', 'animal')."""
    chain: list[str] = []
    word = group
    while word in PARENT and PARENT[word] not in chain:
        word = PARENT[word]
        chain.append(word)
    return tuple(chain)
