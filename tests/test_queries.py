"""Query helpers shared by the CLI and the web app."""

from __future__ import annotations

from factionlens.queries import contradictions


def _report(outlet: str | None, **fields: object) -> dict[str, object]:
    row: dict[str, object] = {"outlet": outlet, "source": f"/data/{outlet or 'x'}.txt",
                              "is_duplicate": False}  # fmt: skip
    row.update(fields)
    return row


def test_reports_that_state_different_figures_are_listed_with_who_says_what():
    reports = [
        _report("Reuters", fatalities=3, date="2024-02-07", certainty="asserted"),
        _report("Al Mayadeen", fatalities=5, date="2024-02-07", certainty="asserted"),
        _report("AP", fatalities=None, date="2024-02-07", certainty="asserted"),
    ]
    out = contradictions(reports)
    assert [c["field"] for c in out] == ["fatalities"]  # an unstated toll contradicts nothing
    assert out[0]["values"] == {"3": ["Reuters"], "5": ["Al Mayadeen"]}
    assert out[0]["reports"] == "3 (Reuters) vs 5 (Al Mayadeen)"


def test_syndicated_copies_and_agreeing_reports_raise_no_contradiction():
    copy = _report("Copycat", fatalities=9)
    copy["is_duplicate"] = True
    reports = [_report("Reuters", fatalities=3, attribution="police"), copy,
               _report(None, fatalities=3, attribution="police")]  # fmt: skip
    assert contradictions(reports) == []
    denied = [_report("A", certainty="asserted"), _report("B", certainty="denied")]
    assert contradictions(denied)[0]["values"] == {"asserted": ["A"], "denied": ["B"]}
