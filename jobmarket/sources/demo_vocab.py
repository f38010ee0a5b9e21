"""Vocabulary of the demo generator: occupations, companies and description sentences.

Written for this project. Each occupation carries a ROME code, a ROME label and an appellation
label in France Travail's style, with titles, missions and skills that belong to it, so that a
search for an appellation finds the offers of that ROME code (the ground truth of the search
evaluation on demo data).
"""

from __future__ import annotations

from typing import NamedTuple


class Occupation(NamedTuple):
    """One job of the demo market."""

    rome: str
    rome_label: str
    appellation: str
    titles: tuple[str, ...]
    missions: tuple[str, ...]
    skills: tuple[str, ...]
    sector: str
    naf: str
    monthly: int  # typical gross monthly salary in euros
    category: tuple[str, str]  # Adzuna (tag, label)


_IT = ("it-jobs", "Emplois Informatique")
_HEALTH = ("healthcare-nursing-jobs", "Emplois Santé et infirmerie")
_LOGI = ("logistics-warehouse-jobs", "Emplois Logistique et entrepôt")
_SALES = ("sales-jobs", "Emplois Commercial")
_HOSP = ("hospitality-catering-jobs", "Emplois Hôtellerie et restauration")
_BUILD = ("trade-construction-jobs", "Emplois Construction et BTP")
_ADMIN = ("admin-jobs", "Emplois Administration")
_ACC = ("accounting-finance-jobs", "Emplois Comptabilité et finance")
_ENG = ("engineering-jobs", "Emplois Ingénierie")

