"""French places of the demo generator: big cities and the Paris/Lyon/Marseille arrondissements.

Written for this project (INSEE commune code, postal code, name, coordinates, département and
region), so demo offers carry real places without reading the shared reference tables.
"""

from __future__ import annotations

from typing import NamedTuple


class Place(NamedTuple):
    """One commune (or municipal arrondissement) an offer can be located in."""

    insee: str
    postal: str
    name: str
    lat: float
    lon: float
    dep: str
    dep_name: str
    region: str
    city: str  # the city an arrondissement belongs to (its own name otherwise)
    arrondissement: int  # 0 when the commune has none


_IDF, _ARA, _PACA = "Île-de-France", "Auvergne-Rhône-Alpes", "Provence-Alpes-Côte d'Azur"
_OCC, _NA, _GE = "Occitanie", "Nouvelle-Aquitaine", "Grand Est"
_PDL, _HDF, _NOR, _BRE = "Pays de la Loire", "Hauts-de-France", "Normandie", "Bretagne"
_BFC, _CVL, _COR = "Bourgogne-Franche-Comté", "Centre-Val de Loire", "Corse"

# (insee, postal, name, lat, lon, dep, dep_name, region)
_CITIES = [
    ("31555", "31000", "Toulouse", 43.6045, 1.4440, "31", "Haute-Garonne", _OCC),
    ("06088", "06000", "Nice", 43.7034, 7.2663, "06", "Alpes-Maritimes", _PACA),
    ("44109", "44000", "Nantes", 47.2184, -1.5536, "44", "Loire-Atlantique", _PDL),
    ("34172", "34000", "Montpellier", 43.6119, 3.8772, "34", "Hérault", _OCC),
    ("67482", "67000", "Strasbourg", 48.5734, 7.7521, "67", "Bas-Rhin", _GE),
    ("33063", "33000", "Bordeaux", 44.8378, -0.5792, "33", "Gironde", _NA),
    ("59350", "59000", "Lille", 50.6292, 3.0573, "59", "Nord", _HDF),
    ("35238", "35000", "Rennes", 48.1173, -1.6778, "35", "Ille-et-Vilaine", _BRE),
    ("51454", "51100", "Reims", 49.2583, 4.0317, "51", "Marne", _GE),
    ("83137", "83000", "Toulon", 43.1242, 5.9280, "83", "Var", _PACA),
    ("42218", "42000", "Saint-Étienne", 45.4397, 4.3872, "42", "Loire", _ARA),
    ("76351", "76600", "Le Havre", 49.4944, 0.1079, "76", "Seine-Maritime", _NOR),
    ("38185", "38000", "Grenoble", 45.1885, 5.7245, "38", "Isère", _ARA),
    ("21231", "21000", "Dijon", 47.3220, 5.0415, "21", "Côte-d'Or", _BFC),
    ("49007", "49000", "Angers", 47.4784, -0.5632, "49", "Maine-et-Loire", _PDL),
    ("30189", "30000", "Nîmes", 43.8367, 4.3601, "30", "Gard", _OCC),
    ("69266", "69100", "Villeurbanne", 45.7719, 4.8902, "69", "Rhône", _ARA),
    ("63113", "63000", "Clermont-Ferrand", 45.7772, 3.0870, "63", "Puy-de-Dôme", _ARA),
    ("72181", "72000", "Le Mans", 48.0061, 0.1996, "72", "Sarthe", _PDL),
    ("13001", "13090", "Aix-en-Provence", 43.5297, 5.4474, "13", "Bouches-du-Rhône", _PACA),
    ("29019", "29200", "Brest", 48.3904, -4.4861, "29", "Finistère", _BRE),
    ("37261", "37000", "Tours", 47.3941, 0.6848, "37", "Indre-et-Loire", _CVL),
    ("80021", "80000", "Amiens", 49.8941, 2.2958, "80", "Somme", _HDF),
    ("87085", "87000", "Limoges", 45.8336, 1.2611, "87", "Haute-Vienne", _NA),
    ("66136", "66000", "Perpignan", 42.6887, 2.8948, "66", "Pyrénées-Orientales", _OCC),
    ("57463", "57000", "Metz", 49.1193, 6.1757, "57", "Moselle", _GE),
    ("25056", "25000", "Besançon", 47.2378, 6.0241, "25", "Doubs", _BFC),
    ("45234", "45000", "Orléans", 47.9030, 1.9093, "45", "Loiret", _CVL),
    ("76540", "76000", "Rouen", 49.4432, 1.0999, "76", "Seine-Maritime", _NOR),
    ("14118", "14000", "Caen", 49.1829, -0.3707, "14", "Calvados", _NOR),
    ("54395", "54000", "Nancy", 48.6921, 6.1844, "54", "Meurthe-et-Moselle", _GE),
    ("92012", "92100", "Boulogne-Billancourt", 48.8397, 2.2399, "92", "Hauts-de-Seine", _IDF),
    ("92050", "92000", "Nanterre", 48.8924, 2.2071, "92", "Hauts-de-Seine", _IDF),
    ("93066", "93200", "Saint-Denis", 48.9362, 2.3574, "93", "Seine-Saint-Denis", _IDF),
    ("78646", "78000", "Versailles", 48.8049, 2.1204, "78", "Yvelines", _IDF),
    ("91377", "91300", "Massy", 48.7309, 2.2713, "91", "Essonne", _IDF),
    ("94028", "94000", "Créteil", 48.7904, 2.4556, "94", "Val-de-Marne", _IDF),
    ("2A004", "20000", "Ajaccio", 41.9192, 8.7386, "2A", "Corse-du-Sud", _COR),
    ("2B033", "20200", "Bastia", 42.6973, 9.4509, "2B", "Haute-Corse", _COR),
    ("64445", "64000", "Pau", 43.2951, -0.3708, "64", "Pyrénées-Atlantiques", _NA),
    ("17300", "17000", "La Rochelle", 46.1603, -1.1511, "17", "Charente-Maritime", _NA),
    ("74010", "74000", "Annecy", 45.8992, 6.1294, "74", "Haute-Savoie", _ARA),
]

