"""Paragraphs, sentences and named entities, from one run of spaCy over the clean text.

The spaCy ``Doc`` is kept on the document (``document.parse``) for the stages that read the dependency parse; it is
not part of the JSON contract. Sentences never cross a paragraph boundary: scraped pages often lack final stops, and
a headline glued to the first sentence would give that sentence the headline's words.
"""

from __future__ import annotations

import re
from typing import Any

from frontlines.model import Document, EntityMention

_PARAGRAPH = re.compile(r"[^\n]+")


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: runs of text between line breaks, without surrounding whitespace.

    >>> paragraphs_of("Title\\n\\nFirst para.\\nSecond.")
    [(0, 5), (7, 18), (19, 26)]
    """
    spans = []
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def split_at_paragraphs(
    sentences: list[tuple[int, int]], paragraphs: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Cut sentences at paragraph boundaries and drop the whitespace between paragraphs.

    >>> split_at_paragraphs([(0, 20)], [(0, 8), (10, 20)])
    [(0, 8), (10, 20)]
    """
    result = []
    for s_start, s_end in sentences:
        for p_start, p_end in paragraphs:
            start, end = max(s_start, p_start), min(s_end, p_end)
            if start < end:
                result.append((start, end))
    return result


class ParseStage:
    """Runs the spaCy pipeline (with the entity ruler in front of its NER) once per document."""

    name = "parse"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ("sentences", "paragraphs", "entities")

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp

    def __call__(self, document: Document) -> Document:
        return self.apply(document, self.nlp(document.text))

    def apply(self, document: Document, doc: Any) -> Document:
        """Fill the layers from an already computed spaCy Doc (so batches can use ``nlp.pipe``)."""
        text = document.text
        document.paragraphs = paragraphs_of(text)
        raw_sentences = []
        for sent in doc.sents:
            start, end = sent.start_char, sent.end_char
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                raw_sentences.append((start, end))
        document.sentences = split_at_paragraphs(raw_sentences, document.paragraphs)
        entities = []
        for ent in doc.ents:
            mention = EntityMention(start=ent.start_char, end=ent.end_char, text=ent.text, label=ent.label_)
            if ent.ent_id_:
                mention.kb_id = ent.ent_id_  # type: ignore[attr-defined]  # extra field: the ruler's canonical id
            entities.append(mention)
        document.entities = entities
        document.parse = doc
        return document
