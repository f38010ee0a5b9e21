"""Assembly of one demo offer per API format from the choices drawn in `demo._draw`.

Text blocks (missions, skills, generic paragraphs, location labels) are built once per
generation in `Context`, so assembling an offer is a few dict and string operations.
"""

from __future__ import annotations

import base64
import html
from typing import Any, NamedTuple

import numpy as np
from unidecode import unidecode

from jobmarket.sources.demo_places import all_places
from jobmarket.sources.demo_vocab import COMPANIES, GENERIC, INTROS, OCCUPATIONS

PLACES = all_places()
N_OCCUPATIONS, N_COMPANIES, N_GENERIC_BLOCKS = len(OCCUPATIONS), len(COMPANIES), 128
_ANCHOR_EPOCH = int(np.datetime64("2026-11-27T06:00:00", "s").astype("int64"))
_AZ = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_PAIRS = [a + b for a in _AZ for b in _AZ]
# 64 slots so one drawn integer picks a suffix with realistic frequencies.
_SUFFIXES = (
    [" (H/F)"] * 30 + [" H/F"] * 12 + [" F/H"] * 6 + [" (h/f)"] * 4 + [" - H/F"] * 2 + [""] * 10
)


class Contract(NamedTuple):
    code: str
    labels: tuple[str, str]  # old long label, newer short label
    nature: str
    alternance: bool
    adzuna_type: str | None
    adzuna_time: str | None
    jsearch_type: str
    duration: str | None


CONTRACTS = (
    Contract("CDI", ("Contrat à durée indéterminée", "CDI"), "Contrat travail", False, "permanent", "full_time", "FULLTIME", "Temps plein"),
    Contract("CDI", ("Contrat à durée indéterminée", "CDI"), "Contrat travail", False, "permanent", "part_time", "PARTTIME", "Temps partiel"),
    Contract("CDD", ("Contrat à durée déterminée - 6 Mois", "CDD - 6 Mois"), "Contrat travail", False, "contract", "full_time", "CONTRACTOR", "Temps plein"),
    Contract("MIS", ("Mission intérimaire - 3 Mois", "Mission intérimaire - 3 Mois"), "Contrat travail", False, "contract", None, "CONTRACTOR", None),
    Contract("SAI", ("Travail saisonnier - 2 Mois", "Saisonnier - 2 Mois"), "Contrat travail", False, "contract", "full_time", "CONTRACTOR", "Temps plein"),
    Contract("LIB", ("Profession libérale", "Profession libérale"), "Emploi non salarié", False, None, None, "CONTRACTOR", None),
    Contract("CDD", ("Contrat à durée déterminée - 12 Mois", "CDD - 12 Mois"), "Contrat apprentissage", True, "contract", "full_time", "INTERN", "Temps plein"),
)  # fmt: skip
N_CONTRACTS = len(CONTRACTS)
CONTRACT_WEIGHTS = [0.50, 0.08, 0.17, 0.13, 0.04, 0.03, 0.05]
_EXPERIENCES = (("D", "Débutant accepté"), ("E", "Expérience exigée de 2 An(s)"), ("S", "Expérience souhaitée"),
                ("E", "3 An(s)"), ("E", "Expérience exigée de 5 An(s)"), ("D", "Débutant accepté"))  # fmt: skip
_PUBLISHERS = ("LinkedIn", "Indeed", "Welcome to the Jungle", "Hellowork", "Glassdoor")


def place_weights() -> np.ndarray:
    """Probability of each place: Paris, Lyon and Marseille weigh like big labour markets."""
    city_mass = {"Paris": 0.25, "Lyon": 0.07, "Marseille": 0.06}
    counts = {c: sum(p.city == c for p in PLACES) for c in city_mass}
    others = sum(p.arrondissement == 0 for p in PLACES)
    rest = 1.0 - sum(city_mass.values())
    w = [city_mass[p.city] / counts[p.city] if p.arrondissement else rest / others for p in PLACES]
    return np.asarray(w) / sum(w)


def _ft_label(p: Any) -> tuple[str, str]:
    """France Travail's two spellings of a commune: upper-case short, and the long one."""
    if p.arrondissement:
        return f"{p.dep} - {p.city.upper()} {p.arrondissement:02d}", f"{p.dep} - {p.name}"
    short = unidecode(p.name).upper().replace("-", " ")
    return f"{p.dep} - {short}", f"{p.dep} - {p.name}"