_O = Occupation
OCCUPATIONS: tuple[Occupation, ...] = (
    _O("M1805", "Études et développement informatique", "Développeur / Développeuse web",
      ("Développeur web", "Développeur full stack", "Développeur JavaScript React"),
      ("développer de nouvelles fonctionnalités front-end et back-end de nos applications web",
       "concevoir des API REST et les documenter", "écrire des tests automatisés et relire le code de l'équipe",
       "participer aux cérémonies agiles et au chiffrage des user stories",
       "optimiser les performances et l'accessibilité des pages"),
      ("JavaScript", "React", "Node.js", "Git", "API REST"), "Programmation informatique", "62.01Z", 3300, _IT),
    _O("M1405", "Data science et analyse de données", "Data scientist",
      ("Data scientist", "Data scientist junior", "Ingénieur machine learning"),
      ("construire des modèles de machine learning de prévision de la demande",
       "explorer et préparer de grands volumes de données", "mesurer la performance des modèles et les mettre en production",
       "présenter les résultats aux équipes métier avec des visualisations claires",
       "assurer une veille sur les méthodes statistiques et d'intelligence artificielle"),
      ("Python", "scikit-learn", "SQL", "statistiques", "machine learning"), "Conseil en systèmes et logiciels informatiques", "62.02A", 3800, _IT),
    _O("M1811", "Data engineering", "Data engineer",
      ("Data engineer", "Ingénieur data", "Data engineer Spark"),
      ("concevoir et maintenir les pipelines d'ingestion de données", "modéliser l'entrepôt de données et ses tables de faits",
       "industrialiser les traitements sur le cloud", "garantir la qualité et la traçabilité des données",
       "automatiser les déploiements avec des outils d'intégration continue"),
      ("Python", "Spark", "SQL", "Airflow", "PostgreSQL"), "Conseil en systèmes et logiciels informatiques", "62.02A", 3900, _IT),
    _O("M1403", "Études et prospectives socio-économiques", "Data analyst",
      ("Data analyst", "Analyste de données", "Business analyst data"),
      ("produire les tableaux de bord de suivi de l'activité", "analyser les ventes et les parcours clients",
       "rédiger des requêtes SQL sur l'entrepôt de données", "répondre aux demandes d'analyse des directions métier",
       "fiabiliser les indicateurs clés de performance"),
      ("SQL", "Power BI", "Excel", "Python", "reporting"), "Activités des sièges sociaux", "70.10Z", 3200, _IT),
    _O("M1810", "Production et exploitation de systèmes d'information", "Administrateur / Administratrice système",
      ("Administrateur système Linux", "Administrateur systèmes et réseaux", "Ingénieur DevOps"),
      ("administrer les serveurs Linux et la virtualisation", "superviser la production et traiter les incidents",
       "automatiser l'infrastructure avec Ansible et Terraform", "gérer les sauvegardes et le plan de reprise d'activité",
       "sécuriser les accès et appliquer les correctifs"),
      ("Linux", "Ansible", "Docker", "Kubernetes", "supervision"), "Programmation informatique", "62.01Z", 3400, _IT),
    _O("M1801", "Administration de systèmes d'information", "Technicien / Technicienne support informatique",
      ("Technicien support informatique", "Technicien helpdesk", "Technicien de proximité"),
      ("assister les utilisateurs par téléphone et sur site", "installer et configurer les postes de travail",
       "diagnostiquer les pannes matérielles et logicielles", "suivre les tickets dans l'outil de gestion des incidents",
       "gérer le parc informatique et les stocks"),
      ("Windows", "Active Directory", "ITIL", "Office 365", "diagnostic"), "Réparation d'ordinateurs", "95.11Z", 2100, _IT),
    _O("J1506", "Soins infirmiers généralistes", "Infirmier / Infirmière de soins généraux",
      ("Infirmier", "Infirmier diplômé d'État", "Infirmier de nuit"),
      ("réaliser les soins prescrits et surveiller l'état de santé des patients", "préparer et administrer les traitements",
       "tenir à jour le dossier de soins infirmiers", "accompagner les patients et leurs familles",
       "encadrer les aides-soignants et les stagiaires"),
      ("soins infirmiers", "dossier patient", "hygiène hospitalière", "pharmacologie"), "Activités hospitalières", "86.10Z", 2400, _HEALTH),
    _O("J1501", "Soins d'hygiène, de confort du patient", "Aide-soignant / Aide-soignante",
      ("Aide-soignant", "Aide-soignant en EHPAD", "Aide-soignant de nuit"),
      ("aider les résidents dans les actes de la vie quotidienne", "réaliser les soins d'hygiène et de confort",
       "observer et transmettre l'état des résidents à l'infirmier", "participer à l'animation et aux repas",
       "veiller au confort et à la sécurité des personnes âgées"),
      ("soins d'hygiène", "bientraitance", "transmissions", "ergonomie"), "Hébergement médicalisé pour personnes âgées", "87.10A", 1950, _HEALTH),
    _O("K2204", "Nettoyage de locaux", "Agent / Agente de propreté",
      ("Agent de propreté", "Agent d'entretien", "Agent de nettoyage industriel"),
      ("nettoyer les bureaux, sanitaires et parties communes", "utiliser les autolaveuses et le matériel de nettoyage",
       "respecter les protocoles d'hygiène et de sécurité", "gérer les produits et signaler les anomalies",
       "vider les corbeilles et trier les déchets"),
      ("nettoyage", "produits d'entretien", "autolaveuse", "tri des déchets"), "Nettoyage courant des bâtiments", "81.21Z", 1780, _LOGI),
    _O("N4105", "Conduite et livraison par tournées sur courte distance", "Chauffeur-livreur / Chauffeuse-livreuse",
      ("Chauffeur livreur", "Chauffeur livreur VL", "Livreur permis B"),
      ("charger le véhicule et organiser la tournée", "livrer les colis aux particuliers et aux professionnels",
       "faire signer les bons de livraison", "vérifier l'état du véhicule utilitaire",
       "encaisser les paiements à la livraison"),
      ("permis B", "tournée de livraison", "manutention", "relation client"), "Transports routiers de fret de proximité", "49.41B", 1850, _LOGI),
    _O("N1103", "Magasinage et préparation de commandes", "Préparateur / Préparatrice de commandes",
      ("Préparateur de commandes", "Cariste préparateur", "Magasinier"),
      ("préparer les commandes avec un terminal de lecture", "conduire un chariot élévateur CACES 1",
       "réceptionner et contrôler les marchandises", "ranger les produits et réaliser les inventaires",
       "emballer et étiqueter les colis"),
      ("CACES", "scanner", "gestion des stocks", "manutention"), "Entreposage et stockage non frigorifique", "52.10B", 1800, _LOGI),
    _O("D1106", "Vente en alimentation", "Vendeur / Vendeuse en boulangerie-pâtisserie",
      ("Vendeur en boulangerie", "Vendeuse en boulangerie pâtisserie", "Vendeur en boulangerie"),
      ("accueillir et conseiller les clients", "mettre en valeur les produits en vitrine",
       "encaisser les ventes", "respecter les règles d'hygiène alimentaire",
       "réceptionner les livraisons et tenir la boutique propre"),
      ("encaissement", "conseil client", "hygiène alimentaire", "mise en rayon"), "Boulangerie et boulangerie-pâtisserie", "10.71C", 1780, _SALES),
    _O("D1402", "Relation commerciale grands comptes et entreprises", "Commercial / Commerciale B to B",
      ("Commercial B to B", "Commercial terrain", "Business developer"),
      ("prospecter de nouveaux clients entreprises sur votre secteur", "négocier les contrats et suivre le portefeuille",
       "préparer les propositions commerciales", "tenir à jour le CRM",
       "atteindre les objectifs de chiffre d'affaires"),
      ("prospection", "négociation", "CRM", "Salesforce"), "Commerce de gros", "46.69B", 2800, _SALES),
    _O("G1602", "Personnel de cuisine", "Commis / Commise de cuisine",
      ("Commis de cuisine", "Cuisinier", "Chef de partie"),
      ("préparer les entrées, plats et desserts", "réaliser la mise en place avant le service",
       "respecter les normes HACCP", "participer au nettoyage de la cuisine",
       "réceptionner et stocker les marchandises"),
      ("HACCP", "mise en place", "cuisine traditionnelle", "dressage"), "Restauration traditionnelle", "56.10A", 1850, _HOSP),
    _O("G1803", "Service en restauration", "Serveur / Serveuse en restauration",
      ("Serveur", "Serveur en brasserie", "Chef de rang"),
      ("accueillir les clients et les installer", "prendre les commandes et servir à table",
       "conseiller sur les plats et les vins", "dresser et débarrasser les tables",
       "encaisser les additions"),
      ("service en salle", "accueil client", "encaissement", "anglais"), "Restauration traditionnelle", "56.10A", 1800, _HOSP),
    _O("F1703", "Maçonnerie", "Maçon / Maçonne",
      ("Maçon", "Maçon coffreur", "Maçon qualifié"),
      ("monter les murs en parpaings et en briques", "réaliser les coffrages et couler le béton",
       "lire les plans d'exécution", "poser les éléments préfabriqués",
       "respecter les règles de sécurité du chantier"),
      ("lecture de plans", "coffrage", "béton armé", "sécurité chantier"), "Travaux de maçonnerie générale", "43.99C", 2200, _BUILD),
    _O("F1602", "Électricité bâtiment", "Électricien / Électricienne du bâtiment",
      ("Électricien bâtiment", "Électricien", "Électricien courant faible"),
      ("installer les réseaux électriques des logements neufs", "poser les tableaux et les appareillages",
       "raccorder et mettre en service les installations", "diagnostiquer les pannes",
       "respecter la norme NF C 15-100"),
      ("habilitation électrique", "NF C 15-100", "lecture de schémas", "domotique"), "Travaux d'installation électrique", "43.21A", 2300, _BUILD),
    _O("I1604", "Mécanique automobile et entretien de véhicules", "Mécanicien / Mécanicienne automobile",
      ("Mécanicien automobile", "Mécanicien poids lourds", "Technicien automobile"),
      ("réaliser l'entretien courant des véhicules", "diagnostiquer les pannes avec la valise",
       "remplacer les pièces mécaniques", "effectuer les essais routiers",
       "conseiller les clients sur les réparations"),
      ("diagnostic", "mécanique", "électronique embarquée", "freinage"), "Entretien et réparation de véhicules", "45.20A", 2100, _ENG),
    _O("M1607", "Secrétariat", "Secrétaire administratif / administrative",
      ("Secrétaire administratif", "Assistant administratif", "Secrétaire polyvalent"),
      ("accueillir les visiteurs et gérer le standard", "rédiger les courriers et comptes rendus",
       "organiser les agendas et les réunions", "classer et archiver les dossiers",
       "suivre les commandes de fournitures"),
      ("bureautique", "accueil", "classement", "Word"), "Activités des sièges sociaux", "70.10Z", 1950, _ADMIN),
    _O("M1203", "Comptabilité", "Comptable",
      ("Comptable", "Comptable général", "Assistant comptable"),
      ("saisir et contrôler les écritures comptables", "préparer les déclarations de TVA",
       "réaliser les rapprochements bancaires", "participer aux clôtures mensuelles et annuelles",
       "suivre les comptes clients et fournisseurs"),
      ("comptabilité générale", "TVA", "Sage", "Excel"), "Activités comptables", "69.20Z", 2500, _ACC),
    _O("M1503", "Management des ressources humaines", "Chargé / Chargée de recrutement",
      ("Chargé de recrutement", "Talent acquisition", "Chargé RH"),
      ("rédiger et diffuser les offres d'emploi", "sourcer et présélectionner les candidats",
       "conduire les entretiens de recrutement", "organiser l'intégration des nouveaux salariés",
       "suivre les indicateurs de recrutement"),
      ("sourcing", "entretien", "droit du travail", "SIRH"), "Activités des agences de travail temporaire", "78.20Z", 2600, _ADMIN),
    _O("H2913", "Soudage manuel", "Soudeur / Soudeuse",
      ("Soudeur", "Soudeur TIG", "Soudeur MIG MAG"),
      ("souder les pièces métalliques selon les plans", "préparer les chanfreins et le matériel",
       "contrôler la qualité des soudures", "régler les postes de soudage",
       "respecter les consignes de sécurité"),
      ("soudure TIG", "soudure MIG", "lecture de plans", "métallerie"), "Fabrication de structures métalliques", "25.11Z", 2300, _ENG),
    _O("K2111", "Formation professionnelle", "Formateur / Formatrice",
      ("Formateur", "Formateur bureautique", "Formateur pour adultes"),
      ("animer les sessions de formation en présentiel et à distance", "concevoir les supports pédagogiques",
       "évaluer les acquis des stagiaires", "adapter les contenus aux publics",
       "assurer le suivi administratif des formations"),
      ("pédagogie", "animation", "ingénierie de formation", "e-learning"), "Formation continue d'adultes", "85.59A", 2400, _ADMIN),
    _O("H1206", "Management et ingénierie études, recherche et développement industriel", "Ingénieur / Ingénieure R&D",
      ("Ingénieur R&D", "Ingénieur mécanique", "Ingénieur conception"),
      ("concevoir de nouveaux produits industriels", "réaliser les calculs et les simulations",
       "piloter les essais et les prototypes", "rédiger les cahiers des charges",
       "coordonner les fournisseurs et les équipes de production"),
      ("CAO", "SolidWorks", "gestion de projet", "calcul de structures"), "Ingénierie, études techniques", "71.12B", 3700, _ENG),
)  # fmt: skip

