"""Job families of the report: skills and yearly salaries per family and per contract type.

An offer's family is its ROME family when it has a ROME code (France Travail), else the family
`jobfamily.infer_families` gave its title. The inferred families travel to PostgreSQL as two
arrays (title, family) so the grouping by family still happens in SQL.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from jobmarket import jobfamily
from jobmarket.report_scope import Scope, read

QUANTILES = (0.10, 0.25, 0.50, 0.75, 0.90)
MIN_SALARIES = 3  # a distribution of fewer salaries is not drawn

_TITLE = "coalesce(d.title_clean, d.title)"


def family_titles(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Distinct titles in scope with their ROME family (NA when none) and number of offers."""
    return read(engine, f"""
        SELECT {_TITLE} AS title, o.rome_family AS family, count(*) AS offers
        FROM vw_report_offers AS o JOIN vw_offer_details AS d ON d.offer_id = o.offer_id
        WHERE {scope.where()} GROUP BY 1, 2""", scope.params())  # fmt: skip


def title_families(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Every distinct title in scope with its family and how it was found (see `jobfamily`)."""
    titles = family_titles(engine, scope)
    titles["family"] = titles["family"].astype(object).where(titles["family"].notna(), None)
    return jobfamily.infer_families(titles)


def family_names(engine: Engine, longest: int = 40) -> dict[str, str]:
    """A name for each ROME family: the appellation its France Travail offers carry most often."""
    names = read(engine, """
        SELECT o.rome_family AS family, mode() WITHIN GROUP (ORDER BY d.appellation) AS name
        FROM vw_report_offers AS o JOIN france_travail_offers AS d ON d.offer_id = o.offer_id
        WHERE o.rome_family IS NOT NULL AND d.appellation IS NOT NULL GROUP BY 1""")  # fmt: skip
    return {
        f: n if len(n) <= longest else n[: longest - 1] + "…"
        for f, n in zip(names["family"], names["name"], strict=True)
    }


def with_labels(table: pd.DataFrame, column: str, names: dict[str, str]) -> pd.DataFrame:
    """`table` with its family codes in `column` replaced by readable labels."""
    return table.assign(**{column: table[column].map(lambda f: jobfamily.family_label(f, names))})


def _offer_family_cte(scope: Scope) -> str:
    return f"""
        inferred AS (
            SELECT * FROM unnest(CAST(:titles AS text[]), CAST(:families AS text[])) AS f(title, family)
        ),
        offer_family AS (
            SELECT o.offer_id, o.rome_family, o.contract_type, o.salary_mid, o.salary_is_estimated,
                   coalesce(o.rome_family, i.family, '{jobfamily.UNCLASSIFIED}') AS family
            FROM vw_report_offers AS o JOIN vw_offer_details AS d ON d.offer_id = o.offer_id
            LEFT JOIN inferred AS i ON o.rome_family IS NULL AND i.title = {_TITLE}
            WHERE {scope.where()}
        )"""


def _family_params(scope: Scope, families: pd.DataFrame, **extra) -> dict:
    inferred = families[families["family_method"] == "nearest_title"]
    return scope.params(
        titles=inferred["title"].tolist(), families=inferred["family"].tolist(), **extra
    )


def offers_by_family(engine: Engine, scope: Scope, families: pd.DataFrame) -> pd.DataFrame:
    """Offers per family, with how many got their family from the title rather than a ROME code."""
    return read(engine, f"""
        WITH {_offer_family_cte(scope)}
        SELECT family, count(*) AS offers,
               count(*) FILTER (WHERE rome_family IS NULL AND family <> :unclassified) AS inferred
        FROM offer_family GROUP BY family ORDER BY offers DESC, family""",
        _family_params(scope, families, unclassified=jobfamily.UNCLASSIFIED))  # fmt: skip


def skills_by_family(
    engine: Engine, scope: Scope, families: pd.DataFrame, n_families: int = 6, per_family: int = 8
) -> pd.DataFrame:
    """The top skills of the largest classified families (columns family, skill, offers)."""
    table = read(engine, f"""
        WITH {_offer_family_cte(scope)},
        biggest AS (
            SELECT family FROM offer_family WHERE family <> :unclassified
            GROUP BY family ORDER BY count(*) DESC, family LIMIT :n_families
        ),
        counted AS (
            SELECT f.family, k.name AS skill, count(*) AS offers,
                   row_number() OVER (PARTITION BY f.family ORDER BY count(*) DESC, k.name) AS rank
            FROM offer_family AS f JOIN biggest USING (family)
            JOIN offer_skills AS os ON os.offer_id = f.offer_id JOIN skills AS k ON k.id = os.skill_id
            GROUP BY f.family, k.name
        )
        SELECT family, skill, offers FROM counted WHERE rank <= :per_family
        ORDER BY family, offers DESC""",
        _family_params(scope, families, unclassified=jobfamily.UNCLASSIFIED,
                       n_families=n_families, per_family=per_family))  # fmt: skip
    return table


def salary_stats(
    engine: Engine, scope: Scope, families: pd.DataFrame, by: str = "family", top: int = 10
) -> pd.DataFrame:
    """Yearly salary quantiles per family or contract type, published and estimated apart.

    Returns:
        Columns group, kind ("published"/"estimated"), offers, p10, p25, p50, p75, p90, for the
        `top` groups with most salaries (groups with fewer than `MIN_SALARIES` left out).
    """
    group = {"family": "family", "contract_type": "coalesce(contract_type, 'unknown')"}[by]
    table = read(engine, f"""
        WITH {_offer_family_cte(scope)},
        paid AS (SELECT {group} AS grp, salary_is_estimated, salary_mid FROM offer_family
                 WHERE salary_mid IS NOT NULL),
        biggest AS (SELECT grp FROM paid GROUP BY grp ORDER BY count(*) DESC, grp LIMIT :top)
        SELECT grp AS "group",
               CASE WHEN salary_is_estimated THEN 'estimated' ELSE 'published' END AS kind,
               count(*) AS offers,
               percentile_cont(CAST(:quantiles AS double precision[]))
                   WITHIN GROUP (ORDER BY salary_mid) AS q
        FROM paid JOIN biggest USING (grp) GROUP BY 1, 2 HAVING count(*) >= :min_n
        ORDER BY 1, 2""",
        _family_params(scope, families, top=top, quantiles=list(QUANTILES),
                       min_n=MIN_SALARIES))  # fmt: skip
    columns = [f"p{round(q * 100):02d}" for q in QUANTILES]
    quantiles = pd.DataFrame(table.pop("q").tolist(), columns=columns, index=table.index)
    table = pd.concat([table, quantiles.astype(float)], axis=1)
    return table
