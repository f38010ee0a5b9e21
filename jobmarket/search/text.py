"""The search analyzer: accent folding, French elisions and stop words, light stemming.

Text is folded (lower case, accents and ligatures removed), split into word tokens (so
"l'entreprise" gives "l" and "entreprise", and one-letter tokens are dropped), stop words
are removed and each word is reduced to a stem: feminine job forms first map to the
masculine ("administratrice" -> "administrateur", "vendeuse" -> "vendeur") so a query
naming both forms matches either, then the Snowball French stemmer folds plurals and
inflections. Stemming is done once per distinct word (cached), never per occurrence.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

# Names of programming languages and tools that punctuation would destroy.
_TECH_TOKENS = (
    (re.compile(r"(?<![\w+#])c\+\+(?![\w+])"), " cplusplus "),
    (re.compile(r"(?<![\w+#])c#(?!\w)"), " csharp "),
    (re.compile(r"(?<![\w.])\.net(?!\w)"), " dotnet "),
    (re.compile(r"(?<![\w.])node\.js(?!\w)"), " nodejs "),
)
WORD_PATTERN = r"[^\W_]+"
_WORD = re.compile(WORD_PATTERN)
# Inclusive-writing endings glued to a word ("opérateur(trice)", "chef.fe", "salarié-e"):
# dropped, since the masculine stem already matches both forms.
_GENDER_ENDING = re.compile(
    r"(?<=\w)[(.\-/·]\s?(?:e|ne|se|euse|trice|rice|ive|ere|iere|eure|le|fe|es)\)?(?!\w)"
)

FRENCH_STOP_WORDS = frozenset(
    """
    a ai aie aient aies ait alors as au aucun aucune aupres auquel aura aurai auraient aurais
    aurait auras aurez auriez aurions aurons auront aussi autre autres aux auxquelles auxquels
    avaient avais avait avant avec avez aviez avions avoir avons ayant ayez ayons bon c ca car ce
    ceci cela celle celles celui cependant certain certaine certaines certains ces cet cette ceux
    chaque chez ci comme comment d dans de des deja depuis donc dont du elle elles en encore
    entre es est et etaient etais etait etant ete etes etiez etions etre eu eue eues eurent eus
    eusse eut eux fait faites fois font furent fut h ici il ils j je jusqu l la laquelle le
    lequel les lesquelles lesquels leur leurs lors lui m ma mais me meme memes mes moi moins mon
    n ne ni nos notre nous on ont ou par parce pas peu peut plus pour pourquoi qu quand que quel
    quelle quelles quels qui quoi s sa sans se sera serai seraient serais serait seras serez
    seriez serions serons seront ses si sien soi soient sois soit sommes son sont sous soyez
    soyons suis sur t ta te tes toi ton tous tout toute toutes tres tu un une unes uns vers
    via voici voila vont vos votre vous y
    an and are as at be by for from in is it of on or the this to was we will with you your
    """.split()
)

# Feminine job titles to their masculine form, applied before stemming (longest first).
_FEMININE_SUFFIXES = (
    ("trices", "teur"),
    ("trice", "teur"),
    ("euses", "eur"),
    ("euse", "eur"),
    ("iennes", "ien"),
    ("ienne", "ien"),
    ("ieres", "ier"),
    ("iere", "ier"),
)

_STEMMER = Stemmer.Stemmer("french")
# Longer "words" are URLs, hashes or glued text: noise that would widen the vocabulary array.
MAX_WORD_LENGTH = 30


_COMBINING_MARKS = re.compile(r"[\u0300-\u036f]+")
# Frequent characters outside Latin-1 in offers, replaced so the fast byte path applies.
_NON_LATIN1 = {
    "œ": "oe",
    "’": "'",
    "‘": "'",
    "–": "-",
    "—": "-",
    "…": ".",
    "€": "e",
    "•": "-",
    "ʼ": "'",
}


@lru_cache(maxsize=1)
def _latin1_table() -> bytes:
    """Byte table folding accented Latin-1 letters to their base letter (é -> e)."""
    table = bytearray(range(256))
    for code in range(0xC0, 0x100):
        base = "".join(
            c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c)
        )
        if len(base) == 1 and base.isascii():
            table[code] = ord(base.lower())
    return bytes(table)


def fold(text: str) -> str:
    """Lower-case `text` and strip accents ("Ingénieur Œuvre" -> "ingenieur oeuvre")."""
    folded = text.lower()
    try:  # fast path, most offers: one C-level byte translation
        folded = folded.encode("latin-1").translate(_latin1_table()).decode("latin-1")
    except UnicodeEncodeError:
        for char, replacement in _NON_LATIN1.items():
            if char in folded:
                folded = folded.replace(char, replacement)
        try:
            folded = folded.encode("latin-1").translate(_latin1_table()).decode("latin-1")
        except UnicodeEncodeError:  # other scripts: NFKD splits "é" into "e" + a mark, dropped
            folded = _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", folded))
            folded = folded.replace("æ", "ae").replace("ß", "ss")
    if "+" in folded or "#" in folded or ".n" in folded:
        for pattern, replacement in _TECH_TOKENS:
            folded = pattern.sub(replacement, folded)
    return folded


def normalize(text: str) -> str:
    """Folded text without inclusive-writing endings, ready to split on `WORD_PATTERN`."""
    folded = fold(text)
    if "(" in folded or "." in folded or "-" in folded or "/" in folded or "·" in folded:
        folded = _GENDER_ENDING.sub("", folded)
    return folded


def words(text: str) -> list[str]:
    """Folded word tokens of `text`, before stop words and stemming."""
    return _WORD.findall(normalize(text))


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """Stem of one folded word, or "" for a stop word or a lone letter."""
    if len(word) < 2 or len(word) > MAX_WORD_LENGTH or word in FRENCH_STOP_WORDS:
        return ""
    if word.isdigit():
        return word
    for suffix, replacement in _FEMININE_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            word = word[: -len(suffix)] + replacement
            break
    return _STEMMER.stemWord(word)


def terms(text: str) -> list[str]:
    """Stems of `text` in order, stop words removed: the unigram terms of the index.

    A stem repeated right after itself is kept once: "Agent / Agente" names one job, and
    counting it twice would favour titles written in the board's two-gender form.
    """
    stems = [s for s in map(stem, words(text)) if s]
    return [s for i, s in enumerate(stems) if i == 0 or s != stems[i - 1]]


def bigrams(stems: list[str]) -> list[str]:
    """Adjacent pairs of stems joined by a space ("data analyst" -> "dat analyst")."""
    return [f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False)]


PREFIX_LENGTHS = (5, 7)


def prefixes(text: str) -> list[str]:
    """Word prefixes marked with "#" ("informaticien" -> "#infor", "#informa").

    They let forms the stemmer keeps apart meet ("informatique" and "informaticien",
    "cybersecurite" and "securite" do not, but "decisionnel" and "decision" do).
    """
    return [
        "#" + word[:n]
        for word in words(text)
        if word not in FRENCH_STOP_WORDS and len(word) <= MAX_WORD_LENGTH
        for n in PREFIX_LENGTHS
        if len(word) > n
    ]
