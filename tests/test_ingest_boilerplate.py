"""The plain-text boilerplate pass: furniture out and recorded, article sentences untouched."""

from __future__ import annotations

from pathlib import Path

from frontlines.ingest.boilerplate import clean_text, furniture_reason, split_lines

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

ARTICLE = (
    "Fighters took the river crossing north of the port on Saturday, officials said.\n\n"
    "At least 7 soldiers were killed and 12 wounded in the attack on the checkpoint.\n"
)


def test_footer_is_removed_and_every_article_paragraph_kept_unchanged():
    raw = (FIXTURES / "scraped_footer.txt").read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    paragraphs = [p.strip() for p in raw.split("\n\n") if p.strip()]
    article = paragraphs[: paragraphs.index(next(p for p in paragraphs if p.startswith("※")))]
    for paragraph in article:
        assert paragraph in cleaned.text
    assert "※" not in cleaned.text
    assert "tips@hbn.example.kr" not in cleaned.text
    assert cleaned.text.endswith("a local relief group.")


def test_removals_point_at_the_raw_text_with_a_reason():
    raw = (FIXTURES / "scraped_footer.txt").read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    assert cleaned.removed
    for removal in cleaned.removed:
        assert raw[removal.start_raw : removal.end_raw] == removal.text
        assert removal.reason
    reasons = {removal.text: removal.reason for removal in cleaned.removed}
    assert reasons["[Tel] 031-555-0199"] == "contact line"
    assert reasons["[Messenger] Harbor News Search and Follow"] == "channel line"
    assert reasons["Most Read Stories"] == "list heading"
    assert reasons["Ferry fares to rise next month"] == "headline list"
    assert reasons["Weather"] == "menu"


def test_share_and_advertisement_lines_inside_the_body_are_removed():
    raw = "Shells hit the market on Monday, the mayor said.\nAdvertisement\nShare this article\nTwo people died.\n"
    cleaned = clean_text(raw)
    assert cleaned.text == "Shells hit the market on Monday, the mayor said.\nTwo people died."
    assert [r.reason for r in cleaned.removed] == ["share line", "share line"]


def test_a_short_last_line_is_kept_when_no_furniture_surrounds_it():
    raw = ARTICLE + "\nReporting by Lena Obi\n"
    assert clean_text(raw).text.endswith("Reporting by Lena Obi")


def test_sentences_that_mention_furniture_words_are_kept():
    lines = [
        "Police asked anyone with information to email tips@police.example.gov or call the hotline.",
        "Share prices fell after the attack on the pipeline, traders said.",
        "Follow-up strikes hit the same district on Tuesday.",
        "● Rebels say they hold 50 villages",
        "© 2016 Example Media. The suspect, 24, was still in custody on Sunday, police said, and faces charges.",
    ]
    for line in lines:
        assert furniture_reason(line) is None, line


def test_contact_copyright_and_menu_lines_are_recognized():
    assert furniture_reason("[Mail] desk@example.org") == "contact line"
    assert furniture_reason("Tel: +44 20 7946 0958") == "contact line"
    assert furniture_reason("Copyright 2019 Example News. All rights reserved.") == "copyright line"
    assert furniture_reason("Home | World | Sport | Weather") == "menu"
    assert furniture_reason("Back to top") == "menu"
    assert furniture_reason("You may also like") == "list heading"


def test_an_exact_repeat_of_a_paragraph_is_removed_once():
    paragraph = "The convoy was hit by a roadside bomb near the bridge, the army said."
    cleaned = clean_text(f"{paragraph}\n\nTwo soldiers died.\n\n{paragraph}\n")
    assert cleaned.text == f"{paragraph}\n\nTwo soldiers died."
    assert cleaned.removed[0].reason == "duplicate paragraph"


def test_windows_line_endings_and_indentation_do_not_change_sentences():
    raw = "  Drones struck the depot overnight.  \r\n\r\nThe fire burned until noon.\r\n"
    cleaned = clean_text(raw)
    assert cleaned.text == "Drones struck the depot overnight.\n\nThe fire burned until noon."
    lines = split_lines(raw)
    assert raw[lines[0].start : lines[0].end] == "Drones struck the depot overnight."
