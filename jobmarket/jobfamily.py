"""Job families: the ROME family of France Travail offers, inferred from titles for the others.

France Travail labels each offer with a ROME code such as "M1805"; its family is the letter and
the first two digits ("M18"). Adzuna and JSearch offers carry no such label, so each of their
titles is given the family of the nearest France Travail family centroid in a TF-IDF space of
titles (word unigrams and bigrams, accents folded), provided the cosine similarity reaches
`MIN_SIMILARITY`; otherwise the title stays `UNCLASSIFIED`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

UNCLASSIFIED = "unclassified"
MIN_SIMILARITY = 0.25

# The fourteen "grands domaines" of the ROME, by first letter of the code.
ROME_DOMAINS = {
    "A": "Agriculture, espaces verts, animaux",
    "B": "Arts et façonnage d'ouvrages d'art",
    "C": "Banque, assurance, immobilier",
    "D": "Commerce, vente, grande distribution",
    "E": "Communication, média, multimédia",
    "F": "Construction, bâtiment, travaux publics",
    "G": "Hôtellerie-restauration, tourisme, loisirs",
    "H": "Industrie",
    "I": "Installation et maintenance",
    "J": "Santé",
    "K": "Services à la personne et à la collectivité",
    "L": "Spectacle",
    "M": "Support à l'entreprise",
    "N": "Transport et logistique",
}


def rome_family(rome_codes: pd.Series) -> pd.Series:
    """The family ("M18") of each ROME code ("M1805"); missing or malformed codes give NA."""
    codes = rome_codes.astype("string").str.strip().str.upper()
    return codes.where(codes.str.fullmatch(r"[A-N]\d{4}", na=False)).str[:3]


def family_label(family: str, names: dict[str, str] | None = None) -> str:
    """A readable label: "M18 · Data engineer" with a name from `names`, else "M18 · <ROME domain>"."""
    if names and family in names:
        return f"{family} · {names[family]}"
    domain = ROME_DOMAINS.get(str(family)[:1]) if family != UNCLASSIFIED else None
    return f"{family} · {domain}" if domain else str(family)


def infer_families(titles: pd.DataFrame, min_similarity: float = MIN_SIMILARITY) -> pd.DataFrame:
    """Give each distinct title a family: its own when labelled, else the nearest labelled family.

    Args:
        titles: columns `title`, `family` (NA when unknown) and `offers` (how many offers carry
            this title and family; weights the family centroids).
        min_similarity: the cosine similarity below which a title stays `UNCLASSIFIED`.

    Returns:
        The rows of `titles` with `family` filled and `family_method` in
        {"rome", "nearest_title", "unclassified"}.
    """
    result = titles.copy()
    known = result["family"].notna()
    result["family_method"] = np.where(known, "rome", UNCLASSIFIED)
    unknown = ~known & result["title"].fillna("").str.strip().ne("")
    labelled = result[known & result["title"].fillna("").str.strip().ne("")]
    if labelled.empty or not unknown.any():
        result["family"] = result["family"].fillna(UNCLASSIFIED)
        return result

    vectorizer = TfidfVectorizer(strip_accents="unicode", lowercase=True, ngram_range=(1, 2))
    vectors = vectorizer.fit_transform(labelled["title"])
    families, member = np.unique(labelled["family"].to_numpy(dtype=str), return_inverse=True)
    weights = labelled["offers"].to_numpy(dtype=float)
    # Offer-weighted mean of the family's title vectors: frequent titles shape the centroid more.
    assignment = sparse.csr_matrix(
        (weights, (member, np.arange(len(member)))), shape=(len(families), len(member))
    )
    centroids = normalize(assignment @ vectors)
    similarity = (
        normalize(vectorizer.transform(result.loc[unknown, "title"])) @ centroids.T
    ).toarray()
    best = similarity.argmax(axis=1)
    close = similarity[np.arange(len(best)), best] >= min_similarity
    result.loc[unknown, "family"] = np.where(close, families[best], UNCLASSIFIED)
    result.loc[unknown, "family_method"] = np.where(close, "nearest_title", UNCLASSIFIED)
    result["family"] = result["family"].fillna(UNCLASSIFIED)
    return result
