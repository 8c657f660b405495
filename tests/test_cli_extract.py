"""`timeline extract` through the command line: proposals as YAML or JSON, --into, bad input."""

import json
import shutil

from conftest import ROOT

SEED = next((ROOT / "seeds").glob("*.txt"))


def test_proposals_as_yaml_paste_into_a_data_file_that_checks(invoke, tmp_path):
    result = invoke("extract", SEED, "--date", "2025-10-31", "--source", "art")
    assert result.exit_code == 0, result.output
    assert "date: 2026-04" in result.stdout  # 明年四月: a month, not a day
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / "a.txt")
    data = tmp_path / "events.yaml"
    data.write_text("sources:\n  - id: art\n    file: seeds/a.txt\n    published: 2025-10-31\nevents:\n" + result.stdout,
                    encoding="utf-8")
    checked = invoke("validate", "-f", data)
    assert checked.exit_code == 0, checked.output


def test_json_gives_offsets_into_the_text(invoke):
    result = invoke("extract", SEED, "--date", "2025-10-31", "--json")
    items = json.loads(result.stdout)
    text = SEED.read_text(encoding="utf-8")
    assert items and all(text[i["start"]:i["end"]] == i["quote"] for i in items)
    assert {"id", "title", "precision", "certainty", "quote", "why"} <= set(items[0])


def test_into_appends_keeping_comments_and_refuses_an_unknown_source(invoke, tmp_path):
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / "a.txt")
    data = tmp_path / "events.yaml"
    original = "# my notes\nsources:\n  - id: art  # the article\n    file: seeds/a.txt\n    published: 2025-10-31\nevents: []\n"
    data.write_text(original, encoding="utf-8")
    refused = invoke("extract", SEED, "--date", "2025-10-31", "--source", "other", "--into", data)
    assert refused.exit_code == 1 and data.read_text(encoding="utf-8") == original
    assert len(refused.stderr.strip().splitlines()) == 1
    added = invoke("extract", SEED, "--date", "2025-10-31", "--source", "art", "--into", data)
    assert added.exit_code == 0, added.output
    text = data.read_text(encoding="utf-8")
    assert "# my notes" in text and "# the article" in text and "2026-04" in text
    assert invoke("validate", "-f", data).exit_code == 0


def test_bad_input_is_one_line_and_exit_1(invoke, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "b.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    for args in ([empty, "--date", "2025-10-31"], [binary, "--date", "2025-10-31"],
                 [SEED, "--date", "2025-10-31", "--lang", "fr"], [SEED, "--date", "31/10/2025"],
                 [tmp_path / "missing.txt", "--date", "2025-10-31"]):
        result = invoke("extract", *args)
        assert result.exit_code == 1, (args, result.output)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_a_page_with_furniture_and_quarters_gives_a_data_file_that_checks(invoke, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("BIS issues rule on affiliates\nSeptember 29, 2025 10:00 AM\n"
                       "BIS plans to publish a final rule in Q1 2026 and will review it in the second half of 2026.\n"
                       "A temporary general license will authorize certain transactions through November 28, 2025.\n",
                       encoding="utf-8")
    result = invoke("extract", article, "--date", "2025-09-29", "--source", "art")
    assert result.exit_code == 0, result.output
    assert "date: 2026-33" in result.stdout and "date: 2026-41" in result.stdout
    assert "2025-09-29" not in result.stdout  # the stamp is the page's
    (tmp_path / "seeds").mkdir()
    shutil.copy(article, tmp_path / "seeds" / "a.txt")
    data = tmp_path / "events.yaml"
    data.write_text("sources:\n  - id: art\n    file: seeds/a.txt\n    published: 2025-09-29\nevents:\n" + result.stdout,
                    encoding="utf-8")
    checked = invoke("validate", "-f", data)
    assert checked.exit_code == 0, checked.output