_PARIS = [(48.8625, 2.3364), (48.8683, 2.3428), (48.8630, 2.3601), (48.8543, 2.3576),
          (48.8445, 2.3497), (48.8491, 2.3328), (48.8562, 2.3121), (48.8727, 2.3125),
          (48.8771, 2.3375), (48.8762, 2.3607), (48.8591, 2.3800), (48.8350, 2.4213),
          (48.8283, 2.3622), (48.8292, 2.3265), (48.8401, 2.2930), (48.8604, 2.2620),
          (48.8873, 2.3067), (48.8925, 2.3484), (48.8871, 2.3848), (48.8634, 2.4011)]  # fmt: skip
_LYON = [(45.7676, 4.8344), (45.7485, 4.8270), (45.7597, 4.8490), (45.7786, 4.8272),
         (45.7566, 4.8025), (45.7729, 4.8520), (45.7334, 4.8397), (45.7345, 4.8694),
         (45.7745, 4.8056)]  # fmt: skip
_MARSEILLE = [(43.2999, 5.3841), (43.3127, 5.3637), (43.3121, 5.3802), (43.3065, 5.4009),
              (43.2927, 5.3978), (43.2870, 5.3808), (43.2826, 5.3630), (43.2413, 5.3745),
              (43.2340, 5.4463), (43.2757, 5.4270), (43.2888, 5.4838), (43.3079, 5.4448),
              (43.3497, 5.4324), (43.3449, 5.3924), (43.3590, 5.3631), (43.3648, 5.3131)]  # fmt: skip


def _arrondissements() -> list[Place]:
    places = []
    for i, (lat, lon) in enumerate(_PARIS, start=1):
        places.append(
            Place(f"751{i:02d}", f"750{i:02d}", f"Paris {i}e Arrondissement", lat, lon,
                  "75", "Paris", _IDF, "Paris", i)
        )  # fmt: skip
    for i, (lat, lon) in enumerate(_LYON, start=1):
        places.append(
            Place(f"6938{i}", f"6900{i}", f"Lyon {i}e Arrondissement", lat, lon,
                  "69", "Rhône", _ARA, "Lyon", i)
        )  # fmt: skip
    for i, (lat, lon) in enumerate(_MARSEILLE, start=1):
        places.append(
            Place(f"132{i:02d}", f"130{i:02d}", f"Marseille {i}e Arrondissement", lat, lon,
                  "13", "Bouches-du-Rhône", _PACA, "Marseille", i)
        )  # fmt: skip
    return places


def all_places() -> list[Place]:
    """Every demo place: arrondissements first, then the other big cities."""
    cities = [Place(*row, city=row[2], arrondissement=0) for row in _CITIES]
    return _arrondissements() + cities
