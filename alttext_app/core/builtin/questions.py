"""Which kind of question someone asked, and about what: the built-in answerer's router.

The built-in describer cannot understand free questions, but the most common follow-ups have
shapes it can answer from what it already found ("What does the sign say?", "How many people are
there?", "Is there a dog?", "Is it a photo or a screenshot?", "What colour is it?"). The shapes
are data: `PATTERNS` lists, per question kind, regular expressions in English and Chinese; the
first that matches decides, and its `thing` group (if any) names what was asked about. The words
people use for things map to the describer's keys (COCO and ImageNet plain words) through
`SYNONYMS`, plurals and the Chinese word table, so "puppies", "people" and "小狗" all find
their key. Anything else is `OTHER`: the answerer says honestly that it cannot answer it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cache

from alttext_app.core.builtin.detector import COCO_WORDS
from alttext_app.core.builtin.labels import plain_labels
from alttext_app.core.builtin.render_en import _IRREGULAR
from alttext_app.core.builtin.render_zh import table as zh_words
from alttext_app.core.builtin.scene import COLOUR_NAMES


class QuestionKind(Enum):
    TEXT = "text"  # read the text in the image
    COUNT = "count"  # how many X
    PRESENCE = "presence"  # is there an X
    KIND = "kind"  # photo, screenshot, chart, document ...
    COLOUR = "colour"  # colour of the image, the sky or a boxed thing
    PLACE = "place"  # where was it taken
    DESCRIBE = "describe"  # what is in the picture
    OTHER = "other"


@dataclass(frozen=True)
class Question:
    kind: QuestionKind
    thing: str | None = None  # the words asked about, as typed ("red cars", "小狗")
    chinese: bool = False  # asked in Chinese
    text: str = ""  # the question, lowercased (English) and without its final punctuation


_THING = r"(?P<thing>.+?)"
_END_EN = r"(?:\s+(?:are|is|can|do|does|did|in|on|at|there|here|you|visible|shown|inside|near)\b.*)?$"
_IMAGE = r"(?:the |this |that )?(?:image|picture|photo|photograph|pic|screenshot)"
_KINDS_EN = (r"(?P<thing>photo(?:graph)?|picture taken|screen ?shot|screen capture|drawing|illustration|"
             r"chart|graph|diagram|document|scan|page|painting|cartoon|graphic|logo|icon|"
             r"program code|code|dialog|table of|spreadsheet)")
# Colour names ("Is the car red?", "车是红色的吗？"): scene.COLOUR_NAMES, and their Chinese.
_COLOUR_EN = r"(?:red|orange|yellow|green|blue|purple|pink|brown|black|white|gr[ae]y)"
_COLOUR_ZH = r"(?:红|橙|黄|绿|蓝|紫|粉|棕|黑|白|灰)色"
_MEASURE_ZH = r"(?:个|只|条|辆|位|名|张|把|艘|架|头|匹|台|本|块|棵|盆|件|部|座|双|瓶|杯|碗|朵|份|群)?"

# (kind, pattern): tried in this order, the first match decides. English is matched on the
# lowercased question without its final punctuation; Chinese on the question as typed.
PATTERNS: tuple[tuple[QuestionKind, str], ...] = (
    # Reading text.
    (QuestionKind.TEXT, r"\b(?:say|says|said|written|writing|read|reads|spell|spelled|text|words?|"
                        r"letters|caption|title|heading|label|message|slogan|headline)\b"),
    (QuestionKind.TEXT, r"写(?:着|了|的)|文字|字|读(?:一下|出|给)?|念|标题|内容是什么|说(?:了)?什么"),
    # Counting.
    (QuestionKind.COUNT, r"^(?:how many|count(?: the| all)?|the number of|number of)\s+" + _THING + _END_EN),
    (QuestionKind.COUNT, r"(?:几|多少)" + _MEASURE_ZH + _THING + r"(?:[？?吗呢啊]|$)"),
    # The kind of image.
    (QuestionKind.KIND, r"^(?:what|which) (?:kind|type|sort) of (?:image|picture|file|graphic|thing) is"),
    (QuestionKind.KIND, r"^(?:is|was) (?:it|this|that)(?: image| picture| one)? (?:a |an |just a )?"
                        + _KINDS_EN + r"\b"),
    (QuestionKind.KIND, r"(?:照片|相片|截图|截屏|屏幕截图|图表|文档|图形|插图|绘画|画|扫描件|代码|对话框)"
                        r".*(?:吗|还是)|(?:什么|哪种|哪类)(?:类型|种类)?的?(?:图|图片|图像)"),
    # Colour.
    (QuestionKind.COLOUR, r"\b(?:colou?rs?|colou?red|black and white|black-and-white|greyscale|grayscale|"
                          r"monochrome)\b"),
    (QuestionKind.COLOUR, r"颜色|什么色|黑白|彩色"),
    (QuestionKind.COLOUR, r"^(?:is|are) (?:the|this|that|these|those) (?P<thing>.+?) " + _COLOUR_EN
                          + r"(?: or " + _COLOUR_EN + r")?$"),
    (QuestionKind.COLOUR, r"^(?P<thing>.+?)是" + _COLOUR_ZH + r"的?(?:吗|还是)"),
    # Where.
    (QuestionKind.PLACE, r"^where (?:is|was|are|were) (?:this|it|that|they|we)\b|^where\b.*\btaken\b"),
    (QuestionKind.PLACE, r"在哪|哪里|什么地方|哪儿"),
    # Is there a ...
    (QuestionKind.PRESENCE, r"^(?:is|are) there (?:any |a |an |some |one |more than one )?" + _THING
                            + r"(?:\s+(?:in|on|at|here|there|visible|shown|anywhere)\b.*)?$"),
    (QuestionKind.PRESENCE, r"^(?:do|can|could) (?:you|i|we) see (?:any |a |an |some |the )?" + _THING
                            + r"(?:\s+(?:in|on|at|here|there|anywhere)\b.*)?$"),
    (QuestionKind.PRESENCE, r"^(?:does|did) (?:it|" + _IMAGE + r") (?:show|have|contain|include) "
                            r"(?:any |a |an |some |the )?" + _THING + r"$"),
    (QuestionKind.PRESENCE, r"^(?:is|are) (?:it|this|that|these|those|they) (?:a |an |some )?" + _THING + r"$"),
    (QuestionKind.PRESENCE, r"^any " + _THING + r"$"),
    (QuestionKind.PRESENCE, r"^(?:is|are) (?:a |an |any |the |some )?" + _THING + r" (?:in (?:the |this )?"
                            r"(?:image|picture|photo|photograph|pic)|visible|shown|there|here)$"),
    (QuestionKind.PRESENCE, r"有没有(?:一)?" + _MEASURE_ZH + _THING + r"(?:[？?吗呢啊]|$)"),
    (QuestionKind.PRESENCE, r"(?:有|看到|看见|看得到|看得见)(?:一)?" + _MEASURE_ZH + _THING + r"吗"),
    (QuestionKind.PRESENCE, r"^(?:这|那|它)?是(?:一)?" + _MEASURE_ZH + _THING + r"吗"),
    # What is in it.
    (QuestionKind.DESCRIBE, r"^(?:describe|what(?:'s| is) (?:in|on) |what (?:do|can) you see|"
                            r"what(?:'s| is) (?:this|that|it|shown|happening|going on)|tell me (?:about|more)|"
                            r"what(?:'s| is| does) (?:the |this )?(?:image|picture|photo)(?: show| of| about)?)"),
    (QuestionKind.DESCRIBE, r"描述|有什么|是什么|画面|讲讲|说说"),
)
_COMPILED = tuple((kind, re.compile(pattern)) for kind, pattern in PATTERNS)
_HAN = re.compile(r"[\u4e00-\u9fff]")


def route(question: str) -> Question:
    """The kind of `question` and what it asks about."""
    chinese = bool(_HAN.search(question))
    text = " ".join(question.split()).strip()
    if not chinese:
        text = text.lower().rstrip("?.! ").replace("’", "'")
    for kind, pattern in _COMPILED:
        match = pattern.search(text)
        if match is not None:
            thing = match.groupdict().get("thing")
            thing = thing.strip(" ？?吗呢啊了") if thing else None
            return Question(kind, thing or None, chinese, text)
    return Question(QuestionKind.OTHER, None, chinese, text)


# Words people say -> the describer's keys (COCO words and ImageNet plain words). Gendered and
# age words map to "person": the describer never says (or checks) them; the answer says so.
SYNONYMS: dict[str, str] = {
    "people": "person", "persons": "person", "human": "person", "humans": "person",
    "man": "person", "men": "person", "woman": "person", "women": "person", "child": "person",
    "children": "person", "kid": "person", "kids": "person", "boy": "person", "girl": "person",
    "guy": "person", "lady": "person", "baby": "person", "pedestrian": "person", "someone": "person",
    "anyone": "person", "anybody": "person", "somebody": "person", "face": "person", "faces": "person",
    "puppy": "dog", "doggy": "dog", "kitten": "cat", "kitty": "cat", "bike": "bicycle",
    "motorbike": "motorcycle", "scooter": "motorcycle", "airplane": "plane", "aeroplane": "plane",
    "aircraft": "plane", "jet": "plane", "couch": "sofa", "tv": "television", "telly": "television",
    "cellphone": "phone", "cell phone": "phone", "mobile phone": "phone", "smartphone": "phone",
    "mobile": "phone", "mug": "cup", "donut": "doughnut", "automobile": "car", "taxi": "car",
    "lorry": "truck", "ship": "boat", "plant": "potted plant", "houseplant": "potted plant",
    "remote": "remote control", "glass": "wine glass", "fridge": "fridge", "refrigerator": "fridge",
    "desk": "table", "dining table": "table", "computer": "laptop", "notebook computer": "laptop",
    "teddy": "teddy bear", "hydrant": "fire hydrant", "traffic signal": "traffic light",
    "stoplight": "traffic light", "road sign": "sign", "signpost": "sign",
    "pet": "animal", "creature": "animal", "bag": "handbag", "purse": "handbag", "luggage": "suitcase",
}
SYNONYMS_ZH: dict[str, str] = {
    "人们": "person", "行人": "person", "男人": "person", "女人": "person", "男的": "person",
    "女的": "person", "孩子": "person", "小孩": "person", "男孩": "person", "女孩": "person",
    "人": "person", "车": "car", "小狗": "dog", "猫咪": "cat", "小猫": "cat", "单车": "bicycle",
    "电脑": "laptop", "植物": "potted plant", "标志": "street sign", "牌子": "street sign",
}
# Words for what the outdoor layout (`layout`, `Scene.outdoors`) reads from pixels -> its keys:
# "sky", or the GROUND keys that show it ("Are there trees?" is answered by "a tree" or "trees").
_GREEN = ("greenery", "plants", "trees", "a tree")
OUTDOOR_WORDS: dict[str, tuple[str, ...]] = {
    "sky": ("sky",), "skies": ("sky",), "cloud": ("sky",), "clouds": ("sky",),
    "tree": ("a tree", "trees", "plants"), "trees": ("a tree", "trees", "plants"),
    "forest": ("trees",), "woods": ("trees",), "water": ("water",), "lake": ("water",),
    "sea": ("water",), "ocean": ("water",), "river": ("water",), "pond": ("water",),
    "grass": _GREEN, "greenery": _GREEN, "vegetation": _GREEN, "bush": _GREEN, "bushes": _GREEN,
    "hedge": _GREEN, "foliage": _GREEN, "leaves": (*_GREEN, "autumn leaves"), "plant": _GREEN,
    "plants": _GREEN, "leaf": ("autumn leaves",), "autumn": ("autumn leaves",),
    "star": ("stars",), "stars": ("stars",),
    "天空": ("sky",), "天": ("sky",), "云": ("sky",), "树": ("a tree", "trees", "plants"),
    "森林": ("trees",), "水": ("water",), "湖": ("water",), "海": ("water",), "河": ("water",),
    "草": _GREEN, "植物": _GREEN, "绿植": _GREEN, "灌木": _GREEN, "星": ("stars",),
    "落叶": ("autumn leaves",), "树叶": (*_GREEN, "autumn leaves"),
}
GENDERED = {"man", "men", "woman", "women", "boy", "girl", "guy", "lady", "男人", "女人", "男的",
            "女的", "男孩", "女孩", "baby", "child", "children", "kid", "kids"}
_LEADING = {"a", "an", "the", "any", "some", "many", "of", "other", "more", "different"}


@cache
def hierarchy() -> dict[str, frozenset[str]]:
    """Every key -> the words it may be asked as: itself, its coarser words ("dog" -> "animal"),
    the alternatives of a group ("cup or mug" -> "cup", "mug") and its head noun
    ("cup of espresso" -> "cup", "street sign" -> "sign")."""
    found: dict[str, set[str]] = {word: {word} for word in COCO_WORDS}
    for label in plain_labels():
        chain = label.words
        for i, word in enumerate(chain):
            found.setdefault(word, {word}).update(chain[i:])
    tree = {}
    for key, words in found.items():
        expanded = set(words)
        for word in words:
            expanded.update(part.strip() for part in word.split(" or "))
            expanded.add(_head(word))
        tree[key] = frozenset(expanded)
    return tree


# Phrases whose last word is not what they are: a hot dog is no dog.
NO_HEAD = {"hot dog", "sea lion", "sea cow", "guinea pig", "teddy bear", "baseball bat",
           "traffic light", "remote control", "sea slug", "sea urchin", "sea anemone", "hair dryer",
           "computer mouse", "fire hydrant"}


def _head(word: str) -> str:
    """The noun a phrase is about: "cup of espresso" -> "cup", "ping-pong ball" -> "ball"."""
    return word if word in NO_HEAD else word.split(" of ")[0].split(" ")[-1]


@cache
def vocabulary() -> frozenset[str]:
    return frozenset(w for words in hierarchy().values() for w in words) | frozenset(SYNONYMS.values())


def _singulars(word: str) -> list[str]:
    irregular = {plural: single for single, plural in _IRREGULAR.items()}
    found = [word]
    *first, last = word.split(" ")
    if last in irregular:
        found.append(" ".join([*first, irregular[last]]))
    if last.endswith("ies"):
        found.append(" ".join([*first, last[:-3] + "y"]))
    if last.endswith("es"):
        found.append(" ".join([*first, last[:-2]]))
    if last.endswith("s"):
        found.append(" ".join([*first, last[:-1]]))
    return found


def thing_key(thing: str | None, chinese: bool = False) -> str | None:
    """The describer's word for what was asked about, or None when it has none (it cannot see it)."""
    if not thing:
        return None
    if chinese or _HAN.search(thing):
        return _thing_key_zh(thing)
    words = [w for w in re.split(r"[^a-z0-9' -]+", thing.lower()) if w]
    tokens = " ".join(words).split()
    while tokens and tokens[0] in _LEADING:
        tokens = tokens[1:]
    # "red cars parked outside" -> try "red cars parked outside", "cars parked outside", ... and
    # the same without trailing words: the thing is the longest known phrase in it.
    for length in range(len(tokens), 0, -1):
        for start in range(0, len(tokens) - length + 1):
            phrase = " ".join(tokens[start:start + length])
            for candidate in _singulars(phrase) + [phrase]:
                key = SYNONYMS.get(candidate, candidate)
                if key in vocabulary():
                    return key
    return None


