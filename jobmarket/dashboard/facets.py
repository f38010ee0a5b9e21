"""Values the filters can take, counted from the search index's filter columns.

The index already holds each offer's département, commune, contract type and remote mode
as small integer codes, so counting them is a `bincount` over memory-mapped arrays: no
query over the offers when a page opens. Only commune names come from PostgreSQL, from
the small `locations` table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import Engine, text

MAX_COMMUNES = 3000  # busiest communes offered for completion (a datalist stays light)


def counts(index, column: str) -> pd.DataFrame:
    """Active offers per value of a categorical filter column (`value`, `n`), most first."""
    codes = np.asarray(index.arrays[f"{column}_codes"])[np.asarray(index.arrays["active"])]
    labels = np.asarray(index.arrays[f"{column}_labels"]).astype(str)
    n = np.bincount(codes[codes >= 0], minlength=labels.size)
    frame = pd.DataFrame({"value": labels, "n": n})
    return frame[frame["n"] > 0].sort_values(
        ["n", "value"], ascending=[False, True], ignore_index=True
    )


def commune_labels(engine: Engine, codes: list[str]) -> pd.DataFrame:
    """One location label per commune code (`commune_code`, `label`)."""
    if not codes:
        return pd.DataFrame(columns=["commune_code", "label"])
    sql = (
        "SELECT commune_code, min(label) AS label FROM locations "
        "WHERE commune_code = ANY(:codes) GROUP BY commune_code"
    )
    with engine.connect() as conn:
        return pd.read_sql_query(text(sql), conn, params={"codes": list(codes)})


def facets(index, engine: Engine) -> dict[str, pd.DataFrame]:
    """Départements (by code), communes (busiest first, with a label), contract types, remote."""
    departements = counts(index, "departement").sort_values("value", ignore_index=True)
    communes = counts(index, "commune_code").head(MAX_COMMUNES)
    labels = commune_labels(engine, communes["value"].tolist())
    communes = communes.rename(columns={"value": "commune_code"}).merge(
        labels, on="commune_code", how="left"
    )
    return {
        "departements": departements.rename(columns={"value": "departement"}),
        "communes": communes,
        "contract_types": counts(index, "contract_type"),
        "remote": counts(index, "remote"),
    }