COMPANIES: tuple[str, ...] = (
    "ATELIERS DU RHÔNE", "Numérik Conseil", "CLINIQUE SAINTE-ANNE", "Groupe Boréal", "LOGIFRET",
    "Boulangerie Martin", "SAS HORIZON PROPRETÉ", "Datanova", "Brasserie du Port", "BTP Méditerranée",
    "Résidence Les Tilleuls", "Cabinet Lefèvre & Associés", "ELEC'OUEST", "Garage Central",
    "Talentis Intérim", "INDUSTRIES MÉCANIQUES DE L'EST", "FormaPlus", "Cloudy Systems",
    "Transports Girard", "Hôpital privé des Alpes", "Maison Dubois", "Soft'Azur", "Alpha Recrutement",
    "ONET", "Les Délices de Camille", "Métallerie Bernard", "Crédit Solidaire", "ÉCO-BÂTIR",
    "Agence Interim Plus", "Qualisoin", "NEXTDATA", "Le Bistrot Parisien", "Optima Logistique",
    "Mairie de quartier", "SOLUTIONS INFORMATIQUES DU SUD", "Ambulances Provençales",
)  # fmt: skip

INTROS: tuple[str, ...] = (
    "{company} recrute pour son site de {city} un {title} afin de renforcer ses équipes.",
    "Rejoignez {company}, acteur reconnu de son secteur, qui recherche un {title} à {city}.",
    "Dans le cadre de son développement, {company} recrute un {title} en {contract} basé à {city}.",
    "Votre agence recherche pour l'un de ses clients situé à {city} un {title}.",
    "Nous recherchons un {title} motivé pour rejoindre notre équipe de {city}.",
)