@cache
def _zh_nouns() -> dict[str, str]:
    """Chinese noun -> key (COCO words win where two keys share a noun), synonyms included."""
    nouns: dict[str, str] = {}
    for key, entry in zh_words()["words"].items():
        noun = entry.split("|")[0]
        if noun not in nouns or key in COCO_WORDS:
            nouns[noun] = key
    nouns.update(SYNONYMS_ZH)
    return nouns


def _thing_key_zh(thing: str) -> str | None:
    """The longest Chinese noun in `thing` ("图中的小狗" -> "小狗" -> dog)."""
    nouns = _zh_nouns()
    best = max((noun for noun in nouns if noun in thing), key=len, default=None)
    return nouns[best] if best is not None else None


def outdoor_keys(thing: str | None) -> tuple[str, ...]:
    """The outdoor layout's keys for what was asked about ("trees" -> a tree, trees, plants)."""
    if not thing:
        return ()
    if _HAN.search(thing):
        best = max((w for w in OUTDOOR_WORDS if _HAN.search(w) and w in thing), key=len, default=None)
        return OUTDOOR_WORDS[best] if best else ()
    tokens = re.split(r"[^a-z]+", thing.lower())
    return next((OUTDOOR_WORDS[t] for t in reversed(tokens) if t in OUTDOOR_WORDS), ())


def gendered(thing: str | None) -> bool:
    """The question named a gender or an age group, which the describer never tells."""
    if not thing:
        return False
    return any(word in GENDERED for word in re.split(r"\W+", thing.lower())) or any(
        word in thing for word in GENDERED if _HAN.search(word))


def asked_colours(question: Question) -> tuple[str, ...]:
    """The colours a yes-or-no question names ("Is the car red?" -> red), else ()."""
    text = question.text
    if question.chinese:
        if "吗" not in text and "还是" not in text:
            return ()
        names = {zh_words()["colours"][key][0]: key for key in COLOUR_NAMES}
        return tuple(names[m] for m in re.findall(_COLOUR_ZH.replace("(?:", "(", 1), text))
    if not re.match(r"(?:is|are) ", text):
        return ()
    return tuple("grey" if m == "gray" else m for m in re.findall(r"\b(" + _COLOUR_EN[3:-1] + r")\b", text))
