"""A warehouse and an index of demo offers for the dashboard's browser tests and benchmark.

Runs the real stages (demo generator, cleaning, loading, index build) on a given database,
so the page under test reads exactly what the pipeline would leave.
"""

from __future__ import annotations

from pathlib import Path

from jobmarket import config


def hostile_offer(offers, payload: str, external_id: str = "xss-0001"):
    """A copy of the first offer whose title, description and company carry `payload`."""
    row = offers.iloc[[0]].copy()
    row["external_id"] = external_id
    row["title"] = f"Hostile {payload}"
    row["title_clean"] = f"hostile {payload}".lower()
    row["description"] = f"Texte piégé {payload} fin."
    row["company"] = f"Evil {payload}"
    row["company_key"] = "evil-xss"
    row["duplicate_group"] = None
    return row


def demo_site(
    database_url: str, workdir: Path, n_offers: int, seed: int = 7, extra=None
) -> dict[str, str]:
    """Load `n_offers` demo offers (plus `extra` rows) into a database, build the index there.

    Returns the environment Voila needs to serve that database and index. The run is
    recorded as a demo run, so the page shows its banner.
    """
    import pandas as pd

    from jobmarket import runlog
    from jobmarket.clean import clean
    from jobmarket.search.index import build_from_warehouse
    from jobmarket.sources import demo
    from jobmarket.warehouse import db, load, migrate

    run_id = "dashboard-demo"
    offers, quarantine = clean(list(demo.generate_raw_offers(n_offers=n_offers, seed=seed)))
    if extra is not None:
        offers = pd.concat([offers, extra(offers)], ignore_index=True)
    engine = db.get_engine(database_url)
    try:
        migrate.migrate(engine)
        load.load_offers(engine, offers, run_id, quarantine=quarantine)
        build_from_warehouse(engine, workdir / "index")
    finally:
        engine.dispose()
    reports = workdir / "reports"
    modes = dict.fromkeys(config.SOURCES, "demo")
    runlog.record_step(
        run_id, "extract", {"mode": "demo", "modes": modes}, runs_dir=reports / "runs"
    )
    return {
        "DATABASE_URL": database_url,
        "JOBMARKET_INDEX_DIR": str(workdir / "index"),
        "JOBMARKET_REPORTS_DIR": str(reports),
    }
