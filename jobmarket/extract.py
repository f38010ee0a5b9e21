"""Orchestration of the extraction notebook: choose each source's mode, fill the raw store.

Mode per source: "import" when an import folder is given, "live" when the source's credentials
are set, "demo" otherwise. Every page lands in the write-once raw store; rerunning the same
run_id resumes. The result carries a per-source table and the facts recorded in the run log.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from jobmarket import config
from jobmarket.raw import RawStore
from jobmarket.sources import demo, recorded

ID_FIELDS = recorded.ID_FIELDS


@dataclass
class SourceStats:
    """What one source did during the extraction."""

    source: str
    mode: str
    requests: int = 0
    pages: int = 0
    resumed: int = 0
    offers: int = 0
    retries: int = 0
    errors: int = 0
    seconds: float = 0.0
    splits: int = 0  # France Travail searches over 3,150 offers cut into smaller ones
    capped: int = 0  # searches stopped at the page cap (max_pages) with more pages left
    unreachable: int = 0  # offers a France Travail search reported but no split could reach
    stopped: str = ""  # why the source stopped early (quota, budget, error), empty when complete
    ids: set = field(default_factory=set, repr=False)

    def row(self) -> dict[str, Any]:
        keys = (
            "source",
            "mode",
            "requests",
            "pages",
            "resumed",
            "offers",
            "retries",
            "errors",
            "seconds",
            "splits",
            "capped",
            "unreachable",
            "stopped",
        )
        return {k: getattr(self, k) for k in keys} | {"distinct": len(self.ids)}


@dataclass
class ExtractResult:
    """Modes, per-source statistics and import problems of one extraction."""

    mode: str
    modes: dict[str, str]
    stats: dict[str, SourceStats]
    errors: list[str] = field(default_factory=list)

    def table(self) -> pd.DataFrame:
        """One row per source: requests, pages, offers, retries, errors, seconds, stop reason."""
        return pd.DataFrame([s.row() for s in self.stats.values()]).set_index("source")

    def facts(self) -> dict[str, Any]:
        """What the run log records for the `extract` step."""
        return {
            "mode": self.mode,
            "modes": self.modes,
            "counts": {
                s: {"extracted": len(st.ids), "records": st.offers} for s, st in self.stats.items()
            },
            "stopped": {s: st.stopped for s, st in self.stats.items() if st.stopped},
            "errors": self.errors,
            "table": [st.row() for st in self.stats.values()],
        }


def plan_modes(
    sources: list[str], import_dir: str, credentialed: list[str]
) -> tuple[str, dict[str, str]]:
    """Overall mode and the mode of each source ("import", "live" or "demo")."""
    unknown = sorted(set(sources) - set(config.SOURCES))
    if unknown:
        raise ValueError(f"unknown sources {unknown}; expected some of {list(config.SOURCES)}")
    if import_dir:  # recorded files carry every source; each offer's source is detected
        return "import", {s: "import" for s in config.SOURCES}
    modes = {s: "live" if s in credentialed else "demo" for s in sources}
    return ("live" if "live" in modes.values() else "demo"), modes


def extract_demo(source: str, run_id: str, n_offers: int, seed: int, raw_root: Path) -> SourceStats:
    """Write the demo pages of one source into the raw store (pages already there are kept)."""
    stats, start = SourceStats(source, "demo"), time.perf_counter()
    store = RawStore(raw_root, source, run_id)
    key = f"demo seed={seed} n_offers={n_offers}"
    total_pages = -(-demo.source_shares(n_offers)[source] // demo.PAGE_SIZES[source])
    id_field = ID_FIELDS[source]
    for page_no, page in enumerate(
        tqdm(
            demo.generate_pages(source, n_offers, seed),
            total=total_pages,
            desc=f"{source} demo",
            unit="page",
        ),
        start=1,
    ):
        records = demo.page_records(source, page)
        stats.offers += len(records)
        stats.ids.update(str(r.get(id_field)) for r in records)
        stats.pages += 1
        if store.find(key, page_no):
            stats.resumed += 1
            continue
        body = json.dumps(page, ensure_ascii=False).encode("utf-8")
        params = {"seed": seed, "n_offers": n_offers}
        store.save(
            body,
            query=key,
            query_key=key,
            page=page_no,
            params=params,
            status=200,
            offers=len(records),
        )
    stats.seconds = round(time.perf_counter() - start, 3)
    return stats


def extract_import(import_dir: str, run_id: str, raw_root: Path) -> ExtractResult:
    """Copy recorded files into the raw store; counts per detected source (all sources found)."""
    start = time.perf_counter()
    report = recorded.import_recorded(Path(import_dir), run_id, raw_root)
    seconds = round(time.perf_counter() - start, 3)
    stats = {
        s: SourceStats(
            s,
            "import",
            pages=report.files,
            offers=report.offers[s],
            seconds=seconds,
            ids=report.ids[s],
        )
        for s in config.SOURCES
    }
    errors = list(report.errors)
    if report.unknown:
        errors.append(f"{report.unknown} objects in offer lists had no recognisable source")
    return ExtractResult("import", {s: "import" for s in config.SOURCES}, stats, errors)


def run_extract(
    run_id: str, sources: list[str], *, seed: int = 42, n_offers: int = demo.DEFAULT_N_OFFERS,
    import_dir: str = "", full_refresh: bool = False, query: dict[str, Any] | None = None,
    raw_root: Path | None = None, settings: config.Settings | None = None, clients: dict[str, Any] | None = None,
) -> ExtractResult:  # fmt: skip
    """Extract every requested source into `<raw_root>/<source>/<run_id>/` in its mode.

    `clients` replaces the live client of a source (tests point them at a local server).
    """
    raw_root = Path(raw_root or config.RAW_DIR)
    settings = settings or config.get_settings()
    mode, modes = plan_modes(sources, import_dir, settings.credentialed_sources())
    if mode == "import":
        return extract_import(import_dir, run_id, raw_root)
    stats, errors = {}, []
    for source in sources:
        if modes[source] == "demo":
            stats[source] = extract_demo(source, run_id, n_offers, seed, raw_root)
        else:
            from jobmarket.sources import live  # only live runs need the HTTP clients

            client = (clients or {}).get(source)
            stats[source] = live.extract_live(
                source, run_id, settings, query or {}, full_refresh, raw_root, client=client
            )
            if stats[source].stopped:
                errors.append(f"{source}: {stats[source].stopped}")
    return ExtractResult(mode, modes, stats, errors)


class ExtractionFailed(RuntimeError):
    """No source produced a single offer and at least one stopped on an error."""


def check(result: ExtractResult) -> None:
    """Fail the step when nothing was extracted because of errors (a partial run passes)."""
    total = sum(st.offers for st in result.stats.values())
    if total == 0 and (result.errors or any(st.stopped for st in result.stats.values())):
        raise ExtractionFailed("no offer extracted: " + "; ".join(problems(result)))


def problems(result: ExtractResult) -> list[str]:
    """Plain sentences on what did not go to plan: stopped sources, unreadable files."""
    lines = [
        f"{s}: stopped early, kept what was fetched ({st.stopped})"
        for s, st in result.stats.items()
        if st.stopped
    ]
    lines += [
        f"unreadable: {e}"
        for e in result.errors
        if not any(e.startswith(f"{s}:") for s in result.stats)
    ]
    return lines
