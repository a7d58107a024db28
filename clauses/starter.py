"""The starter clause library: the sustainable-procurement clauses every organisation starts with,
each in French as it reads in a contract document (CCAP, CCTP or RC), with advice to the buyer,
pitfalls, legal references, its DECP and OCDS classification, the purchase families and CPV
prefixes it suits, and the named parameters the buyer fills in. The texts were written by the team
from the public rules (Code de la commande publique, the AGEC, EGalim and Climat et résilience
laws, the ILO core conventions) and are not copied from any website; a parameter named {like_this}
in a body is replaced by its value, written with its unit, when the clause is used."""

STARTER_CLAUSES = [
    {
        "code": "insertion-heures",
        "title": (
            "Clause d'insertion professionnelle : heures réservées à des personnes éloignées de "
            "l'emploi"
        ),
        "body": (
            "Le titulaire s'engage à réserver, pour l'exécution du présent marché, au moins "
            "{hours} de travail à des personnes rencontrant des difficultés sociales ou "
            "professionnelles particulières. Ce volume correspond à {insertion_rate} des heures de "
            "main-d'œuvre du marché, la main-d'œuvre étant estimée à {labour_share} du montant et "
            "valorisée à {hourly_cost}. Le titulaire peut satisfaire cet engagement par l'embauche "
            "directe, par la mise à disposition de salariés par une structure d'insertion par "
            "l'activité économique ou un groupement d'employeurs pour l'insertion et la "
            "qualification, ou par la sous-traitance à une telle structure ou à une entreprise "
            "adaptée. L'éligibilité des personnes est validée par le facilitateur désigné par "
            "l'acheteur, auquel le titulaire transmet chaque mois un état des heures réalisées."
        ),
        "guidance": (
            "Calculez le volume d'heures avant la consultation : heures = montant estimé HT × part "
            "de main-d'œuvre × taux d'insertion ÷ coût horaire. Par exemple, 1 000 000 € × 50 % × "
            "5 % ÷ 30 €/h ≈ 833 heures ; saisissez ce nombre arrondi dans le paramètre « Nombre "
            "d'heures d'insertion ». Associez dès la rédaction un facilitateur de clauses sociales "
            "(maison de l'emploi, PLIE, conseil départemental), puis suivez les heures réalisées à "
            "partir des états mensuels et des attestations du facilitateur."
        ),
        "warnings": (
            "Le volume doit rester proportionné au marché : un taux trop élevé ou une part de "
            "main-d'œuvre surestimée écarte les petites entreprises. Ne désignez pas "
            "nominativement une structure d'insertion et n'imposez pas un mode de réalisation "
            "unique. Prévoyez une pénalité proportionnée par heure non réalisée, et non "
            "l'exclusion du titulaire."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2112-2 et L2112-3 ; code du travail, art. L5132-1 "
            "(insertion par l'activité économique) ; loi n° 2021-1104 du 22 août 2021 (Climat et "
            "résilience), art. 35."
        ),
        "category": "social_insertion",
        "kind": "execution_condition",
        "decp_consideration": "Clause sociale",
        "ocds_goal": "social.disadvantagedEmploymentOpportunities",
        "ocds_strategies": ["contractPerformanceConditions"],
        "purchase_families": ["works", "services"],
        "cpv_prefixes": ["45", "90", "77"],
        "parameters": [
            {
                "name": "insertion_rate",
                "label": "Taux d'insertion",
                "type": "percent",
                "min": 5,
                "max": 20,
                "default": 5,
                "help": (
                    "Part des heures de main-d'œuvre réservée à l'insertion ; 5 % est le taux le "
                    "plus courant, jusqu'à 10 % pour les prestations à forte main-d'œuvre."
                ),
            },
            {
                "name": "labour_share",
                "label": "Part de main-d'œuvre dans le montant",
                "type": "percent",
                "min": 10,
                "max": 100,
                "default": 50,
                "help": (
                    "Part estimée du coût de la main-d'œuvre dans le montant HT : de l'ordre de 30 "
                    "à 50 % en travaux, davantage pour la propreté ou les espaces verts."
                ),
            },
            {
                "name": "hourly_cost",
                "label": "Coût horaire de la main-d'œuvre",
                "type": "decimal",
                "unit": "€/h",
                "min": 15,
                "max": 100,
                "default": "30",
                "help": "Coût horaire moyen chargé retenu pour convertir le montant en heures.",
            },
            {
                "name": "hours",
                "label": "Nombre d'heures d'insertion",
                "type": "integer",
                "unit": "heures",
                "min": 1,
                "help": (
                    "Calculé par l'acheteur : montant HT × part de main-d'œuvre × taux d'insertion "
                    "÷ coût horaire, arrondi à l'heure."
                ),
            },
        ],
    },
    {
        "code": "insertion-critere-attribution",
        "title": "Critère d'attribution : performance en matière d'insertion professionnelle",
        "body": (
            "L'offre est appréciée au regard de sa performance en matière d'insertion "
            "professionnelle des publics en difficulté, critère pondéré à {insertion_weight} de la "
            "note globale. Le candidat décrit dans un mémoire les modalités d'accueil, "
            "d'encadrement et de formation des personnes en insertion affectées au marché, les "
            "partenaires mobilisés et l'accompagnement proposé à l'issue de leur mission. La note "
            "tient compte de la qualité de cet accompagnement et des perspectives d'emploi durable "
            "qu'il ouvre, et non du seul nombre d'heures annoncé. Les engagements du titulaire ont "
            "valeur contractuelle."
        ),
        "guidance": (
            "Utilisez ce critère en complément d'une clause d'heures d'insertion, ou à sa place, "
            "lorsque vous souhaitez valoriser la qualité des parcours plutôt qu'imposer un volume. "
            "Une pondération de 5 à 15 % est habituelle ; précisez dans le règlement de la "
            "consultation les éléments attendus et la méthode de notation. Reprenez ensuite les "
            "engagements du lauréat dans le marché et vérifiez-les lors des réunions de suivi."
        ),
        "warnings": (
            "Le critère doit être lié à l'objet du marché et porter sur les personnes affectées à "
            "son exécution, non sur la politique générale de l'entreprise. Ne notez pas des "
            "engagements invérifiables."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2152-7 et R2152-7 (performances en matière "
            "d'insertion professionnelle des publics en difficulté)."
        ),
        "category": "social_insertion",
        "kind": "award_criterion",
        "decp_consideration": "Critère social",
        "ocds_goal": "social.disadvantagedEmploymentOpportunities",
        "ocds_strategies": ["awardCriteria"],
        "purchase_families": ["works", "services"],
        "cpv_prefixes": [],
        "parameters": [
            {
                "name": "insertion_weight",
                "label": "Pondération du critère",
                "type": "percent",
                "min": 5,
                "max": 30,
                "default": 10,
                "help": "Poids du critère dans la note globale.",
            },
        ],
    },
    {
        "code": "marche-reserve-ea-esat",
        "title": "Marché réservé aux entreprises adaptées et aux ESAT",
        "body": (
            "Le présent marché est réservé, en application de l'article L2113-12 du code de la "
            "commande publique, aux entreprises adaptées, aux établissements et services d'aide "
            "par le travail ainsi qu'aux structures équivalentes, dès lors qu'ils emploient une "
            "proportion minimale de travailleurs handicapés fixée par voie réglementaire. Le "
            "candidat joint à sa candidature tout document attestant de sa qualité ou, pour une "
            "structure équivalente, de la proportion de travailleurs handicapés qu'elle emploie. "
            "Les prestations sont exécutées par le personnel de la structure titulaire."
        ),
        "guidance": (
            "Réservez le marché, ou certains de ses lots, lorsque le sourçage montre que plusieurs "
            "structures du secteur adapté ou protégé peuvent répondre, par exemple pour "
            "l'entretien des espaces verts, la blanchisserie, le conditionnement, la numérisation "
            "ou l'impression. La réservation doit être annoncée dans l'avis de publicité. Vérifiez "
            "pendant l'exécution que les prestations sont bien réalisées par la structure "
            "titulaire."
        ),
        "warnings": (
            "Sans offre adaptée, le marché devra être relancé : évaluez l'offre disponible avant "
            "de réserver. Les structures équivalentes établies dans d'autres États membres doivent "
            "être admises, et la mise en concurrence entre structures éligibles demeure."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2113-12 ; code du travail, art. L5213-13 "
            "(entreprises adaptées) ; code de l'action sociale et des familles, art. L344-2 (ESAT)."
        ),
        "category": "social_insertion",
        "kind": "reserved_contract",
        "decp_consideration": "Marché réservé",
        "ocds_goal": "social.disadvantagedEmploymentOpportunities",
        "ocds_strategies": ["reservedParticipation"],
        "purchase_families": ["services", "printing"],
        "cpv_prefixes": ["773", "798", "909"],
        "parameters": [],
    },
    {
        "code": "marche-reserve-siae",
        "title": "Marché réservé aux structures d'insertion par l'activité économique",
        "body": (
            "Le présent marché est réservé, en application de l'article L2113-13 du code de la "
            "commande publique, aux structures d'insertion par l'activité économique mentionnées à "
            "l'article L5132-4 du code du travail et aux structures équivalentes, dès lors "
            "qu'elles emploient une proportion minimale de travailleurs défavorisés fixée par voie "
            "réglementaire. Le candidat justifie d'un conventionnement en cours de validité ou, "
            "pour une structure équivalente, de la proportion de travailleurs défavorisés qu'elle "
            "emploie. Le titulaire présente chaque année un bilan des parcours des salariés "
            "affectés au marché."
        ),
        "guidance": (
            "Adapté aux prestations à forte intensité de main-d'œuvre : propreté, espaces verts, "
            "collecte et tri, second œuvre du bâtiment, restauration. Identifiez les structures du "
            "territoire avec l'aide du facilitateur ou des réseaux de l'insertion avant de "
            "réserver. En exécution, examinez le bilan annuel (heures travaillées, formations, "
            "sorties vers l'emploi ou la formation)."
        ),
        "warnings": (
            "Ne réservez pas l'ensemble du marché si trop peu de structures peuvent l'exécuter ; "
            "préférez alors un lot réservé. La réservation doit figurer dans l'avis de publicité "
            "et la mise en concurrence entre structures éligibles demeure."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2113-13 ; code du travail, art. L5132-4."
        ),
        "category": "social_insertion",
        "kind": "reserved_contract",
        "decp_consideration": "Marché réservé",
        "ocds_goal": "social.disadvantagedEmploymentOpportunities",
        "ocds_strategies": ["reservedParticipation"],
        "purchase_families": ["services", "works", "catering"],
        "cpv_prefixes": ["773", "909", "4545"],
        "parameters": [],
    },
    {
        "code": "marche-reserve-ess",
        "title": "Marché réservé aux entreprises de l'économie sociale et solidaire",
        "body": (
            "Le présent marché, qui porte sur des services de santé, sociaux ou culturels figurant "
            "sur la liste fixée par arrêté, est réservé, en application de l'article L2113-15 du "
            "code de la commande publique, aux entreprises de l'économie sociale et solidaire au "
            "sens de l'article 1er de la loi n° 2014-856 du 31 juillet 2014 et aux structures "
            "équivalentes. Sa durée n'excède pas {duration_years}. Le candidat justifie qu'il "
            "remplit l'ensemble des conditions fixées par ce même article."
        ),
        "guidance": (
            "Vérifiez d'abord que les services achetés figurent bien sur la liste réglementaire, "
            "par leur code CPV. La durée ne peut pas dépasser trois ans. Demandez avec la "
            "candidature les statuts et tout document établissant la qualité d'entreprise de "
            "l'économie sociale et solidaire."
        ),
        "warnings": (
            "Cette réservation ne vaut que pour les services limitativement énumérés. Elle n'est "
            "pas possible au profit d'une structure qui a déjà obtenu de l'acheteur un marché "
            "réservé pour les mêmes services au cours des trois années précédentes."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2113-15 ; loi n° 2014-856 du 31 juillet 2014 "
            "relative à l'économie sociale et solidaire, art. 1er ; directive 2014/24/UE, art. 77."
        ),
        "category": "social_insertion",
        "kind": "reserved_contract",
        "decp_consideration": "Marché réservé",
        "ocds_goal": "social",
        "ocds_strategies": ["reservedParticipation"],
        "purchase_families": ["services"],
        "cpv_prefixes": ["85", "92"],
        "parameters": [
            {
                "name": "duration_years",
                "label": "Durée maximale du marché",
                "type": "integer",
                "unit": "ans",
                "min": 1,
                "max": 3,
                "default": 3,
                "help": "Trois ans au plus, reconductions comprises.",
            },
        ],
    },
    {
        "code": "oit-chaine-approvisionnement-textile",
        "title": (
            "Respect des conventions fondamentales de l'OIT dans la chaîne d'approvisionnement "
            "textile"
        ),
        "body": (
            "Le titulaire garantit que les articles textiles livrés sont fabriqués, sur l'ensemble "
            "de la chaîne de production, de la filature à la confection, dans le respect des "
            "conventions fondamentales de l'Organisation internationale du travail, notamment les "
            "conventions n° 29 et 105 (travail forcé), 87 et 98 (liberté syndicale et négociation "
            "collective), 100 et 111 (égalité de rémunération et non-discrimination), 138 et 182 "
            "(travail des enfants), 155 et 187 (sécurité et santé au travail). L'acheteur peut "
            "faire réaliser à tout moment, par un tiers indépendant, un audit social des sites de "
            "production des articles du marché, auquel le titulaire apporte son concours. En cas "
            "de manquement constaté, le titulaire présente dans un délai de {corrective_plan_days} "
            "un plan d'actions correctives précisant les mesures, les responsables et les "
            "échéances, puis rend compte de sa mise en œuvre."
        ),
        "guidance": (
            "Réservez cette condition aux marchés de vêtements de travail, d'uniformes et de "
            "linge, en ciblant d'abord les étapes les plus exposées (confection, teinture, "
            "finition). Demandez dès la notification la liste des sites de production et les "
            "rapports d'audit existants ; un délai de 30 à 60 jours pour le plan correctif est "
            "raisonnable. Suivez l'exécution à partir des rapports d'audit et des plans d'actions, "
            "examinés en réunion avec le titulaire."
        ),
        "warnings": (
            "L'audit doit porter sur les sites qui fabriquent les produits du marché, non sur "
            "l'ensemble de l'activité du fournisseur. Acceptez tout moyen de preuve équivalent "
            "(rapport d'audit indépendant, participation à une initiative multipartite) sans "
            "imposer un référentiel privé unique. Privilégiez l'amélioration des conditions de "
            "travail à la rupture immédiate, qui pénalise d'abord les travailleurs."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2112-2 et L2112-3 ; conventions fondamentales de "
            "l'OIT n° C29, C105, C87, C98, C100, C111, C138, C182, C155 et C187 ; code de "
            "commerce, art. L225-102-4 (devoir de vigilance)."
        ),
        "category": "working_conditions",
        "kind": "execution_condition",
        "decp_consideration": "Clause sociale",
        "ocds_goal": "social.humanRightsInSupplyChains",
        "ocds_strategies": ["contractPerformanceConditions"],
        "purchase_families": ["textile"],
        "cpv_prefixes": ["18", "395"],
        "parameters": [
            {
                "name": "corrective_plan_days",
                "label": "Délai de remise du plan d'actions correctives",
                "type": "integer",
                "unit": "jours",
                "min": 15,
                "max": 90,
                "default": 30,
                "help": "Délai à compter de la notification du rapport d'audit au titulaire.",
            },
        ],
    },
    {
        "code": "transparence-sites-production",
        "title": "Transparence de la chaîne d'approvisionnement : liste des sites de production",
        "body": (
            "Dans un délai de {disclosure_days} à compter de la notification, le titulaire "
            "communique à l'acheteur la liste des sites de production des produits livrés au titre "
            "du marché, en indiquant pour chacun le nom, l'adresse, l'étape de fabrication "
            "réalisée et l'effectif approximatif. Il informe l'acheteur de tout changement de site "
            "avant la livraison des produits qui en sont issus. Les informations relevant du "
            "secret des affaires sont traitées de manière confidentielle."
        ),
        "guidance": (
            "Cette clause est le préalable de tout contrôle des conditions de travail : sans liste "
            "des sites, aucun audit n'est possible. Commencez par le dernier rang de fabrication "
            "(assemblage, confection), puis étendez la demande aux rangs amont lors des marchés "
            "suivants. Vérifiez la cohérence de la liste avec les marquages et les documents de "
            "transport lors des livraisons."
        ),
        "warnings": (
            "Limitez la demande aux produits du marché et tenez compte de la situation du "
            "titulaire, en particulier s'il est distributeur. Ne publiez pas la liste sans "
            "l'accord du titulaire."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2112-2 et L2112-3 ; code de commerce, art. "
            "L225-102-4 (devoir de vigilance)."
        ),
        "category": "working_conditions",
        "kind": "execution_condition",
        "decp_consideration": "Clause sociale",
        "ocds_goal": "social.humanRightsInSupplyChains",
        "ocds_strategies": ["contractPerformanceConditions"],
        "purchase_families": ["textile", "it-equipment", "furniture"],
        "cpv_prefixes": ["18", "302", "391"],
        "parameters": [
            {
                "name": "disclosure_days",
                "label": "Délai de communication de la liste",
                "type": "integer",
                "unit": "jours",
                "min": 15,
                "max": 90,
                "default": 30,
                "help": (
                    "Délai laissé au titulaire pour réunir les informations auprès de ses "
                    "fournisseurs."
                ),
            },
        ],
    },
    {
        "code": "vigilance-materiel-informatique",
        "title": "Conditions de travail dans la fabrication du matériel informatique",
        "body": (
            "Le titulaire met en œuvre, pour les équipements livrés, des mesures de vigilance "
            "raisonnables visant à identifier et à prévenir les atteintes aux droits fondamentaux "
            "au travail chez les fabricants et les assembleurs, au regard des conventions "
            "fondamentales de l'Organisation internationale du travail. Il transmet chaque année à "
            "l'acheteur une synthèse des risques identifiés, des audits réalisés et des actions "
            "correctives engagées sur les sites concernés. Lorsqu'une atteinte grave est signalée "
            "sur l'un de ces sites, il en informe l'acheteur dans un délai de {alert_days} et lui "
            "présente les mesures prises."
        ),
        "guidance": (
            "Adaptée aux achats d'ordinateurs, de téléphones et de périphériques, dont "
            "l'assemblage et l'extraction des minerais présentent des risques connus. Les "
            "revendeurs n'ont pas toujours la maîtrise des usines : demandez-leur de relayer la "
            "demande auprès des fabricants et appréciez la qualité des informations obtenues. "
            "Examinez la synthèse annuelle lors d'une réunion de suivi."
        ),
        "warnings": (
            "N'imposez pas l'adhésion à une organisation de contrôle déterminée ; acceptez tout "
            "dispositif de suivi indépendant équivalent. L'obligation porte sur des moyens et non "
            "sur un résultat que le titulaire ne peut garantir."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2112-2 et L2112-3 ; conventions fondamentales de "
            "l'OIT n° C29, C87, C98, C138, C155 et C182 ; code de commerce, art. L225-102-4 "
            "(devoir de vigilance)."
        ),
        "category": "working_conditions",
        "kind": "execution_condition",
        "decp_consideration": "Clause sociale",
        "ocds_goal": "social.humanRightsInSupplyChains",
        "ocds_strategies": ["contractPerformanceConditions"],
        "purchase_families": ["it-equipment"],
        "cpv_prefixes": ["302"],
        "parameters": [
            {
                "name": "alert_days",
                "label": "Délai d'information de l'acheteur",
                "type": "integer",
                "unit": "jours",
                "min": 5,
                "max": 60,
                "default": 15,
                "help": "Délai à compter du moment où le titulaire a connaissance de l'atteinte.",
            },
        ],
    },
    {
        "code": "papier-recycle",
        "title": "Papier de reprographie recyclé",
        "body": (
            "Le papier de reprographie et d'impression livré est composé de fibres recyclées à "
            "hauteur de {recycled_fibre_share} au moins et n'est pas blanchi au chlore "
            "élémentaire. La conformité est présumée pour les papiers portant le label Der Blaue "
            "Engel (Ange bleu) ou tout label équivalent ; tout autre moyen de preuve approprié, "
            "notamment une fiche technique du fabricant ou un rapport d'essai d'un organisme "
            "reconnu, est accepté. Le papier est apte à l'impression sur les matériels de "
            "l'acheteur, conformément à la norme EN 12281 ou à une norme équivalente."
        ),
        "guidance": (
            "Le papier 100 % recyclé de qualité bureautique est largement disponible et fonctionne "
            "sur les imprimantes courantes. Il compte dans la part des achats de papier issus du "
            "recyclage à déclarer au titre de la loi AGEC. Contrôlez les livraisons en vérifiant "
            "le marquage des ramettes et la fiche produit."
        ),
        "warnings": (
            "Mentionnez toujours « ou équivalent » après un label et acceptez les autres moyens de "
            "preuve. Si certains usages justifient un autre papier, traitez-les dans un lot ou un "
            "article distinct."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2111-2 et R2111-12 à R2111-17 ; loi n° 2020-105 "
            "du 10 février 2020 (AGEC), art. 58 ; décret n° 2021-254 du 9 mars 2021, modifié par "
            "le décret n° 2024-134."
        ),
        "category": "environmental",
        "kind": "technical_specification",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.recycling",
        "ocds_strategies": ["technicalSpecifications"],
        "purchase_families": ["paper"],
        "cpv_prefixes": ["301976"],
        "parameters": [
            {
                "name": "recycled_fibre_share",
                "label": "Part de fibres recyclées",
                "type": "percent",
                "min": 50,
                "max": 100,
                "default": 100,
                "help": "100 % pour le papier de bureau courant.",
            },
        ],
    },
    {
        "code": "produits-entretien-ecolabel",
        "title": "Produits d'entretien écolabellisés",
        "body": (
            "Au moins {ecolabel_share} en valeur des produits de nettoyage livrés (nettoyants "
            "multi-usages, sanitaires, vitres, vaisselle) satisfont aux critères de l'Écolabel "
            "européen applicables à leur catégorie ou à des critères équivalents. La conformité "
            "est présumée pour les produits portant l'Écolabel européen ou un label équivalent ; "
            "tout autre moyen de preuve approprié, notamment un dossier technique du fabricant ou "
            "un rapport d'essai, est accepté. Le titulaire fournit les fiches de données de "
            "sécurité et met à disposition des systèmes de dosage adaptés."
        ),
        "guidance": (
            "Les gammes écolabellisées couvrent l'essentiel des besoins courants à un prix "
            "comparable ; 100 % est un objectif réaliste pour ces familles de produits. Les "
            "produits spécifiques (désinfection en milieu de soins, détartrants industriels) "
            "peuvent être exclus du calcul. Contrôlez la conformité à partir des fiches produits "
            "et du relevé annuel des commandes."
        ),
        "warnings": (
            "Ne citez jamais l'Écolabel européen seul : ajoutez « ou équivalent » et acceptez les "
            "autres moyens de preuve. Les produits désinfectants relèvent d'une réglementation "
            "propre et ne peuvent pas tous être écolabellisés."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2111-2 et R2111-12 à R2111-17 ; règlement (CE) n° "
            "66/2010 du 25 novembre 2009 établissant le label écologique de l'UE."
        ),
        "category": "environmental",
        "kind": "technical_specification",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.pollutionPrevention",
        "ocds_strategies": ["technicalSpecifications", "euGPPCriteria"],
        "purchase_families": ["cleaning-products"],
        "cpv_prefixes": ["3983"],
        "parameters": [
            {
                "name": "ecolabel_share",
                "label": "Part des produits écolabellisés ou équivalents",
                "type": "percent",
                "min": 50,
                "max": 100,
                "default": 100,
                "help": "Part en valeur des produits de nettoyage commandés sur l'année.",
            },
        ],
    },
    {
        "code": "fournitures-bureau-ecolabel",
        "title": "Fournitures de bureau à moindre impact environnemental",
        "body": (
            "Au moins {ecolabel_share} des références du bordereau de prix relatives aux petites "
            "fournitures (instruments d'écriture, classeurs, chemises, enveloppes, blocs) "
            "satisfont aux critères d'un écolabel de type I au sens de la norme ISO 14024, tel que "
            "l'Écolabel européen, Der Blaue Engel, NF Environnement ou tout label équivalent. Le "
            "candidat identifie ces références dans son offre et fournit, pour chacune, le "
            "certificat du label ou tout autre moyen de preuve approprié. Des instruments "
            "d'écriture rechargeables sont proposés lorsqu'ils existent."
        ),
        "guidance": (
            "Fixez le taux d'après l'état de l'offre : la moitié des références est accessible, "
            "davantage pour les articles en papier et carton. Demandez un catalogue restreint où "
            "les produits conformes sont signalés, et suivez la part réellement commandée grâce au "
            "relevé annuel."
        ),
        "warnings": (
            "Un label ne peut être exigé que si ses critères sont liés à l'objet du marché et "
            "accessibles à tous ; ajoutez toujours « ou équivalent ». Ne notez pas en plus la "
            "possession d'un label déjà exigé par la spécification."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2111-2 et R2111-12 à R2111-17 ; loi n° 2020-105 "
            "du 10 février 2020 (AGEC), art. 58."
        ),
        "category": "environmental",
        "kind": "technical_specification",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental",
        "ocds_strategies": ["technicalSpecifications"],
        "purchase_families": ["office-supplies"],
        "cpv_prefixes": ["30192", "30197"],
        "parameters": [
            {
                "name": "ecolabel_share",
                "label": "Part des références écolabellisées ou équivalentes",
                "type": "percent",
                "min": 20,
                "max": 100,
                "default": 50,
                "help": "Part des références du bordereau de prix.",
            },
        ],
    },
    {
        "code": "vehicules-faibles-emissions",
        "title": "Véhicules légers à faibles émissions",
        "body": (
            "Les véhicules légers livrés émettent au plus {max_co2} selon la procédure d'essai "
            "WLTP. Le titulaire indique pour chaque modèle les émissions de CO2, la consommation "
            "d'énergie, l'autonomie des véhicules électriques ou hybrides rechargeables et les "
            "émissions de polluants atmosphériques. Pour les véhicules électriques, il précise la "
            "durée de garantie de la batterie et la capacité résiduelle garantie à son terme."
        ),
        "guidance": (
            "Un seuil de 50 g CO2/km correspond aux véhicules électriques, à hydrogène et à la "
            "plupart des hybrides rechargeables, que visent les obligations de renouvellement des "
            "flottes publiques. Vérifiez la part de votre flotte soumise à ces obligations avant "
            "de fixer le périmètre du marché, et tenez compte des besoins de recharge. Contrôlez "
            "les certificats de conformité à la livraison."
        ),
        "warnings": (
            "Les véhicules spécifiques (utilitaires lourds, véhicules d'intervention) peuvent "
            "justifier une exigence différente : traitez-les dans un lot distinct. Exprimez "
            "l'exigence en performances, sans désigner une marque ni une technologie particulière."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2111-2 ; code de l'environnement, art. L224-7 et "
            "L224-8 ; directive (UE) 2019/1161 relative à la promotion de véhicules de transport "
            "routier propres."
        ),
        "category": "environmental",
        "kind": "technical_specification",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.carbonEmissionsReduction",
        "ocds_strategies": ["technicalSpecifications"],
        "purchase_families": ["vehicles"],
        "cpv_prefixes": ["341"],
        "parameters": [
            {
                "name": "max_co2",
                "label": "Émissions maximales de CO2",
                "type": "integer",
                "unit": "g CO2/km",
                "min": 0,
                "max": 120,
                "default": 50,
                "help": (
                    "Émissions WLTP maximales ; 50 g CO2/km correspond aux véhicules à faibles "
                    "émissions."
                ),
            },
        ],
    },
    {
        "code": "part-reemploi-agec",
        "title": "Part de biens issus du réemploi ou de la réutilisation (loi AGEC)",
        "body": (
            "Au moins {reuse_share} du montant HT des biens livrés au titre du marché sont issus "
            "du réemploi ou de la réutilisation (biens d'occasion, reconditionnés ou remis en "
            "état). Le titulaire identifie ces biens dans son bordereau de prix et transmet chaque "
            "année à l'acheteur le montant HT correspondant, ventilé selon les catégories de "
            "produits de la déclaration prévue à l'article 58 de la loi AGEC. Les biens "
            "reconditionnés bénéficient d'une garantie d'au moins {warranty_months}."
        ),
        "guidance": (
            "Le décret d'application de l'article 58 fixe, par catégorie de produits, la part "
            "minimale des achats annuels issue du réemploi, de la réutilisation ou du recyclage, "
            "dont une part propre au réemploi et à la réutilisation : retenez un taux au moins "
            "égal à ce minimum pour la catégorie concernée. Le mobilier, le matériel informatique "
            "et la téléphonie s'y prêtent particulièrement. Les montants transmis par le titulaire "
            "alimentent directement votre déclaration annuelle."
        ),
        "warnings": (
            "Vérifiez qu'une offre de biens reconditionnés existe pour les produits demandés ; à "
            "défaut, autorisez les variantes ou créez un lot dédié. Les exigences de performance "
            "et de sécurité restent celles applicables aux biens neufs lorsque l'usage le justifie."
        ),
        "legal_references": (
            "Loi n° 2020-105 du 10 février 2020 (AGEC), art. 58 ; décret n° 2021-254 du 9 mars "
            "2021, modifié par le décret n° 2024-134 ; code de la commande publique, art. L2111-2 "
            "et L2112-2."
        ),
        "category": "circular_economy",
        "kind": "technical_specification",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.resourceReuse",
        "ocds_strategies": ["technicalSpecifications", "nationalGPPCriteria"],
        "purchase_families": ["furniture", "it-equipment", "textile", "vehicles"],
        "cpv_prefixes": ["391", "302", "18", "341"],
        "parameters": [
            {
                "name": "reuse_share",
                "label": "Part issue du réemploi ou de la réutilisation",
                "type": "percent",
                "min": 1,
                "max": 100,
                "default": 20,
                "help": (
                    "Part en montant HT des biens livrés ; au moins le minimum réglementaire de la "
                    "catégorie de produits."
                ),
            },
            {
                "name": "warranty_months",
                "label": "Durée minimale de garantie des biens reconditionnés",
                "type": "integer",
                "unit": "mois",
                "min": 6,
                "max": 36,
                "default": 12,
                "help": "Durée de garantie à compter de la livraison.",
            },
        ],
    },
    {
        "code": "contenu-recycle-agec",
        "title": "Part de matières recyclées dans les produits (loi AGEC)",
        "body": (
            "Les produits livrés au titre du marché intègrent, en moyenne pondérée par leur "
            "montant HT, au moins {recycled_content_share} de matières recyclées. Le candidat "
            "indique pour chaque référence concernée son taux de matières recyclées et le justifie "
            "par une fiche technique, une déclaration environnementale de produit, un label ou "
            "tout autre moyen de preuve approprié. Le titulaire transmet chaque année le montant "
            "HT des produits intégrant des matières recyclées, ventilé selon les catégories de la "
            "déclaration prévue à l'article 58 de la loi AGEC."
        ),
        "guidance": (
            "Fixez le taux à partir du sourçage et du minimum réglementaire de la catégorie de "
            "produits : papier, fournitures, mobilier et textiles disposent déjà de gammes à fort "
            "contenu recyclé. Demandez le taux par référence afin de calculer vous-même la "
            "moyenne. Contrôlez en exécution à partir du relevé annuel et de quelques fiches "
            "produits."
        ),
        "warnings": (
            "Définissez dans le cahier des charges ce qui compte comme matière recyclée (matière "
            "issue de déchets, hors chutes réintroduites dans le même procédé) pour éviter les "
            "allégations invérifiables. N'exigez pas une origine géographique des matières "
            "recyclées."
        ),
        "legal_references": (
            "Loi n° 2020-105 du 10 février 2020 (AGEC), art. 58 ; décret n° 2021-254 du 9 mars "
            "2021, modifié par le décret n° 2024-134 ; code de la commande publique, art. L2111-2."
        ),
        "category": "circular_economy",
        "kind": "technical_specification",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.recycling",
        "ocds_strategies": ["technicalSpecifications", "nationalGPPCriteria"],
        "purchase_families": ["office-supplies", "paper", "furniture", "textile"],
        "cpv_prefixes": ["30192", "301976", "391", "18"],
        "parameters": [
            {
                "name": "recycled_content_share",
                "label": "Part de matières recyclées",
                "type": "percent",
                "min": 5,
                "max": 100,
                "default": 20,
                "help": "Moyenne pondérée par le montant HT des produits livrés.",
            },
        ],
    },
    {
        "code": "emballages-reduction-reprise",
        "title": "Réduction et reprise des emballages",
        "body": (
            "Le titulaire limite les emballages au strict nécessaire à la protection des produits "
            "et privilégie les emballages réutilisables, recyclables ou composés de matières "
            "recyclées ; le suremballage et les calages en polystyrène expansé sont proscrits. Il "
            "reprend gratuitement les emballages de livraison et les palettes, lors de la "
            "livraison suivante ou au plus tard dans un délai de {takeback_days}, et assure leur "
            "réemploi ou, à défaut, leur recyclage. Il regroupe les livraisons afin d'en réduire "
            "la fréquence."
        ),
        "guidance": (
            "Utile pour tous les marchés de fournitures livrées régulièrement : fournitures de "
            "bureau, produits d'entretien, denrées, matériel informatique, mobilier. Précisez dans "
            "le CCTP les types d'emballages concernés et le lieu de reprise. Vérifiez l'état des "
            "emballages à la réception et demandez chaque année les quantités reprises et leur "
            "destination."
        ),
        "warnings": (
            "La reprise ne doit pas entraîner de transport supplémentaire à vide : organisez-la "
            "lors des livraisons. Les emballages relevant d'une filière de responsabilité élargie "
            "du producteur restent soumis à ses règles."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2112-2 et L2112-3 ; code de l'environnement, art. "
            "L541-1 (hiérarchie des modes de traitement des déchets)."
        ),
        "category": "circular_economy",
        "kind": "execution_condition",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.wasteReduction",
        "ocds_strategies": ["contractPerformanceConditions"],
        "purchase_families": [
            "office-supplies",
            "cleaning-products",
            "it-equipment",
            "furniture",
            "catering",
        ],
        "cpv_prefixes": [],
        "parameters": [
            {
                "name": "takeback_days",
                "label": "Délai maximal de reprise",
                "type": "integer",
                "unit": "jours",
                "min": 7,
                "max": 90,
                "default": 30,
                "help": "Délai à compter de la livraison.",
            },
        ],
    },
    {
        "code": "dechets-chantier",
        "title": "Gestion et valorisation des déchets de chantier",
        "body": (
            "Le titulaire remet, avant le démarrage des travaux, un schéma d'organisation et de "
            "suivi de l'élimination des déchets (SOSED) décrivant le tri sur le chantier, les "
            "filières de valorisation et les installations de destination. Il trie séparément au "
            "moins les déchets inertes, les métaux, le bois, le plâtre, les plastiques, le verre, "
            "les papiers et cartons et les déchets dangereux, et atteint un taux de valorisation "
            "matière d'au moins {recovery_rate} en masse des déchets non dangereux produits, "
            "déchets inertes compris. Il transmet chaque mois les bordereaux de suivi et les bons "
            "de pesée justifiant la destination des déchets. Le brûlage et l'enfouissement de "
            "déchets sur le chantier sont interdits."
        ),
        "guidance": (
            "Demandez un SOSED dès l'offre pour l'apprécier dans la valeur technique, puis "
            "rendez-le contractuel. Le code de l'environnement fixe un objectif de valorisation "
            "matière de 70 % des déchets du BTP ; ce taux est atteignable pour la plupart des "
            "opérations de réhabilitation et de démolition. Appuyez-vous sur le diagnostic des "
            "produits, équipements, matériaux et déchets lorsqu'il a été réalisé, et rapprochez "
            "chaque mois les bordereaux des tonnages attendus."
        ),
        "warnings": (
            "Le taux dépend de la nature des déchets réellement produits : précisez s'il inclut "
            "les déchets inertes, souvent majoritaires. Les pénalités pour bordereaux manquants "
            "doivent rester proportionnées."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2112-2 et L2112-3 ; code de l'environnement, art. "
            "L541-1 et L541-2."
        ),
        "category": "circular_economy",
        "kind": "execution_condition",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.recycling",
        "ocds_strategies": ["contractPerformanceConditions"],
        "purchase_families": ["works"],
        "cpv_prefixes": ["45"],
        "parameters": [
            {
                "name": "recovery_rate",
                "label": "Taux de valorisation matière",
                "type": "percent",
                "min": 30,
                "max": 95,
                "default": 70,
                "help": (
                    "Part en masse des déchets non dangereux orientés vers le réemploi, le "
                    "recyclage ou une autre valorisation matière."
                ),
            },
        ],
    },
    {
        "code": "efficacite-energetique-informatique",
        "title": "Efficacité énergétique du matériel informatique",
        "body": (
            "Les ordinateurs, écrans et équipements d'impression livrés respectent, pour la "
            "consommation d'énergie en fonctionnement, en veille et à l'arrêt, des exigences au "
            "moins équivalentes à celles du niveau {epeat_tier} du label EPEAT ou à celles du "
            "label TCO Certified, ou de tout label équivalent. La gestion de l'alimentation est "
            "activée par défaut et fait basculer l'équipement en veille après {sleep_minutes} "
            "d'inactivité au plus. Le candidat fournit pour chaque modèle la consommation "
            "d'énergie typique annuelle et le certificat du label ou tout autre moyen de preuve "
            "approprié."
        ),
        "guidance": (
            "Les labels cités couvrent aussi la durabilité et les substances ; si vous ne visez "
            "que l'énergie, vous pouvez exprimer l'exigence en consommation typique maximale par "
            "catégorie d'équipement. Le niveau « Silver » est largement disponible pour les "
            "ordinateurs fixes et portables. Vérifiez à la livraison, par sondage, le paramétrage "
            "de la mise en veille."
        ),
        "warnings": (
            "Ajoutez toujours « ou équivalent » et acceptez un dossier technique du fabricant. "
            "L'efficacité énergétique ne justifie pas le renouvellement d'un matériel encore "
            "fonctionnel : l'allongement de la durée d'usage reste le premier levier de réduction "
            "de l'empreinte du numérique."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2111-2 et R2111-12 à R2111-17 ; loi n° 2021-1485 "
            "du 15 novembre 2021 visant à réduire l'empreinte environnementale du numérique en "
            "France."
        ),
        "category": "environmental",
        "kind": "technical_specification",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.energyEfficiency",
        "ocds_strategies": ["technicalSpecifications"],
        "purchase_families": ["it-equipment"],
        "cpv_prefixes": ["302"],
        "parameters": [
            {
                "name": "epeat_tier",
                "label": "Niveau EPEAT de référence",
                "type": "choice",
                "choices": ["Bronze", "Silver", "Gold"],
                "default": "Silver",
                "help": "Niveau du label dont les exigences énergétiques servent de référence.",
            },
            {
                "name": "sleep_minutes",
                "label": "Délai maximal avant mise en veille",
                "type": "integer",
                "unit": "minutes",
                "min": 5,
                "max": 60,
                "default": 15,
                "help": "Durée d'inactivité au terme de laquelle l'équipement passe en veille.",
            },
        ],
    },
    {
        "code": "performance-energetique-travaux",
        "title": "Performance énergétique des travaux de rénovation",
        "body": (
            "Les travaux d'isolation et de remplacement des équipements atteignent les "
            "performances fixées au CCTP, et notamment une résistance thermique d'au moins "
            "{min_wall_resistance} pour l'isolation des murs. Avant la réception, un test "
            "d'étanchéité à l'air est réalisé par un opérateur indépendant ; la perméabilité "
            "mesurée sous 4 Pa n'excède pas {max_air_permeability}. Le titulaire règle et met en "
            "service les équipements de chauffage, de ventilation et de régulation, et remet un "
            "dossier des ouvrages exécutés comprenant les fiches techniques et les notices "
            "d'entretien. En cas d'écart, il réalise à ses frais les travaux correctifs "
            "nécessaires."
        ),
        "guidance": (
            "Fixez les valeurs avec le maître d'œuvre à partir de l'audit énergétique et des "
            "objectifs du bâtiment, par exemple ceux du dispositif éco-énergie tertiaire pour les "
            "bâtiments tertiaires de plus de 1 000 m². Une résistance de 3,7 m².K/W pour les murs "
            "correspond aux seuils usuels des aides à la rénovation. Inscrivez le test "
            "d'étanchéité au planning et suivez les consommations réelles pendant les deux "
            "premières années."
        ),
        "warnings": (
            "N'imposez pas une marque de matériau : exprimez des performances. La performance "
            "finale dépend aussi de la conception et de l'usage : n'imputez au titulaire que ce "
            "qui relève de ses travaux."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2111-2 et L2112-2 ; code de la construction et de "
            "l'habitation, art. L174-1 ; décret n° 2019-771 du 23 juillet 2019 (dispositif "
            "éco-énergie tertiaire)."
        ),
        "category": "environmental",
        "kind": "technical_specification",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.energyEfficiency",
        "ocds_strategies": ["technicalSpecifications"],
        "purchase_families": ["works"],
        "cpv_prefixes": ["45"],
        "parameters": [
            {
                "name": "min_wall_resistance",
                "label": "Résistance thermique minimale de l'isolation des murs",
                "type": "decimal",
                "unit": "m².K/W",
                "min": 1,
                "max": 10,
                "default": "3.7",
                "help": "Valeur fixée avec le maître d'œuvre.",
            },
            {
                "name": "max_air_permeability",
                "label": "Perméabilité à l'air maximale",
                "type": "decimal",
                "unit": "m³/(h.m²)",
                "min": 0,
                "max": 3,
                "default": "1.0",
                "help": (
                    "Débit de fuite sous 4 Pa rapporté à la surface des parois froides ; 1,0 est "
                    "ambitieux en rénovation."
                ),
            },
        ],
    },
    {
        "code": "restauration-egalim-qualite",
        "title": "Produits durables et de qualité en restauration collective (EGalim)",
        "body": (
            "Les denrées servies au titre du marché comprennent, en valeur d'achat HT sur l'année, "
            "au moins {quality_share} de produits durables et de qualité au sens de l'article "
            "L230-5-1 du code rural et de la pêche maritime, dont au moins {organic_share} de "
            "produits issus de l'agriculture biologique ou en conversion. Le titulaire transmet "
            "chaque trimestre un relevé des achats par famille de produits et par signe de qualité "
            "ou mention valorisante, accompagné des justificatifs correspondants. Les menus "
            "tiennent compte de la saisonnalité des produits."
        ),
        "guidance": (
            "Les taux légaux sont des minima pour les restaurants collectifs publics : fixez-les "
            "plus haut si votre sourçage le permet. Pour un marché de denrées, répartissez "
            "l'exigence par lot (produits laitiers, viandes, fruits et légumes) selon l'offre "
            "disponible. Déclarez chaque année les montants obtenus sur la plateforme nationale « "
            "ma cantine », à partir des relevés du titulaire."
        ),
        "warnings": (
            "Le caractère local ne fait pas partie des catégories de produits de qualité et ne "
            "peut pas être exigé : ce serait une discrimination fondée sur l'origine géographique. "
            "Exigez les signes de qualité « ou équivalent » et acceptez les justificatifs de "
            "produits équivalents."
        ),
        "legal_references": (
            "Code rural et de la pêche maritime, art. L230-5-1 ; loi n° 2018-938 du 30 octobre "
            "2018 (EGalim) ; code de la commande publique, art. L2111-2 et L2112-2."
        ),
        "category": "environmental",
        "kind": "technical_specification",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental",
        "ocds_strategies": ["technicalSpecifications", "nationalGPPCriteria"],
        "purchase_families": ["catering"],
        "cpv_prefixes": ["151", "155", "158", "555"],
        "parameters": [
            {
                "name": "quality_share",
                "label": "Part de produits durables et de qualité",
                "type": "percent",
                "min": 50,
                "max": 100,
                "default": 50,
                "help": "Au moins 50 % en valeur d'achat HT, minimum légal.",
            },
            {
                "name": "organic_share",
                "label": "Part de produits biologiques",
                "type": "percent",
                "min": 20,
                "max": 100,
                "default": 20,
                "help": "Au moins 20 % en valeur d'achat HT, comprise dans la part précédente.",
            },
        ],
    },
    {
        "code": "restauration-saison-circuit-court",
        "title": "Produits de saison et approvisionnement en circuit court",
        "body": (
            "Les fruits et légumes frais servis respectent le calendrier de saisonnalité annexé au "
            "cahier des charges ; les produits hors saison ne représentent pas plus de "
            "{off_season_share} des volumes de fruits et légumes frais sur l'année. Pour les lots "
            "désignés au cahier des charges, les produits sont livrés en circuit court, "
            "c'est-à-dire avec au plus un intermédiaire entre le producteur et l'acheteur. Le "
            "titulaire indique sur chaque bon de livraison l'identité du producteur."
        ),
        "guidance": (
            "Construisez le calendrier de saisonnalité avec le gestionnaire du restaurant et "
            "adaptez les menus en conséquence : c'est souvent la conception des menus, plus que le "
            "cahier des charges, qui fait progresser. Allotissez finement, par famille de "
            "produits, pour permettre aux producteurs et à leurs groupements de répondre. "
            "Contrôlez le nombre d'intermédiaires sur les bons de livraison et les factures."
        ),
        "warnings": (
            "Le circuit court se définit par le nombre d'intermédiaires et non par la distance : "
            "n'exigez jamais une origine locale, régionale ou nationale, ni un rayon kilométrique. "
            "Justifiez l'exigence par la fraîcheur et la qualité des produits, et réservez-la aux "
            "lots pour lesquels une offre existe."
        ),
        "legal_references": "Code de la commande publique, art. L3, L2111-1, L2111-2 et L2113-10.",
        "category": "environmental",
        "kind": "technical_specification",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.carbonEmissionsReduction",
        "ocds_strategies": ["technicalSpecifications"],
        "purchase_families": ["catering"],
        "cpv_prefixes": ["0322", "153", "555"],
        "parameters": [
            {
                "name": "off_season_share",
                "label": "Part maximale de produits hors saison",
                "type": "percent",
                "min": 0,
                "max": 50,
                "default": 10,
                "help": "Part en volume des fruits et légumes frais servis sur l'année.",
            },
        ],
    },
    {
        "code": "gaspillage-alimentaire",
        "title": "Lutte contre le gaspillage alimentaire",
        "body": (
            "Le titulaire réalise, dans les {diagnostic_months} suivant le début d'exécution, un "
            "diagnostic du gaspillage alimentaire fondé sur la pesée des restes de préparation et "
            "des retours d'assiettes pendant au moins deux semaines représentatives. Il en tire un "
            "plan d'actions (ajustement des grammages, portions adaptées, gestion des "
            "réservations, sensibilisation des convives) visant une réduction d'au moins "
            "{reduction_target} du gaspillage mesuré à l'issue de la première année. Les denrées "
            "non servies encore consommables sont proposées au don à des associations d'aide "
            "alimentaire habilitées, dans le respect des règles d'hygiène. Les biodéchets sont "
            "triés à la source et orientés vers une filière de valorisation."
        ),
        "guidance": (
            "Les restaurants collectifs publics doivent mener une démarche de lutte contre le "
            "gaspillage alimentaire : cette clause en confie une partie au prestataire. Fixez "
            "l'objectif à partir d'une première pesée si elle existe ; une réduction de 20 à 30 % "
            "la première année est un ordre de grandeur courant. Examinez les résultats des pesées "
            "à chaque comité de suivi et comparez-les à l'état initial."
        ),
        "warnings": (
            "L'objectif doit porter sur ce que le titulaire maîtrise (production, portions, "
            "service) et non sur le seul comportement des convives. Le don suppose une "
            "organisation logistique et sanitaire à convenir avec l'acheteur."
        ),
        "legal_references": (
            "Code de l'environnement, art. L541-15-3 ; code de la commande publique, art. L2112-2 "
            "et L2112-3 ; loi n° 2018-938 du 30 octobre 2018 (EGalim)."
        ),
        "category": "circular_economy",
        "kind": "execution_condition",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.wasteReduction",
        "ocds_strategies": ["contractPerformanceConditions"],
        "purchase_families": ["catering"],
        "cpv_prefixes": ["555"],
        "parameters": [
            {
                "name": "diagnostic_months",
                "label": "Délai de réalisation du diagnostic",
                "type": "integer",
                "unit": "mois",
                "min": 1,
                "max": 12,
                "default": 3,
                "help": "Délai à compter du début d'exécution.",
            },
            {
                "name": "reduction_target",
                "label": "Objectif de réduction du gaspillage",
                "type": "percent",
                "min": 5,
                "max": 80,
                "default": 30,
                "help": (
                    "Réduction en masse attendue après un an, par rapport au diagnostic initial."
                ),
            },
        ],
    },
    {
        "code": "allotissement-pme-ess",
        "title": "Allotissement favorisant l'accès des PME et des entreprises de l'ESS",
        "body": (
            "Le marché est décomposé en {lot_count}, définis par nature de prestations et par "
            "secteur géographique d'exécution de manière à correspondre aux capacités des petites "
            "et moyennes entreprises et des entreprises de l'économie sociale et solidaire. Les "
            "candidats peuvent présenter une offre pour un, plusieurs ou l'ensemble des lots ; un "
            "même candidat ne peut toutefois se voir attribuer plus de {max_lots_per_bidder}, "
            "selon les règles d'attribution précisées au règlement de la consultation. Les "
            "groupements d'entreprises sont admis sans qu'une forme particulière soit imposée au "
            "stade de la candidature."
        ),
        "guidance": (
            "L'allotissement est la règle : définissez les lots par nature de prestations, par "
            "zone d'exécution ou par volume, en vous appuyant sur le sourçage des entreprises du "
            "secteur. La limitation du nombre de lots attribués à un même candidat évite qu'un "
            "seul opérateur remporte tout ; décrivez précisément dans le règlement de la "
            "consultation la règle appliquée lorsque le plafond est atteint. Mesurez à l'issue de "
            "la procédure la part des lots attribués à des PME et à des entreprises de l'ESS."
        ),
        "warnings": (
            "Un allotissement trop fin peut rendre la coordination ingérable ; le refus d'allotir "
            "doit être motivé par l'un des cas prévus par le code. Les lots ne peuvent pas être "
            "réservés aux entreprises locales."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2113-10 et L2113-11 ; loi n° 2014-856 du 31 "
            "juillet 2014 relative à l'économie sociale et solidaire."
        ),
        "category": "other",
        "kind": "execution_condition",
        "decp_consideration": "Clause sociale",
        "ocds_goal": "social.smeInclusion",
        "ocds_strategies": [],
        "purchase_families": [],
        "cpv_prefixes": [],
        "parameters": [
            {
                "name": "lot_count",
                "label": "Nombre de lots",
                "type": "integer",
                "unit": "lots",
                "min": 2,
                "max": 50,
                "help": "Nombre de lots du marché.",
            },
            {
                "name": "max_lots_per_bidder",
                "label": "Nombre maximal de lots par titulaire",
                "type": "integer",
                "unit": "lots",
                "min": 1,
                "max": 49,
                "help": "Inférieur au nombre de lots.",
            },
        ],
    },
    {
        "code": "avance-pme-ess",
        "title": "Avance majorée pour les PME et les entreprises de l'ESS",
        "body": (
            "Une avance égale à {advance_rate} du montant initial du marché, de la tranche ou du "
            "bon de commande concerné est versée au titulaire, ainsi qu'aux sous-traitants "
            "bénéficiant du paiement direct, lorsqu'ils sont des petites et moyennes entreprises "
            "ou des entreprises de l'économie sociale et solidaire. Le titulaire peut renoncer à "
            "l'avance dans son acte d'engagement. L'avance est remboursée par précompte sur les "
            "sommes dues selon les modalités prévues au CCAP. Les sommes dues sont réglées dans le "
            "délai global de paiement applicable à l'acheteur ; tout retard ouvre droit de plein "
            "droit aux intérêts moratoires et à l'indemnité forfaitaire pour frais de recouvrement."
        ),
        "guidance": (
            "Une avance est obligatoire au-delà de 50 000 € HT lorsque le délai d'exécution "
            "dépasse deux mois ; le code fixe un taux minimal, plus élevé pour les PME dans les "
            "marchés de l'État. Un taux de 20 à 30 % améliore nettement la trésorerie des petites "
            "entreprises et des structures de l'ESS. Suivez les délais de paiement effectifs, qui "
            "comptent autant que l'avance pour ces entreprises."
        ),
        "warnings": (
            "Au-delà de 30 %, une garantie à première demande peut être exigée : vérifiez les "
            "règles applicables à votre catégorie d'acheteur avant de retenir un taux élevé. Le "
            "taux doit être identique pour tous les titulaires de même catégorie."
        ),
        "legal_references": "Code de la commande publique, art. R2191-3 et suivants (avance).",
        "category": "other",
        "kind": "execution_condition",
        "decp_consideration": "Clause sociale",
        "ocds_goal": "social.smeInclusion",
        "ocds_strategies": ["contractPerformanceConditions"],
        "purchase_families": [],
        "cpv_prefixes": [],
        "parameters": [
            {
                "name": "advance_rate",
                "label": "Taux de l'avance",
                "type": "percent",
                "min": 5,
                "max": 60,
                "default": 20,
                "help": (
                    "Part du montant initial versée en avance ; au moins le taux minimal "
                    "réglementaire applicable à l'acheteur."
                ),
            },
        ],
    },
    {
        "code": "critere-environnemental",
        "title": "Critère d'attribution : performance environnementale de l'offre",
        "body": (
            "La performance environnementale de l'offre est notée sur {env_weight} de la note "
            "globale. Elle est appréciée au vu d'un mémoire environnemental décrivant, pour les "
            "prestations du marché : {env_subcriteria}. Chaque élément est évalué au regard des "
            "engagements chiffrés et des justificatifs produits ; les engagements retenus ont "
            "valeur contractuelle."
        ),
        "guidance": (
            "La loi Climat et résilience impose qu'au moins un critère d'attribution prenne en "
            "compte les caractéristiques environnementales de l'offre ; ce modèle permet d'y "
            "répondre. Retenez deux ou trois sous-critères réellement différenciants et liés à "
            "l'objet du marché, et publiez leur pondération ou leur méthode d'évaluation. Une "
            "pondération de 10 à 20 % est courante ; au-delà, assurez-vous que les écarts entre "
            "offres sont mesurables."
        ),
        "warnings": (
            "Un critère vague (« démarche environnementale de l'entreprise ») ou portant sur la "
            "politique générale du candidat n'est pas lié à l'objet du marché. Ne notez pas une "
            "exigence déjà imposée par les spécifications techniques. Intégrez les engagements du "
            "lauréat au marché et contrôlez-les, faute de quoi le critère reste sans effet."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2152-7 et R2152-7 ; loi n° 2021-1104 du 22 août "
            "2021 (Climat et résilience), art. 35 ; décret n° 2022-767 du 2 mai 2022."
        ),
        "category": "environmental",
        "kind": "award_criterion",
        "decp_consideration": "Critère environnemental",
        "ocds_goal": "environmental",
        "ocds_strategies": ["awardCriteria"],
        "purchase_families": [],
        "cpv_prefixes": [],
        "parameters": [
            {
                "name": "env_weight",
                "label": "Pondération du critère",
                "type": "percent",
                "min": 5,
                "max": 40,
                "default": 15,
                "help": "Poids du critère dans la note globale.",
            },
            {
                "name": "env_subcriteria",
                "label": "Éléments appréciés",
                "type": "text",
                "default": (
                    "la réduction des émissions liées aux transports et aux livraisons, la gestion "
                    "des déchets et des emballages, et les caractéristiques environnementales des "
                    "produits proposés"
                ),
                "help": (
                    "Deux ou trois éléments liés à l'objet du marché, en minuscules, séparés par "
                    "des virgules."
                ),
            },
        ],
    },
    {
        "code": "critere-social-conditions-travail",
        "title": "Critère d'attribution : conditions de travail du personnel affecté au marché",
        "body": (
            "Les conditions d'emploi du personnel affecté à l'exécution du marché sont notées sur "
            "{social_weight} de la note globale. Le candidat décrit dans son offre l'organisation "
            "des horaires de travail, notamment la part des interventions réalisées en journée, la "
            "stabilité des équipes, la formation et les mesures de prévention des risques "
            "professionnels prévues pour ce personnel. Les engagements retenus ont valeur "
            "contractuelle et font l'objet d'un suivi lors des réunions d'exécution."
        ),
        "guidance": (
            "Particulièrement pertinent pour les prestations de nettoyage, d'accueil, de "
            "gardiennage ou de restauration, où le travail en horaires décalés et le morcellement "
            "des contrats sont fréquents. Notez des engagements concrets et vérifiables : part des "
            "heures effectuées en journée, volume de formation, mesures de prévention. Demandez un "
            "bilan annuel pour contrôler le respect des engagements."
        ),
        "warnings": (
            "Le critère ne peut porter que sur le personnel affecté au marché, non sur la "
            "politique sociale générale de l'entreprise. Ne notez pas le simple respect du droit "
            "du travail, qui s'impose à tous les candidats."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2152-7 et R2152-7 ; convention de l'OIT n° C155 "
            "(sécurité et santé des travailleurs)."
        ),
        "category": "working_conditions",
        "kind": "award_criterion",
        "decp_consideration": "Critère social",
        "ocds_goal": "social.laborRightsPromotion",
        "ocds_strategies": ["awardCriteria"],
        "purchase_families": ["services", "catering"],
        "cpv_prefixes": ["909", "797", "555"],
        "parameters": [
            {
                "name": "social_weight",
                "label": "Pondération du critère",
                "type": "percent",
                "min": 5,
                "max": 30,
                "default": 10,
                "help": "Poids du critère dans la note globale.",
            },
        ],
    },
    {
        "code": "cout-cycle-vie",
        "title": "Critère du coût du cycle de vie",
        "body": (
            "Le critère du coût, pondéré à {lcc_weight} de la note globale, est apprécié selon le "
            "coût du cycle de vie calculé sur une durée d'utilisation de {lifecycle_years}. Ce "
            "coût comprend le prix d'acquisition, les coûts de consommation d'énergie et de "
            "consommables, les coûts de maintenance et de pièces détachées ainsi que les coûts de "
            "fin de vie, selon la méthode et les hypothèses (prix de l'énergie, taux "
            "d'actualisation, intensité d'usage) fixées au règlement de la consultation. Le "
            "candidat renseigne le modèle de calcul fourni avec le dossier de consultation ; les "
            "données qu'il déclare l'engagent en cas d'attribution."
        ),
        "guidance": (
            "Adapté aux équipements qui consomment de l'énergie ou demandent de l'entretien : "
            "véhicules, matériel informatique, éclairage, équipements de cuisine, chaudières. "
            "Fournissez un tableur avec vos hypothèses afin que toutes les offres soient comparées "
            "sur les mêmes bases. En exécution, comparez les consommations et les coûts de "
            "maintenance réels aux valeurs déclarées."
        ),
        "warnings": (
            "La méthode doit reposer sur des critères objectifs, vérifiables et non "
            "discriminatoires, et les données demandées doivent pouvoir être fournies avec un "
            "effort raisonnable par tout candidat. Évitez les hypothèses qui favorisent une "
            "technologie particulière."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2152-7, R2152-7 et R2152-9 ; directive "
            "2014/24/UE, art. 68."
        ),
        "category": "environmental",
        "kind": "award_criterion",
        "decp_consideration": "Critère environnemental",
        "ocds_goal": "environmental.energyEfficiency",
        "ocds_strategies": ["awardCriteria"],
        "purchase_families": ["vehicles", "it-equipment", "energy", "works"],
        "cpv_prefixes": ["341", "302"],
        "parameters": [
            {
                "name": "lcc_weight",
                "label": "Pondération du critère du coût",
                "type": "percent",
                "min": 20,
                "max": 80,
                "default": 40,
                "help": "Poids du coût du cycle de vie dans la note globale.",
            },
            {
                "name": "lifecycle_years",
                "label": "Durée d'utilisation retenue",
                "type": "integer",
                "unit": "ans",
                "min": 2,
                "max": 30,
                "default": 5,
                "help": (
                    "Durée réelle d'usage prévue : 5 ans pour un ordinateur, 8 à 10 ans pour un "
                    "véhicule."
                ),
            },
        ],
    },
    {
        "code": "reparabilite-pieces-detachees",
        "title": "Réparabilité et disponibilité des pièces détachées",
        "body": (
            "Le titulaire garantit la disponibilité des pièces détachées indispensables à "
            "l'utilisation des biens livrés pendant au moins {spare_parts_years} à compter de la "
            "dernière livraison, et leur fourniture dans un délai maximal de {delivery_days}. Il "
            "met à la disposition de l'acheteur la documentation technique de réparation et les "
            "références des pièces, et indique, lorsqu'ils existent, l'indice de réparabilité ou "
            "l'indice de durabilité des produits. Les biens peuvent être démontés avec des outils "
            "courants sans détérioration des pièces."
        ),
        "guidance": (
            "Indispensable pour le mobilier, le matériel informatique et l'électroménager "
            "professionnel, dont la durée d'usage dépend de la réparation. Une durée de 5 à 7 ans "
            "après la dernière livraison est courante ; l'indice de réparabilité peut aussi être "
            "noté dans un critère environnemental. Vérifiez les délais réels de fourniture des "
            "pièces à l'occasion des premières pannes."
        ),
        "warnings": (
            "Ne demandez l'indice de réparabilité que pour les catégories de produits auxquelles "
            "il s'applique. Une durée excessive peut écarter les petits fabricants : "
            "proportionnez-la à la durée d'usage attendue."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2111-2 et L2112-2 ; code de la consommation, art. "
            "L111-4 ; code de l'environnement, art. L541-9-2."
        ),
        "category": "circular_economy",
        "kind": "execution_condition",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.circularEconomy",
        "ocds_strategies": ["technicalSpecifications", "contractPerformanceConditions"],
        "purchase_families": ["furniture", "it-equipment", "vehicles"],
        "cpv_prefixes": ["391", "302", "341"],
        "parameters": [
            {
                "name": "spare_parts_years",
                "label": "Durée de disponibilité des pièces détachées",
                "type": "integer",
                "unit": "ans",
                "min": 2,
                "max": 15,
                "default": 5,
                "help": "Durée à compter de la dernière livraison de biens au titre du marché.",
            },
            {
                "name": "delivery_days",
                "label": "Délai maximal de fourniture des pièces",
                "type": "integer",
                "unit": "jours ouvrés",
                "min": 1,
                "max": 30,
                "default": 10,
                "help": "Délai à compter de la commande de la pièce.",
            },
        ],
    },
    {
        "code": "substances-dangereuses",
        "title": "Exclusion des substances dangereuses",
        "body": (
            "Les produits livrés ne contiennent pas, dans une concentration supérieure à "
            "{svhc_threshold} en masse, de substances figurant sur la liste des substances "
            "candidates extrêmement préoccupantes établie en application de l'article 59 du "
            "règlement REACH. Les mélanges livrés ne sont pas classés, au sens du règlement CLP, "
            "comme cancérogènes, mutagènes ou toxiques pour la reproduction de catégorie 1A ou 1B, "
            "ni comme sensibilisants respiratoires. Le titulaire fournit les fiches de données de "
            "sécurité et, sur demande, une déclaration du fabricant attestant l'absence de ces "
            "substances."
        ),
        "guidance": (
            "À adapter selon la famille : produits d'entretien, textiles, mobilier, fournitures "
            "scolaires. Le seuil de 0,1 % correspond à celui au-delà duquel le fournisseur d'un "
            "article doit informer de la présence d'une substance candidate ; un seuil plus bas "
            "est rarement vérifiable. Contrôlez par sondage les fiches de données de sécurité et, "
            "pour les marchés importants, faites réaliser quelques analyses en laboratoire."
        ),
        "warnings": (
            "Certaines substances classées restent indispensables à l'usage (désinfection en "
            "milieu de soins) : prévoyez des dérogations motivées. La liste candidate évolue ; "
            "précisez que la version applicable est celle en vigueur à la date de remise des "
            "offres."
        ),
        "legal_references": (
            "Règlement (CE) n° 1907/2006 (REACH), art. 33, 57 et 59 ; règlement (CE) n° 1272/2008 "
            "(CLP) ; code de la commande publique, art. L2111-2."
        ),
        "category": "environmental",
        "kind": "technical_specification",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.pollutionPrevention",
        "ocds_strategies": ["technicalSpecifications"],
        "purchase_families": ["cleaning-products", "textile", "furniture", "office-supplies"],
        "cpv_prefixes": ["3983", "18", "391", "30192"],
        "parameters": [
            {
                "name": "svhc_threshold",
                "label": "Concentration maximale en substance candidate",
                "type": "percent",
                "min": 0,
                "max": 1,
                "default": "0.1",
                "help": "0,1 % en masse, seuil d'information prévu par REACH.",
            },
        ],
    },
    {
        "code": "formation-ecoconduite-ecogestes",
        "title": "Formation du personnel à l'écoconduite et aux écogestes",
        "body": (
            "Dans un délai de {training_months} à compter de la notification, le titulaire forme à "
            "l'écoconduite le personnel qui conduit des véhicules pour l'exécution du marché, et "
            "aux écogestes propres à la prestation (dosage des produits, économies d'eau et "
            "d'énergie, tri des déchets) le personnel intervenant sur site. Tout agent affecté "
            "ultérieurement au marché est formé dans le même délai à compter de son affectation. "
            "Le titulaire tient à jour la liste des personnes formées et la communique à "
            "l'acheteur sur demande, avec le contenu et la durée des formations."
        ),
        "guidance": (
            "Pertinent pour les marchés de transport, de collecte, de livraison, de nettoyage et "
            "de maintenance, où les pratiques du personnel déterminent une part importante de "
            "l'impact. Une formation courte et pratique, renouvelée pour les nouveaux arrivants, "
            "est plus efficace qu'une session unique. Rapprochez la liste des personnes formées "
            "des effectifs affectés et, pour la conduite, de l'évolution des consommations de "
            "carburant."
        ),
        "warnings": (
            "Ne désignez pas un organisme de formation particulier. La formation se déroule sur le "
            "temps de travail et son coût est compris dans le prix."
        ),
        "legal_references": "Code de la commande publique, art. L2112-2 et L2112-3.",
        "category": "environmental",
        "kind": "execution_condition",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.carbonEmissionsReduction",
        "ocds_strategies": ["contractPerformanceConditions"],
        "purchase_families": ["services", "vehicles"],
        "cpv_prefixes": ["60", "90", "50"],
        "parameters": [
            {
                "name": "training_months",
                "label": "Délai de formation",
                "type": "integer",
                "unit": "mois",
                "min": 1,
                "max": 12,
                "default": 3,
                "help": (
                    "Délai à compter de la notification, puis de l'affectation de chaque nouvel "
                    "agent."
                ),
            },
        ],
    },
    {
        "code": "egalite-non-discrimination",
        "title": "Égalité de traitement et non-discrimination dans l'exécution du marché",
        "body": (
            "Le titulaire garantit au personnel affecté à l'exécution du marché l'égalité de "
            "traitement et l'absence de toute discrimination, notamment en raison du sexe, de "
            "l'origine, de l'âge, du handicap, de l'orientation sexuelle ou des activités "
            "syndicales, en matière de recrutement, de rémunération, de formation et de promotion. "
            "Il assure l'égalité de rémunération entre les femmes et les hommes pour un même "
            "travail ou un travail de valeur égale, et met en place une procédure de signalement "
            "et de traitement des faits de harcèlement. Il informe l'acheteur de toute "
            "condamnation définitive pour discrimination prononcée à son encontre pendant "
            "l'exécution du marché."
        ),
        "guidance": (
            "Cette condition rappelle des obligations légales et en organise le suivi ; elle est "
            "utile dans les marchés de services à forte main-d'œuvre. Demandez lors des réunions "
            "de suivi les indicateurs disponibles, comme l'index de l'égalité professionnelle pour "
            "les entreprises qui y sont soumises et les actions de prévention du harcèlement. Un "
            "signalement étayé doit donner lieu à un échange formalisé avec le titulaire."
        ),
        "warnings": (
            "La clause ne doit pas imposer d'obligations sans lien avec l'exécution du marché. "
            "Elle ne permet pas d'exiger des données personnelles sur les salariés au-delà de ce "
            "que la loi autorise."
        ),
        "legal_references": (
            "Code du travail, art. L1132-1 et L3221-2 ; code pénal, art. 225-1 ; conventions de "
            "l'OIT n° C100 et C111 ; code de la commande publique, art. L2112-2."
        ),
        "category": "working_conditions",
        "kind": "execution_condition",
        "decp_consideration": "Clause sociale",
        "ocds_goal": "social.laborRightsPromotion",
        "ocds_strategies": ["contractPerformanceConditions"],
        "purchase_families": ["services"],
        "cpv_prefixes": [],
        "parameters": [],
    },
    {
        "code": "sante-securite-travail",
        "title": "Santé et sécurité des travailleurs affectés au marché",
        "body": (
            "Le titulaire et ses sous-traitants mettent en œuvre, pour le personnel affecté au "
            "marché, les mesures de prévention issues de leur évaluation des risques "
            "professionnels, et fournissent des équipements de protection adaptés et en bon état. "
            "Tout accident du travail survenu à l'occasion de l'exécution du marché est signalé à "
            "l'acheteur dans un délai de {accident_notice_hours}, puis fait l'objet d'une analyse "
            "des causes et des mesures prises pour éviter qu'il se reproduise. Le titulaire "
            "présente chaque année le nombre d'accidents et de jours d'arrêt liés au marché."
        ),
        "guidance": (
            "Utile pour les travaux, la propreté, la collecte des déchets et les espaces verts, où "
            "les accidents sont fréquents. Associez le coordonnateur de sécurité et de protection "
            "de la santé sur les chantiers qui en comportent un, et examinez les accidents lors "
            "des réunions de suivi. Une hausse des accidents doit conduire à un plan d'actions "
            "discuté avec le titulaire."
        ),
        "warnings": (
            "La clause complète, sans les remplacer, les obligations du code du travail et la "
            "coordination de sécurité propre aux chantiers. Les informations transmises ne doivent "
            "pas contenir de données de santé nominatives."
        ),
        "legal_references": (
            "Code du travail, art. L4121-1 ; conventions de l'OIT n° C155 et C187 ; code de la "
            "commande publique, art. L2112-2 et L2112-3."
        ),
        "category": "working_conditions",
        "kind": "execution_condition",
        "decp_consideration": "Clause sociale",
        "ocds_goal": "social.laborRightsPromotion",
        "ocds_strategies": ["contractPerformanceConditions"],
        "purchase_families": ["works", "services"],
        "cpv_prefixes": ["45", "90", "77"],
        "parameters": [
            {
                "name": "accident_notice_hours",
                "label": "Délai de signalement d'un accident",
                "type": "integer",
                "unit": "heures",
                "min": 24,
                "max": 168,
                "default": 48,
                "help": "Délai à compter de l'accident.",
            },
        ],
    },
    {
        "code": "rapport-indicateurs-execution",
        "title": "Rapport de suivi des engagements sociaux et environnementaux",
        "body": (
            "Le titulaire remet à l'acheteur, selon une périodicité {report_frequency}, un rapport "
            "présentant les indicateurs d'exécution des clauses sociales et environnementales du "
            "marché : heures d'insertion réalisées, part en valeur des produits écolabellisés, "
            "issus du réemploi ou intégrant des matières recyclées, quantités de déchets et "
            "d'emballages repris et leur destination, consommations d'énergie et de carburant. Le "
            "rapport est transmis au plus tard {report_delay_days} après la fin de chaque période, "
            "selon le modèle de tableau fourni par l'acheteur. Il sert de support à une réunion de "
            "suivi au cours de laquelle les écarts et les mesures correctives sont examinés."
        ),
        "guidance": (
            "Ne conservez dans le rapport que les indicateurs correspondant aux clauses "
            "effectivement retenues dans le marché. Fournissez un tableau type afin de pouvoir "
            "agréger les données de plusieurs marchés, notamment pour la déclaration prévue par la "
            "loi AGEC et le bilan de votre schéma de promotion des achats socialement et "
            "écologiquement responsables. Prévoyez une pénalité modérée en cas de retard de remise."
        ),
        "warnings": (
            "Un suivi trop lourd pèse davantage sur les petites entreprises : limitez le nombre "
            "d'indicateurs et alignez-vous sur les données que le titulaire produit déjà. Vérifiez "
            "les données par sondage plutôt que de les accepter sans contrôle."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2111-3 et L2112-2 ; loi n° 2020-105 du 10 février "
            "2020 (AGEC), art. 58."
        ),
        "category": "other",
        "kind": "execution_condition",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental",
        "ocds_strategies": ["contractPerformanceConditions"],
        "purchase_families": [],
        "cpv_prefixes": [],
        "parameters": [
            {
                "name": "report_frequency",
                "label": "Périodicité du rapport",
                "type": "choice",
                "choices": ["annuelle", "semestrielle", "trimestrielle"],
                "default": "annuelle",
                "help": (
                    "Annuelle dans la plupart des cas ; trimestrielle pour les marchés importants "
                    "ou à fort enjeu."
                ),
            },
            {
                "name": "report_delay_days",
                "label": "Délai de remise du rapport",
                "type": "integer",
                "unit": "jours",
                "min": 15,
                "max": 90,
                "default": 30,
                "help": "Délai à compter de la fin de chaque période.",
            },
        ],
    },
    {
        "code": "capacites-gestion-environnementale",
        "title": "Capacités techniques en matière de gestion environnementale",
        "body": (
            "Au titre de ses capacités techniques, le candidat présente les mesures de gestion "
            "environnementale qu'il sera en mesure d'appliquer lors de l'exécution du marché, "
            "notamment pour {env_management_scope}. Il peut en justifier par un certificat établi "
            "par un organisme indépendant attestant sa conformité à un système de management "
            "environnemental, tel que EMAS ou la norme ISO 14001, ou par toute autre preuve de "
            "mesures équivalentes. L'absence de certification ne constitue pas, à elle seule, un "
            "motif d'élimination de la candidature."
        ),
        "guidance": (
            "À réserver aux marchés dont l'exécution a des incidences notables sur l'environnement "
            ": travaux, propreté, espaces verts, collecte des déchets. Précisez dans le règlement "
            "de la consultation le niveau minimal de capacité attendu et les pièces acceptées. "
            "Cette exigence vérifie une aptitude ; les engagements concrets relèvent ensuite des "
            "conditions d'exécution."
        ),
        "warnings": (
            "Les niveaux de capacité exigés doivent être liés et proportionnés à l'objet du "
            "marché. N'exigez jamais une certification particulière sans accepter les certificats "
            "équivalents et les autres preuves, faute de quoi les petites entreprises seraient "
            "écartées."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2142-1 ; directive 2014/24/UE, art. 62 (normes de "
            "gestion environnementale)."
        ),
        "category": "environmental",
        "kind": "selection_criterion",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.pollutionPrevention",
        "ocds_strategies": ["selectionCriteria"],
        "purchase_families": ["works", "services"],
        "cpv_prefixes": ["45", "90", "77"],
        "parameters": [
            {
                "name": "env_management_scope",
                "label": "Domaines de gestion environnementale",
                "type": "text",
                "default": (
                    "la gestion des déchets produits sur site, la prévention des pollutions et la "
                    "maîtrise des consommations d'eau et d'énergie"
                ),
                "help": "Domaines liés à l'exécution du marché, en minuscules.",
            },
        ],
    },
    {
        "code": "electricite-renouvelable",
        "title": "Fourniture d'électricité d'origine renouvelable",
        "body": (
            "Au moins {renewable_share} de l'électricité fournie au titre du marché est d'origine "
            "renouvelable. Le titulaire en justifie par l'annulation, pour le compte de "
            "l'acheteur, de garanties d'origine correspondant aux volumes consommés sur chaque "
            "année de livraison, et transmet l'attestation d'annulation au plus tard "
            "{certificate_days} après la fin de l'année. Les garanties d'origine indiquent la "
            "technologie et l'installation de production."
        ),
        "guidance": (
            "Les garanties d'origine sont le moyen de preuve reconnu du caractère renouvelable "
            "d'une électricité livrée par le réseau. Pour aller plus loin, un critère "
            "d'attribution peut valoriser une électricité provenant d'installations récentes ou "
            "achetée directement à des producteurs. Contrôlez chaque année l'attestation "
            "d'annulation et la concordance des volumes avec les consommations facturées."
        ),
        "warnings": (
            "Une offre « verte » fondée sur les seules garanties d'origine ne finance pas "
            "nécessairement de nouvelles capacités : n'en surévaluez pas l'effet dans votre bilan. "
            "N'exigez pas que les installations soient situées en France, ce qui serait "
            "discriminatoire."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2111-2 et L2112-2 ; directive (UE) 2018/2001 "
            "relative à la promotion de l'utilisation de l'énergie produite à partir de sources "
            "renouvelables, art. 19 (garanties d'origine)."
        ),
        "category": "environmental",
        "kind": "technical_specification",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.climateChangeMitigation",
        "ocds_strategies": ["technicalSpecifications"],
        "purchase_families": ["energy"],
        "cpv_prefixes": ["0931"],
        "parameters": [
            {
                "name": "renewable_share",
                "label": "Part d'électricité renouvelable",
                "type": "percent",
                "min": 10,
                "max": 100,
                "default": 100,
                "help": "Part des volumes consommés couverte par des garanties d'origine.",
            },
            {
                "name": "certificate_days",
                "label": "Délai de remise de l'attestation",
                "type": "integer",
                "unit": "jours",
                "min": 30,
                "max": 180,
                "default": 90,
                "help": "Délai à compter de la fin de chaque année de livraison.",
            },
        ],
    },
    {
        "code": "bois-gestion-durable",
        "title": "Bois issu de forêts gérées durablement",
        "body": (
            "Le bois et les produits à base de bois livrés ou mis en œuvre au titre du marché "
            "proviennent d'une récolte légale, conformément à la réglementation européenne. Au "
            "moins {certified_share} de leur volume provient en outre de forêts gérées "
            "durablement, ce dont le titulaire justifie par une certification de la chaîne de "
            "contrôle de type FSC ou PEFC, par tout certificat équivalent ou par tout autre moyen "
            "de preuve permettant de tracer l'origine du bois et d'apprécier la gestion "
            "forestière. Les numéros de certificat figurent sur les factures ou les bons de "
            "livraison."
        ),
        "guidance": (
            "Applicable au mobilier, aux menuiseries, aux charpentes et aux aménagements en bois. "
            "Les certifications de gestion durable couvrent une grande part du bois disponible en "
            "Europe : 70 % est un taux accessible, 100 % l'est souvent pour le mobilier. Vérifiez "
            "les numéros de certificat de chaîne de contrôle sur les factures et les bons de "
            "livraison."
        ),
        "warnings": (
            "Acceptez les preuves équivalentes aux certifications citées, qui ne peuvent pas être "
            "exigées seules. N'imposez ni une essence ni une origine géographique du bois."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2111-2 et R2111-12 à R2111-17 ; règlement (UE) n° "
            "995/2010 (bois et produits dérivés), appelé à être remplacé par le règlement (UE) "
            "2023/1115 (produits sans déforestation)."
        ),
        "category": "environmental",
        "kind": "technical_specification",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.biodiversityProtectionRestoration",
        "ocds_strategies": ["technicalSpecifications"],
        "purchase_families": ["furniture", "works"],
        "cpv_prefixes": ["391", "4542"],
        "parameters": [
            {
                "name": "certified_share",
                "label": "Part de bois issu de forêts gérées durablement",
                "type": "percent",
                "min": 50,
                "max": 100,
                "default": 70,
                "help": "Part en volume du bois livré ou mis en œuvre.",
            },
        ],
    },
    {
        "code": "impression-responsable",
        "title": "Impression responsable",
        "body": (
            "Les travaux d'impression sont réalisés sur papier recyclé ou issu de forêts gérées "
            "durablement, avec des encres exemptes de métaux lourds et des procédés limitant "
            "l'emploi de solvants. Le titulaire élimine les déchets dangereux de son atelier "
            "(encres, solvants, chiffons souillés) par des filières autorisées et en justifie sur "
            "demande ; la détention de la marque Imprim'Vert ou d'une marque ou certification "
            "équivalente vaut présomption de conformité à cette exigence. Le titulaire ajuste les "
            "tirages aux quantités commandées, avec une gâche n'excédant pas {max_overrun_share} "
            "du tirage."
        ),
        "guidance": (
            "Adapté aux marchés d'impression de documents, d'affiches et de publications. Demandez "
            "dans l'offre la liste des papiers proposés avec leurs justificatifs et une "
            "description de la gestion des déchets de l'atelier. Réduisez d'abord les volumes : un "
            "meilleur calibrage des tirages a souvent plus d'effet que le choix du papier."
        ),
        "warnings": (
            "Imprim'Vert est une marque parmi d'autres : acceptez toute preuve équivalente, y "
            "compris une description détaillée des pratiques de l'atelier. Ne fermez pas le marché "
            "aux imprimeurs qui ne détiennent aucune marque."
        ),
        "legal_references": (
            "Code de la commande publique, art. L2111-2, L2112-2 et R2111-12 à R2111-17."
        ),
        "category": "environmental",
        "kind": "technical_specification",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.pollutionPrevention",
        "ocds_strategies": ["technicalSpecifications"],
        "purchase_families": ["printing"],
        "cpv_prefixes": ["798"],
        "parameters": [
            {
                "name": "max_overrun_share",
                "label": "Gâche maximale",
                "type": "percent",
                "min": 0,
                "max": 20,
                "default": 5,
                "help": "Part du tirage perdue au calage et à la finition.",
            },
        ],
    },
    {
        "code": "accessibilite-numerique",
        "title": "Accessibilité numérique des services en ligne",
        "body": (
            "Les sites, applications et documents numériques réalisés ou fournis au titre du "
            "marché respectent le référentiel général d'amélioration de l'accessibilité (RGAA) "
            "dans sa version en vigueur, avec un taux de conformité d'au moins {rgaa_rate} des "
            "critères applicables à la livraison. Le titulaire fournit un audit de conformité "
            "portant sur un échantillon représentatif de pages et un projet de déclaration "
            "d'accessibilité. Les non-conformités relevées sont corrigées sans surcoût dans un "
            "délai convenu avec l'acheteur."
        ),
        "guidance": (
            "Indispensable pour tout développement de site, d'application, d'extranet ou de "
            "logiciel métier destiné au public ou aux agents. Exigez l'audit avant la réception et "
            "faites-le vérifier par un tiers pour les projets importants. Prévoyez des tests avec "
            "des utilisateurs de technologies d'assistance."
        ),
        "warnings": (
            "Une conformité partielle n'exonère pas l'acheteur de son obligation légale : si vous "
            "retenez un taux inférieur à 100 %, prévoyez un plan de mise en conformité. Le renvoi "
            "au RGAA est légitime, car il découle d'une obligation légale."
        ),
        "legal_references": (
            "Loi n° 2005-102 du 11 février 2005, art. 47 ; code de la commande publique, art. "
            "L2111-2."
        ),
        "category": "other",
        "kind": "technical_specification",
        "decp_consideration": "Clause sociale",
        "ocds_goal": "social.accessibility",
        "ocds_strategies": ["technicalSpecifications"],
        "purchase_families": ["it-equipment", "services"],
        "cpv_prefixes": ["72", "48"],
        "parameters": [
            {
                "name": "rgaa_rate",
                "label": "Taux de conformité au RGAA",
                "type": "percent",
                "min": 75,
                "max": 100,
                "default": 100,
                "help": (
                    "Part des critères applicables respectés ; 100 % correspond à une conformité "
                    "totale."
                ),
            },
        ],
    },
    {
        "code": "economies-eau-sanitaires",
        "title": "Économies d'eau dans les équipements sanitaires",
        "body": (
            "Les robinets de lavabo installés ou livrés ont un débit maximal de {max_tap_flow}, et "
            "les chasses d'eau sont à double commande avec un volume d'au plus {max_flush_volume} "
            "pour la grande chasse. Les urinoirs sont équipés d'une commande automatique ou "
            "fonctionnent sans eau lorsque l'usage le permet. Le titulaire fournit les fiches "
            "techniques attestant ces performances, mesurées selon les normes applicables ou des "
            "méthodes équivalentes."
        ),
        "guidance": (
            "Pour les travaux de construction ou de rénovation de sanitaires et pour les marchés "
            "de fourniture de robinetterie. Les valeurs proposées correspondent aux équipements "
            "économes courants ; adaptez-les aux usages particuliers (cuisines, locaux de soins). "
            "Contrôlez les fiches techniques avant la pose et mesurez quelques débits à la "
            "réception."
        ),
        "warnings": (
            "Un débit trop faible peut nuire à l'hygiène ou au confort et conduire au remplacement "
            "des équipements : justifiez les valeurs par l'usage. Exprimez des performances, sans "
            "désigner de marque."
        ),
        "legal_references": "Code de la commande publique, art. L2111-2 et R2111-4 à R2111-11.",
        "category": "environmental",
        "kind": "technical_specification",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.waterResourcesProtection",
        "ocds_strategies": ["technicalSpecifications"],
        "purchase_families": ["works"],
        "cpv_prefixes": ["4533", "4441"],
        "parameters": [
            {
                "name": "max_tap_flow",
                "label": "Débit maximal des robinets de lavabo",
                "type": "decimal",
                "unit": "l/min",
                "min": 2,
                "max": 12,
                "default": "6",
                "help": "Débit mesuré sous la pression de service habituelle.",
            },
            {
                "name": "max_flush_volume",
                "label": "Volume maximal de la grande chasse",
                "type": "decimal",
                "unit": "litres",
                "min": 2,
                "max": 9,
                "default": "6",
                "help": "Volume de la chasse complète ; la petite chasse est d'environ la moitié.",
            },
        ],
    },
]
