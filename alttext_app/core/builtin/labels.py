"""Plain words for the 1000 ImageNet classes, with coarser fallbacks.

ImageNet names are specialist ("tiger cat", "Blenheim spaniel", "loggerhead"). Alt text needs the
words a child would use, and when the classifier hesitates between breeds it should say "dog",
not guess a breed. Each class gets a `plain` word (said when that class alone is confident) and a
`group` (said when the probability summed over the group is confident). Classes whose plain word
would make an assumption about people (religion, gender) or that name a scene rather than a thing
are marked `silent`: they count as evidence but are never said.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from alttext_app.core.builtin.label_tree import ancestors


@dataclass(frozen=True)
class PlainLabel:
    plain: str  # e.g. "golden retriever" -> "dog"
    group: str  # coarser fallback, e.g. "dog", "bird", "vehicle"
    silent: bool = False  # never name it in alt text
    person: bool = False  # the class implies a person is visible (ballplayer, scuba diver)
    unreliable: bool = False  # fires on blur, texture and greyscale: said only when near certain
    parents: tuple[str, ...] = ()  # coarser words above the group, nearest first (label_tree)

    @property
    def words(self) -> tuple[str, ...]:
        """Every word this class may be said as, most specific first."""
        return (self.plain, self.group, *self.parents)


# Inclusive index ranges -> group word. Animals first, ordered as in ImageNet.
_GROUP_RANGES: list[tuple[int, int, str]] = [
    (0, 1, "fish"), (2, 4, "shark"), (5, 6, "ray"), (7, 8, "chicken"), (9, 24, "bird"),
    (25, 29, "salamander"), (30, 32, "frog"), (33, 37, "turtle"), (38, 48, "lizard"),
    (49, 50, "crocodile"), (51, 51, "dinosaur"), (52, 68, "snake"), (69, 69, "fossil"),
    (70, 77, "spider"), (78, 79, "bug"), (80, 100, "bird"), (101, 101, "elephant"),
    (102, 106, "animal"), (107, 111, "sea creature"), (112, 117, "snail"), (118, 125, "crab"),
    (126, 126, "bug"), (127, 146, "bird"), (147, 148, "whale"), (149, 149, "sea cow"),
    (150, 150, "sea lion"), (151, 268, "dog"), (269, 271, "wolf"), (272, 275, "wild dog"),
    (276, 276, "hyena"), (277, 280, "fox"), (281, 285, "cat"), (286, 293, "big cat"),
    (294, 297, "bear"), (298, 299, "animal"), (300, 320, "insect"), (321, 326, "butterfly"),
    (327, 329, "sea creature"), (330, 332, "rabbit"), (333, 338, "rodent"), (339, 339, "horse"),
    (340, 340, "zebra"), (341, 343, "pig"), (344, 344, "hippo"), (345, 347, "cattle"),
    (348, 350, "sheep or goat"), (351, 353, "antelope"), (354, 354, "camel"), (355, 355, "llama"),
    (356, 363, "animal"), (364, 364, "sloth"), (365, 369, "ape"), (370, 382, "monkey"),
    (383, 384, "lemur"), (385, 386, "elephant"), (387, 388, "panda"), (389, 397, "fish"),
]

# Plain words that differ from both the ImageNet name and the group word.
_PLAIN: dict[int, str] = {
    1: "goldfish", 2: "shark", 3: "shark", 4: "hammerhead shark", 7: "rooster", 8: "hen", 9: "ostrich",
    15: "robin", 17: "jay", 18: "magpie", 21: "bird of prey", 22: "eagle", 23: "vulture",
    24: "owl", 30: "frog", 31: "tree frog", 34: "sea turtle", 33: "sea turtle",
    40: "chameleon", 47: "chameleon", 48: "komodo dragon", 49: "crocodile", 50: "alligator",
    51: "triceratops", 63: "cobra", 69: "trilobite", 71: "scorpion", 75: "black widow spider",
    76: "tarantula", 78: "tick", 79: "centipede", 84: "peacock", 87: "parrot", 88: "parrot",
    89: "cockatoo", 90: "parrot", 93: "hornbill", 94: "hummingbird", 96: "toucan", 97: "duck",
    98: "duck", 99: "goose", 100: "swan", 101: "elephant", 102: "echidna", 103: "platypus",
    104: "wallaby", 105: "koala", 106: "wombat", 107: "jellyfish", 108: "sea anemone",
    109: "coral", 110: "worm", 111: "worm", 112: "shell", 113: "snail", 114: "slug",
    115: "sea slug", 117: "nautilus", 122: "lobster", 123: "lobster", 124: "crayfish",
    125: "hermit crab", 127: "stork", 128: "stork", 130: "flamingo", 131: "heron", 132: "egret",
    134: "crane", 144: "pelican", 145: "penguin", 146: "albatross", 148: "orca",
    149: "dugong", 291: "lion", 292: "tiger", 293: "cheetah", 288: "leopard",
    289: "snow leopard", 290: "jaguar", 286: "cougar", 287: "lynx", 296: "polar bear",
    298: "mongoose", 299: "meerkat", 301: "ladybug", 308: "fly", 309: "bee", 310: "ant",
    311: "grasshopper", 312: "cricket", 314: "cockroach", 315: "mantis", 319: "dragonfly",
    320: "damselfly", 327: "starfish", 328: "sea urchin", 333: "hamster", 334: "porcupine",
    335: "squirrel", 336: "marmot", 337: "beaver", 338: "guinea pig", 341: "pig",
    342: "wild boar", 343: "warthog", 345: "cow", 346: "water buffalo", 347: "bison",
    348: "sheep", 349: "bighorn sheep", 350: "ibex", 352: "impala", 353: "gazelle",
    356: "weasel", 357: "mink", 358: "polecat", 359: "ferret", 360: "otter", 361: "skunk",
    362: "badger", 363: "armadillo", 365: "orangutan", 366: "gorilla", 367: "chimpanzee",
    368: "gibbon", 372: "baboon", 387: "red panda", 388: "giant panda", 390: "eel",
    391: "salmon", 393: "clownfish", 394: "sturgeon", 396: "lionfish", 397: "pufferfish",
    # Objects: ImageNet's short names that mislead or are jargon.
    399: "robe", 400: "academic gown", 403: "aircraft carrier", 404: "airliner", 405: "airship",
    408: "amphibious vehicle", 409: "clock", 410: "beehives", 412: "trash can", 413: "rifle",
    418: "pen", 419: "adhesive bandage", 421: "banister", 427: "barrel", 428: "wheelbarrow",
    429: "baseball", 434: "towel", 436: "station wagon", 437: "lighthouse", 439: "fur hat",
    444: "tandem bicycle", 445: "swimsuit", 446: "ring binder", 455: "bottle cap",
    456: "bow and arrow", 458: "brass memorial plaque", 459: "bra", 466: "high-speed train",
    468: "taxi", 469: "cauldron", 475: "car mirror", 476: "carousel", 477: "toolkit",
    478: "cardboard box", 479: "car wheel", 480: "cash machine", 482: "cassette player",
    487: "mobile phone", 490: "chain mail", 491: "chainsaw", 492: "chest", 493: "chest of drawers",
    496: "Christmas stocking", 500: "cliff dwelling", 502: "clog", 504: "mug", 505: "coffee pot",
    506: "coil", 508: "computer keyboard", 509: "sweet shop", 511: "convertible car",
    516: "cradle", 517: "construction crane", 518: "motorcycle helmet", 520: "crib",
    521: "slow cooker", 524: "armour", 528: "rotary telephone", 532: "dining table",
    533: "dishcloth", 540: "oil platform", 541: "drum", 542: "drumstick", 544: "cooking pot",
    548: "TV cabinet", 550: "espresso machine", 551: "face powder", 553: "filing cabinet",
    556: "fire screen", 557: "flagpole", 561: "forklift", 564: "four-poster bed",
    565: "freight wagon", 567: "frying pan", 570: "gas mask", 573: "go-kart", 575: "golf cart",
    578: "gown", 579: "grand piano", 581: "car grille", 584: "hair clip", 586: "half-track",
    589: "hand dryer", 590: "handheld computer", 592: "hard disk", 597: "holster",
    598: "home theater", 603: "horse cart", 605: "music player", 606: "clothes iron",
    607: "jack-o'-lantern", 608: "jeans", 610: "T-shirt", 612: "rickshaw", 622: "lens cap",
    625: "lifeboat", 627: "limousine", 628: "ocean liner", 630: "loafer", 631: "lotion",
    632: "loudspeaker", 633: "magnifying glass", 634: "sawmill", 635: "compass",
    637: "mailbox", 638: "swimsuit", 639: "swimsuit", 640: "manhole cover", 643: "mask",
    644: "matches", 646: "maze", 648: "medicine cabinet", 649: "standing stones",
    651: "microwave", 652: "military uniform", 653: "milk churn", 657: "rocket",
    660: "mobile home", 661: "vintage car", 664: "computer monitor", 665: "moped",
    666: "mortar and pestle", 667: "graduation cap", 669: "mosquito net", 670: "scooter",
    671: "mountain bike", 672: "tent", 673: "computer mouse", 675: "moving van",
    680: "baby bottle", 681: "laptop", 685: "speedometer", 687: "pipe organ", 690: "oxcart",
    692: "packet", 694: "paddle wheel", 697: "pajamas", 701: "parachute", 703: "bench",
    705: "railway carriage", 724: "pirate ship", 725: "jug", 824: "shawl", 707: "pay phone", 712: "Petri dish", 713: "photocopier",
    714: "guitar pick", 715: "spiked helmet", 717: "pickup truck", 720: "pill bottle",
    726: "hand plane", 727: "planetarium", 729: "dish rack", 730: "plough",
    732: "instant camera", 734: "police van", 736: "pool table", 737: "soda bottle",
    738: "flowerpot", 739: "potter's wheel", 741: "rug", 744: "rocket", 746: "hockey puck",
    749: "quill pen", 751: "racing car", 752: "racket", 753: "radiator", 755: "radio telescope",
    757: "camper van", 758: "fishing reel", 759: "camera", 761: "remote control",
    763: "revolver", 766: "rotisserie", 767: "eraser", 769: "ruler", 770: "running shoe",
    773: "salt shaker", 776: "saxophone", 778: "scales", 779: "school bus", 780: "sailing ship",
    781: "scoreboard", 782: "screen", 787: "shield", 789: "paper screen", 791: "shopping cart",
    798: "slide rule", 800: "slot machine", 802: "snowmobile", 803: "snowplough",
    807: "solar dish", 810: "keyboard", 812: "space shuttle", 815: "spider web",
    817: "sports car", 820: "steam train", 821: "bridge", 826: "stopwatch", 829: "tram",
    831: "sofa bed", 833: "submarine", 834: "suit", 836: "sunglasses", 837: "sunglasses",
    838: "sunscreen", 839: "suspension bridge", 840: "cotton swab", 841: "sweatshirt",
    842: "swimming trunks", 844: "light switch", 847: "tank", 848: "tape player",
    850: "teddy bear", 853: "thatched roof", 854: "theatre curtain", 856: "threshing machine",
    857: "throne", 858: "tiled roof", 861: "toilet", 863: "totem pole", 864: "tow truck",
    865: "toy shop", 867: "lorry", 868: "tray", 869: "trench coat", 870: "tricycle",
    871: "trimaran", 873: "triumphal arch", 874: "trolleybus", 876: "tub",
    878: "typewriter", 881: "upright piano", 882: "vacuum cleaner", 884: "vaulted ceiling",
    885: "velvet", 886: "vending machine", 888: "viaduct", 892: "wall clock", 894: "wardrobe",
    895: "military plane", 896: "washbasin", 897: "washing machine", 899: "water jug",
    901: "whiskey jug", 904: "window screen", 905: "window blind", 906: "tie", 908: "wing",
    911: "ball of wool", 912: "wooden fence", 913: "shipwreck", 914: "sailing boat",
    916: "website", 918: "crossword puzzle", 919: "street sign", 920: "traffic light",
    921: "book cover", 924: "guacamole", 925: "clear soup", 926: "hot pot", 928: "ice cream",
    929: "ice lolly", 930: "baguette", 934: "hot dog", 936: "cabbage", 940: "squash",
    941: "squash", 942: "squash", 946: "cardoon", 948: "apple", 956: "custard apple",
    958: "hay", 959: "pasta", 961: "dough", 962: "meatloaf", 964: "pot pie",
    966: "red wine", 967: "cup of espresso", 969: "eggnog", 970: "mountains", 971: "bubble",
    973: "coral reef", 975: "lake", 976: "headland", 977: "sandbar", 978: "seashore",
    979: "valley", 981: "baseball player", 982: "person in formal clothes", 983: "scuba diver",
    984: "rapeseed field", 985: "daisy", 986: "orchid", 987: "corn", 989: "rose hip",
    990: "buckeye", 991: "coral fungus", 992: "mushroom", 993: "mushroom", 994: "mushroom",
    995: "mushroom", 996: "mushroom", 997: "mushroom", 998: "ear of corn", 999: "toilet paper",
}

# Coarser groups for objects (sums across near-synonyms make the claim safer).
_OBJECT_GROUPS: dict[str, tuple[int, ...]] = {
    "car": (436, 468, 511, 609, 627, 656, 661, 717, 751, 817, 705),
    "truck": (555, 569, 675, 734, 864, 867, 717),
    "bus": (654, 779, 874),
    "boat": (472, 484, 510, 554, 576, 625, 628, 724, 780, 814, 833, 871, 914, 913),
    "train": (466, 547, 565, 705, 820, 829),
    "plane": (403, 404, 895, 908),
    "motorbike": (665, 670),
    "bicycle": (444, 671, 870, 880),
    "rocket": (657, 744, 812),
    "cup or mug": (504, 968, 969, 967),
    "bottle": (440, 720, 737, 898, 907),
    "computer": (527, 590, 620, 664, 681, 782, 851),
    "keyboard": (508, 810, 878),
    "phone": (487, 528, 707),
    "camera": (732, 759),
    "clock": (409, 530, 892, 826),
    "guitar": (402, 546),
    "piano": (579, 881),
    "swimsuit": (445, 638, 639, 842),
    "shoe": (502, 514, 630, 770, 774),
    "hat": (439, 515, 560, 808, 793, 433, 452, 667),
    "bridge": (821, 839, 888),
    # Shops, then other buildings (religious ones are silent as classes but count as "building");
    # label_tree.PARENT puts shops and roofs under "building" too.
    "shop": (415, 424, 454, 467, 509, 582, 788, 860, 865),
    "building": (
        425, 437, 442, 449, 483, 497, 498, 500, 538, 580, 624, 663, 668, 698, 727, 743, 762, 832,
        900, 915,
    ),
    "roof": (853, 858),
    "food": (
        923, 924, 925, 926, 927, 928, 929, 930, 931, 932, 933, 934, 935, 959, 960, 961, 962,
        963, 964, 965,
    ),
    "vegetable": tuple(range(936, 948)),
    "fruit": (948, 949, 950, 951, 952, 953, 954, 955, 956, 957),
    "mushroom": tuple(range(991, 998)),
    "flower": (985, 986),
    "waterside": (460, 536, 718, 975, 976, 977, 978),
    "landscape": (970, 972, 974, 979, 980),
}

# Never said aloud: religious or gendered associations, loaded words (prison, guillotine), or
# text-heavy classes.
_SILENT = {
    399, 406, 442, 459, 496, 578, 601, 655, 689, 741, 775, 887, 982, 497, 663, 668, 832, 583, 743,
    916, 917, 918, 921, 922,  # text-heavy classes: the text describer speaks for these
}
# Classes EfficientNet reaches for when a picture is unlike ImageNet (the moon's surface came out
# as "nematode", a blurred clock as "bubble"): they need near certainty even to be hedged.
_UNRELIABLE = {110, 111, 971}
_PERSON = {981, 982, 983}  # ballplayer, groom, scuba diver


def _build(names: list[str]) -> list[PlainLabel]:
    group_of: dict[int, str] = {}
    for first, last, group in _GROUP_RANGES:
        for i in range(first, last + 1):
            group_of[i] = group
    for group, members in _OBJECT_GROUPS.items():
        for i in members:
            group_of.setdefault(i, group)
    labels = []
    for i, name in enumerate(names):
        group = group_of.get(i)
        plain = _PLAIN.get(i) or (group if i < 398 else name)
        labels.append(
            PlainLabel(
                plain=plain,
                group=group or plain,
                silent=i in _SILENT,
                person=i in _PERSON,
                unreliable=i in _UNRELIABLE,
                parents=ancestors(group or plain),
            )
        )
    return labels


@lru_cache(maxsize=1)
def plain_labels() -> list[PlainLabel]:
    from alttext_app.core.builtin.classifier import load_class_names

    return _build(load_class_names())
