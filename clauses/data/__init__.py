"""Data the clauses app ships, kept as JSON files beside this module and read on demand.

- `starter_clauses.json`: the starter clause library, the sustainable-procurement clauses every
  organisation starts with, each in French as it reads in a contract document (CCAP, CCTP or
  RC), with advice to the buyer, pitfalls, legal references, its DECP and OCDS classification,
  the purchase families and CPV prefixes it suits, and the named parameters the buyer fills in.
  The texts were written by the team from the public rules (Code de la commande publique, the
  AGEC, EGalim and Climat et résilience laws, the ILO core conventions) and are not copied from
  any website; a parameter named {like_this} in a body is replaced by its value, written with
  its unit, when the clause is used. Each entry holds the arguments of `clause_create`, its
  purchase families given by code.
- `demo_cpv_codes.json`: a French-labelled excerpt of the CPV for the demo, the codes the
  starter clauses and the demo contracts need ({code, label_en, label_fr}). The whole
  vocabulary (English labels) loads with `manage.py load_cpv`.
- `demo_communes.csv`: the communes of the demo contracts' places of execution, one per postcode
  the demo uses, in the layout of La Poste's « base officielle des codes postaux »; the whole
  file (every commune and postcode) loads with `manage.py load_communes`."""

import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent


def _read(name: str):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def starter_clauses() -> list[dict]:
    """The starter clauses, in the order they are created."""
    return _read("starter_clauses.json")


def demo_cpv_codes() -> list[dict]:
    """The French-labelled CPV excerpt of the demo."""
    return _read("demo_cpv_codes.json")


def demo_communes_text() -> str:
    """The demo's excerpt of the postcode–commune correspondence, as CSV text."""
    return (DATA_DIR / "demo_communes.csv").read_text(encoding="utf-8")