GENERIC: tuple[str, ...] = (
    "Vous travaillerez au sein d'une équipe bienveillante où l'entraide et la transmission des savoir-faire comptent autant que les résultats.",
    "Le poste est à pourvoir dès que possible ; une période d'intégration avec un tuteur est prévue pour vous présenter nos outils et nos méthodes.",
    "Nous accordons une grande importance à la qualité de vie au travail : horaires adaptés, locaux rénovés, espace de pause et événements d'équipe.",
    "Vous bénéficierez d'un plan de formation personnalisé et de possibilités d'évolution vers des fonctions à plus grande responsabilité.",
    "Notre entreprise s'engage pour la diversité et l'inclusion ; tous nos postes sont ouverts aux personnes en situation de handicap.",
    "La rémunération est composée d'un fixe, d'une prime annuelle sur objectifs et d'une participation aux bénéfices selon les résultats de l'année.",
    "Avantages : mutuelle prise en charge à 60 %, titres-restaurant, remboursement de la moitié du titre de transport et comité social et économique.",
    "Vous êtes reconnu pour votre rigueur, votre sens de l'organisation et votre capacité à travailler en équipe comme en autonomie.",
    "Une première expérience réussie sur un poste similaire est appréciée, mais les profils débutants motivés seront également étudiés avec attention.",
    "Le site est accessible en transports en commun et dispose d'un parking gratuit pour les salariés ainsi que d'un local à vélos sécurisé.",
    "Nos valeurs : le respect des personnes, l'exigence du travail bien fait et la satisfaction de nos clients depuis plus de vingt ans.",
    "Le processus de recrutement comprend un premier échange téléphonique, un entretien avec votre futur responsable puis une rencontre avec l'équipe.",
    "Vous appréciez le contact humain, vous savez faire preuve d'adaptabilité face aux imprévus et vous aimez relever de nouveaux défis.",
    "Le poste implique ponctuellement des déplacements dans la région ; un véhicule de service est mis à disposition pour ces trajets.",
    "Nous privilégions un management de proximité, des points réguliers avec votre responsable et une organisation claire des priorités.",
    "L'entreprise compte plusieurs centaines de collaborateurs répartis sur une dizaine de sites en France et poursuit sa croissance.",
    "Vous respectez les consignes de sécurité et contribuez à l'amélioration continue de nos pratiques au quotidien.",
    "Le temps de travail est organisé sur cinq jours du lundi au vendredi, avec des horaires pouvant varier selon l'activité et la saison.",
    "Vous rejoindrez une structure à taille humaine où chacun peut proposer ses idées et voir rapidement l'effet de son travail.",
    "Si vous vous reconnaissez dans ce descriptif, envoyez-nous votre candidature : nous serons ravis d'échanger avec vous.",
    "Des jours de télétravail sont possibles selon l'organisation du service, après une période d'intégration sur site.",
    "Vous maîtrisez les outils numériques courants et vous savez rendre compte de votre activité de manière claire et synthétique.",
)  # fmt: skip