def _adzuna_location(p: Any) -> tuple[str, list[str]]:
    if p.arrondissement:
        nth = "1er" if p.arrondissement == 1 else f"{p.arrondissement}ème"
        return f"{nth} Arrondissement, {p.city}", [
            "France",
            p.region,
            p.dep_name,
            p.city,
            f"{nth} Arrondissement",
        ]
    return f"{p.name}, {p.dep_name}", ["France", p.region, p.dep_name, p.name]


class Context:
    """Text blocks shared by every offer of one generation (the generic paragraphs follow `seed`)."""

    def __init__(self, seed: int):
        rng = np.random.default_rng([seed, 7])
        self.generic = []
        for _ in range(N_GENERIC_BLOCKS):
            picks = rng.choice(len(GENERIC), rng.integers(12, 19), replace=False)
            self.generic.append([GENERIC[i] for i in picks])
        self.generic_text = ["\n".join(s) for s in self.generic]
        self.generic_html = ["".join(f"<p>{html.escape(x)}</p>" for x in s) for s in self.generic]
        self.missions_text, self.missions_html, self.skills_text, self.skills_html = [], [], [], []
        self.competences = []
        for o_idx, occ in enumerate(OCCUPATIONS):
            rots = [occ.missions[r:] + occ.missions[:r] for r in range(5)]
            self.missions_text.append(["Vos missions :\n- " + "\n- ".join(m) for m in rots])
            self.missions_html.append(
                [
                    "<p><strong>Vos missions :</strong></p><ul>"
                    + "".join(f"<li>{x}</li>" for x in m)
                    + "</ul>"
                    for m in rots
                ]
            )
            skills = ", ".join(occ.skills)
            self.skills_text.append(f"Profil recherché : vous maîtrisez {skills}.")
            self.skills_html.append(
                f"<p><b>Profil recherché</b> : vous maîtrisez {skills}.<br/></p>"
            )
            self.competences.append([(f"1{o_idx:02d}{k:03d}", s) for k, s in enumerate(occ.skills)])
        self.ft_labels = [_ft_label(p) for p in PLACES]
        self.adzuna_locations = [_adzuna_location(p) for p in PLACES]

    def description(self, r: dict[str, Any], title: str, company: str | None, as_html: bool) -> str:
        occ, place = r["occ"], PLACES[r["place"]]
        intro = INTROS[r["intro"]].format(
            company=company or "Notre client",
            city=place.city,
            title=title,
            contract=CONTRACTS[r["contract"]].code,
        )
        if as_html:
            return (
                f"<p>{html.escape(intro)}</p>{self.missions_html[occ][r['missions']]}"
                f"{self.skills_html[occ]}{self.generic_html[r['generic']]}"
            )
        return (
            f"{intro}\n\n{self.missions_text[occ][r['missions']]}\n\n"
            f"{self.skills_text[occ]}\n\n{self.generic_text[r['generic']]}"
        )


def _title(r: dict[str, Any], salt: int) -> str:
    base = OCCUPATIONS[r["occ"]].titles[r["title_v"]] + _SUFFIXES[(r["suffix"] * salt) % 64]
    return base.upper() if r["upper"] and salt == 1 else base


def _monthly(r: dict[str, Any]) -> float:
    return round(OCCUPATIONS[r["occ"]].monthly * r["salary_factor"] / 10) * 10


def _ft_salary(r: dict[str, Any]) -> dict[str, str]:
    kind, dot, m = r["salary_kind"], r["dot_decimals"], _monthly(r)
    high = round(m * r["spread"] / 10) * 10

    def num(x: float, digits: int = 1) -> str:
        return f"{x:.{digits}f}" if dot else f"{x:.2f}".replace(".", ",")

    months = " sur 12.0 mois" if dot else " sur 12 mois"
    if kind == 0:
        return {"commentaire": "Selon profil"} if r["misc"] & 16 else {}
    if kind == 1:
        return {"libelle": f"Mensuel de {num(m)} Euros{months}", "complement1": "Mutuelle"}
    if kind == 2:
        return {"libelle": f"Mensuel de {num(m)} Euros à {num(high)} Euros{months}"}
    if kind == 3:
        low_y, high_y = round(m * 12, -3), round(high * 12, -3)
        if r["misc"] & 32:
            return {"libelle": f"Annuel de {low_y:.0f}€ à {high_y:.0f}€"}
        return {"libelle": f"Annuel de {num(low_y)} Euros à {num(high_y)} Euros"}
    hourly = max(11.88, m / 151.67)
    return {
        "libelle": f"Horaire de {num(hourly, 2)} Euros"
        + (" sur 0.0 mois" if dot and r["misc"] & 64 else "")
    }


