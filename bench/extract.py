"""Recall and precision of `timeline extract` on the labelled articles in tests/extract/.

For each article, the dates and lengths the proposals state (`Proposal.stated()`:
EDTF dates at their precision, `for 1 year`) are compared with the facts a
careful reader recorded; a fact matches when date and precision are both right.
Each fact counts once per article.

    python bench/extract.py [--verbose] [--set labelled|heldout|probe|probe2|probe3|probe4|probe5|probe6|all] [DIR]

`--set heldout` scores the held-out texts in tests/extract/heldout/ (labelled by
another hand than the rules); `--set probe` a second held-out batch labelled after
the rules were changed on the first; `--set probe2` a third, of texts written in the
styles of real outlets around what breaks extractors (headlines, stamps, captions,
quarters, relative dates); `--set probe3` to `--set probe6` four more blind batches
(probe4: real and invented texts with weekday + date, ranges, festivals, stamps and
footnotes; probe5: real notices and statistics reports, festivals, data
snapshots; probe6: syndicated wire copy, dispatches, investigation periods); `--set all` every set, each reported separately.

Exit status 1 when recall < 0.9 or precision < 0.8.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.extract import extract  # noqa: E402

TARGET_RECALL, TARGET_PRECISION = 0.9, 0.8
SETS = {"labelled": ROOT / "tests" / "extract", "heldout": ROOT / "tests" / "extract" / "heldout",
        "probe": ROOT / "tests" / "extract" / "probe", "probe2": ROOT / "tests" / "extract" / "probe2",
        "probe3": ROOT / "tests" / "extract" / "probe3", "probe4": ROOT / "tests" / "extract" / "probe4",
        "probe5": ROOT / "tests" / "extract" / "probe5",
        "probe6": ROOT / "tests" / "extract" / "probe6"}


def load_cases(folder: Path) -> list[dict]:
    cases = []
    for path in sorted(folder.glob("*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        case["name"] = path.stem
        case["published"] = datetime.date.fromisoformat(str(case["published"]))
        case["facts"] = [str(f) for f in case["facts"]]
        cases.append(case)
    return cases


def _proposals(case: dict) -> list:
    lang = case["lang"] if case["lang"] in ("zh-Hant", "zh-Hans", "en") else None
    return extract(case["text"], case["published"], lang=lang)


def score(case: dict) -> tuple[set[str], set[str]]:
    """(facts expected, facts proposed) for one article."""
    proposed = {fact for p in _proposals(case) for fact in p.stated()}
    return set(case["facts"]), proposed


def certainty_agreement(case: dict) -> tuple[int, int, list[str]]:
    """(facts found with the labelled certainty, facts found that have a certainty label,
    the disagreements) for an article whose file labels `certainty:`."""
    labels = case.get("certainty") or {}
    found: dict[str, set[str]] = defaultdict(set)
    for p in _proposals(case):
        for fact in p.stated():
            found[fact].add(p.certainty)
    agree = total = 0
    wrong = []
    for fact, label in labels.items():
        if fact in found:
            total += 1
            if label in found[fact]:
                agree += 1
            else:
                wrong.append(f"{fact}: {label}, proposed {'/'.join(sorted(found[fact]))}")
    return agree, total, wrong


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=None, type=Path)
    parser.add_argument("--set", dest="which", choices=(*SETS, "all"), default="labelled",
                        help="which labelled set to score (default: the one the rules were written on)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list the misses and extras of every article")
    args = parser.parse_args(argv)
    if args.folder is not None:
        return report(args.folder, args.verbose)
    folders = list(SETS.values()) if args.which == "all" else [SETS[args.which]]
    status = 0
    for folder in folders:
        if len(folders) > 1:
            print(f"== {folder.relative_to(ROOT)}")
        status |= report(folder, args.verbose)
    return status


def report(folder: Path, verbose: bool) -> int:
    """Print the scores of one folder of labelled articles; 1 when a target is missed."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # hits, expected, proposed
    for case in load_cases(folder):
        expected, proposed = score(case)
        hits = len(expected & proposed)
        for key in ("all", case["lang"]):
            totals[key][0] += hits
            totals[key][1] += len(expected)
            totals[key][2] += len(proposed)
        if verbose and expected != proposed:
            print(f"{case['name']}: missed {sorted(expected - proposed)} extra {sorted(proposed - expected)}")
    print(f"{'set':<8} {'texts':>5} {'facts':>5} {'proposed':>8} {'recall':>7} {'precision':>9}")
    counts = defaultdict(int)
    for case in load_cases(folder):
        counts[case["lang"]] += 1
        counts["all"] += 1
    for key in sorted(totals, key=lambda k: (k == "all", k)):
        hits, expected, proposed = totals[key]
        print(f"{key:<8} {counts[key]:>5} {expected:>5} {proposed:>8} {hits / expected:>7.2f} {hits / max(proposed, 1):>9.2f}")
    agree = labelled = 0
    for case in load_cases(folder):
        a, t, wrong = certainty_agreement(case)
        agree, labelled = agree + a, labelled + t
        if verbose and wrong:
            print(f"{case['name']}: certainty {'; '.join(wrong)}")
    if labelled:
        print(f"certainty: {agree}/{labelled} facts found have a proposal with the labelled certainty ({agree / labelled:.2f})")
    hits, expected, proposed = totals["all"]
    ok = hits / expected >= TARGET_RECALL and hits / max(proposed, 1) >= TARGET_PRECISION
    print(f"targets: recall >= {TARGET_RECALL}, precision >= {TARGET_PRECISION}: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