def france_travail_record(i: int, r: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """One offer as France Travail's search returns it in `resultats`."""
    occ, place, contract, misc = (
        OCCUPATIONS[r["occ"]],
        PLACES[r["place"]],
        CONTRACTS[r["contract"]],
        r["misc"],
    )
    oid = f"{900 + i // 456976:03d}{_PAIRS[(i // 676) % 676]}{_PAIRS[i % 676]}"
    company = COMPANIES[r["company"]] if r["company"] >= 0 else None
    title = _title(r, 1)
    if r["loc_kind"] == 0:
        lieu = {"libelle": ctx.ft_labels[r["place"]][misc & 1], "latitude": place.lat, "longitude": place.lon,
                "codePostal": place.postal, "commune": place.insee}  # fmt: skip
        if misc & 0x3C0 == 0:  # a few partner offers have no coordinates
            del lieu["latitude"], lieu["longitude"]
    else:
        lieu = {"libelle": f"{place.dep} - {place.dep_name}" if r["loc_kind"] == 1 else "France"}
    exp = _EXPERIENCES[(misc >> 2) % 6]
    url = f"https://candidat.francetravail.fr/offres/recherche/detail/{oid}"
    rec: dict[str, Any] = {
        "id": oid, "intitule": title,
        "description": ctx.description(r, OCCUPATIONS[r["occ"]].titles[r["title_v"]], company, r["html"]),
        "dateCreation": r["created"], "dateActualisation": r["updated"], "lieuTravail": lieu,
        "romeCode": occ.rome, "romeLibelle": occ.rome_label, "appellationlibelle": occ.appellation,
        "entreprise": {"nom": company, "entrepriseAdaptee": False} if company else {"entrepriseAdaptee": False},
        "typeContrat": contract.code, "typeContratLibelle": contract.labels[(misc >> 1) & 1],
        "natureContrat": contract.nature, "experienceExige": exp[0], "experienceLibelle": exp[1],
        "salaire": _ft_salary(r), "alternance": contract.alternance, "nombrePostes": 1 + (misc % 7 == 0),
        "accessibleTH": False, "qualificationLibelle": "Cadre" if occ.monthly >= 3200 else "Employé qualifié",
        "codeNAF": occ.naf, "secteurActivite": occ.naf[:2], "secteurActiviteLibelle": occ.sector,
        "origineOffre": {"origine": "1", "urlOrigine": url}, "offresManqueCandidats": False,
    }  # fmt: skip
    if contract.duration:
        rec["dureeTravailLibelle"] = "35H Horaires normaux"
        rec["dureeTravailLibelleConverti"] = contract.duration
    if misc & 0x400:
        rec["competences"] = [{"code": c, "libelle": s, "exigence": "E" if k < 2 else "S"}
                              for k, (c, s) in enumerate(ctx.competences[r["occ"]])]  # fmt: skip
    if r["broken"]:
        rec.pop("intitule") if r["broken"] == 1 else rec.update(intitule="")
    return rec


def adzuna_record(i: int, r: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """One offer as Adzuna's search returns it in `results` (description cut to a snippet)."""
    place, contract, misc = PLACES[r["place"]], CONTRACTS[r["contract"]], r["misc"]
    oid = str(4_900_000_000 + i)
    company = COMPANIES[r["company"]] if r["company"] >= 0 else None
    full = ctx.description(r, OCCUPATIONS[r["occ"]].titles[r["title_v"]], company, False)
    flat = full.replace("\n- ", " ").replace("\n", " ")
    tag, label = OCCUPATIONS[r["occ"]].category
    rec: dict[str, Any] = {
        "__CLASS__": "Adzuna::API::Response::Job", "id": oid, "title": _title(r, 5),
        "description": " " + flat[: r["snippet_len"]].rstrip() + "…", "created": r["created"][:19] + "Z",
        "redirect_url": f"https://www.adzuna.fr/details/{oid}?utm_medium=api&utm_source=demo",
        "company": {"__CLASS__": "Adzuna::API::Response::Company", "display_name": company} if company
        else {"__CLASS__": "Adzuna::API::Response::Company"},
        "category": {"__CLASS__": "Adzuna::API::Response::Category", "tag": tag, "label": label},
        "salary_is_predicted": "0",
    }  # fmt: skip
    if r["loc_kind"] == 2:
        rec["location"] = {
            "__CLASS__": "Adzuna::API::Response::Location",
            "display_name": "France",
            "area": ["France"],
        }
    else:
        display, area = ctx.adzuna_locations[r["place"]]
        rec["location"] = {
            "__CLASS__": "Adzuna::API::Response::Location",
            "display_name": display,
            "area": list(area),
        }
        rec["latitude"], rec["longitude"] = place.lat, place.lon
    if r["salary_kind"]:
        yearly = _monthly(r) * 12
        if misc & 128:  # Adzuna's own estimate: one precise figure
            rec["salary_min"] = rec["salary_max"] = round(yearly * 1.03, 2)
            rec["salary_is_predicted"] = "1"
        else:
            rec["salary_min"], rec["salary_max"] = (
                float(round(yearly, -2)),
                float(round(yearly * r["spread"], -2)),
            )
    if contract.adzuna_type and misc & 256:
        rec["contract_type"] = contract.adzuna_type
    if contract.adzuna_time:
        rec["contract_time"] = contract.adzuna_time
    if r["broken"] == 1:
        del rec["title"]
    return rec


def _posted_text(age: int) -> str:
    days = age // 86400
    if days == 0:
        return f"il y a {max(1, age // 3600)} heures"
    return "il y a 1 jour" if days == 1 else f"il y a {days} jours"


def jsearch_record(i: int, r: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """One offer as JSearch returns it in `data` (French search, country=fr)."""
    place, contract, misc = PLACES[r["place"]], CONTRACTS[r["contract"]], r["misc"]
    occ = OCCUPATIONS[r["occ"]]
    oid = base64.b64encode(b"jm-demo:" + i.to_bytes(8, "big")).decode()
    company = COMPANIES[r["company"]] if r["company"] >= 0 else None
    located = r["loc_kind"] != 2
    dated = misc & 0x1800 != 0  # about a quarter carry only the relative French text
    kind = r["salary_kind"]
    period, factor = {3: ("YEAR", 12), 4: ("HOUR", 1 / 151.67), 1: ("MONTH", 1)}.get(
        kind, (None, 0)
    )
    low = round(_monthly(r) * factor, 2) if period else None
    publisher = _PUBLISHERS[misc % 5]
    link = f"https://emplois.example.fr/{publisher.lower().replace(' ', '-')}/{i}"
    rec: dict[str, Any] = {
        "job_id": oid, "job_title": _title(r, 11), "employer_name": company, "employer_logo": None,
        "employer_website": None, "job_publisher": publisher,
        "job_employment_type": "À plein temps" if misc & 0x2000 and contract.jsearch_type == "FULLTIME" else contract.jsearch_type,
        "job_employment_types": [contract.jsearch_type], "job_apply_link": link, "job_apply_is_direct": False,
        "job_description": ctx.description(r, occ.titles[r["title_v"]], company, r["html"]),
        "job_is_remote": misc % 10 == 0, "job_posted_at": _posted_text(r["age"]),
        "job_posted_at_timestamp": _ANCHOR_EPOCH - r["age"] if dated else None,
        "job_posted_at_datetime_utc": r["created"] if dated else None,
        "job_location": f"{place.city}, {place.region}" if located else "France",
        "job_city": place.city if located else None, "job_state": place.region if located else None,
        "job_country": "FR", "job_latitude": place.lat if located else 46.227638,
        "job_longitude": place.lon if located else 2.213749, "job_benefits": None, "job_salary": None,
        "job_min_salary": low, "job_max_salary": round(low * r["spread"], 2) if low else None,
        "job_salary_period": period,
        "job_highlights": {"Qualifications": list(occ.skills), "Responsibilities": list(occ.missions[:3])}
        if misc & 0x4000 else {},
    }  # fmt: skip
    if r["broken"]:
        rec["job_title"] = None if r["broken"] == 1 else ""
    return rec
