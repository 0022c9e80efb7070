"""Paragraphs, sentences and named entities, from one run of spaCy over the clean text.

The spaCy ``Doc`` is kept on the document (``document.parse``) for the stages that read the dependency parse; it is
not part of the JSON contract. Sentences never cross a paragraph boundary: scraped pages often lack final stops, and
a headline glued to the first sentence would give that sentence the headline's words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
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
    # Paragraphs are in order and do not overlap: those a sentence meets are one run, from the first that ends
    # after the sentence starts to the last that starts before it ends.
    ends = [p_end for _, p_end in paragraphs]
    result = []
    for s_start, s_end in sentences:
        for k in range(bisect_right(ends, s_start), len(paragraphs)):
            p_start, p_end = paragraphs[k]
            if p_start >= s_end:
                break
            start, end = max(s_start, p_start), min(s_end, p_end)
            if start < end:
                result.append((start, end))
    return result


# "... around 11:15 p.m. One victim is being treated": the sentencizer never ends a sentence at an abbreviation, but
# a clock time's "p.m." followed by a capitalized word that is not a day, a month or a time zone ends one.
_AFTER_CLOCK = re.compile(
    r"\b[ap]\.m\.(?=\s+[A-Z])(?!\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
    r"March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|"
    r"Dec|Eastern|Central|Pacific|Mountain|Local|[A-Z]{2,4})\b)"
)


# Scraped pages drop the space after a sentence's full stop ("... was recovered in Menifee.Five people were shot"):
# a word of two or more lower-case letters, a full stop and a capitalized word end a sentence (not "St.Louis").
_RUN_ON = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
_SENTENCE_CUT = re.compile(f"{_AFTER_CLOCK.pattern}|{_RUN_ON.pattern}")


def split_missed_ends(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut sentences after a clock time that ends one, and where a full stop runs into the next sentence.

    >>> text = "It happened at 11:15 p.m. One man was hurt at 9 p.m. Friday."
    >>> [text[s:e] for s, e in split_missed_ends(text, [(0, len(text))])]
    ['It happened at 11:15 p.m.', 'One man was hurt at 9 p.m. Friday.']
    >>> text = "A car was found in Menifee.Five people were shot in St.Louis."
    >>> [text[s:e] for s, e in split_missed_ends(text, [(0, len(text))])]
    ['A car was found in Menifee.', 'Five people were shot in St.Louis.']
    """
    result = []
    for start, end in sentences:
        for match in _SENTENCE_CUT.finditer(text, start, end):
            result.append((start, match.end()))
            start = match.end()
            while start < end and text[start].isspace():
                start += 1
        result.append((start, end))
    return result


# The dependency parser (and the tok2vec layer only it uses) cost about a third of the model's time; only the
# sentences that hold an event need it, so it runs there, on demand.
ON_DEMAND = ("tok2vec", "parser")


class LazyParse:
    """Dependency parses of single sentences of one document, made when first asked for.

    ``doc_for(offset)`` gives ``(sentence_start, Doc)`` for the sentence holding ``offset``: the Doc's character
    offsets count from ``sentence_start``. ``prepare`` names the sentences likely to be asked for; they are parsed
    together, in one batch, when the first of them is asked for (never, if none is: a document whose triggers have
    no actor around them needs no parse at all). A sentence's parse does not depend on the batch it is made in.
    """

    def __init__(self, text: str, sentences: list[tuple[int, int]], parse_text: Any) -> None:
        self.text = text
        self.sentences = sentences
        self.parse_text = parse_text
        self._docs: dict[int, Any] = {}
        self._pending: set[int] = set()

    def prepare(self, offsets: list[int]) -> None:
        """Mark the sentences holding these offsets to be parsed in one batch (much cheaper than one call each)."""
        self._pending |= {s for s, e in self.sentences for o in offsets if s <= o < e} - set(self._docs)

    def _parse_pending(self) -> None:
        wanted = sorted(self._pending - set(self._docs))
        self._pending = set()
        if (
            wanted
            and hasattr(self.parse_text, "__self__")
            and hasattr(self.parse_text.__self__, "parse_texts")
        ):
            spans = dict(self.sentences)
            parsed = self.parse_text.__self__.parse_texts([self.text[s : spans[s]] for s in wanted])
            self._docs.update(zip(wanted, parsed, strict=True))

    def sentence_at(self, offset: int) -> tuple[int, int] | None:
        """The (start, end) of the sentence holding ``offset``, without parsing it."""
        return next(((s, e) for s, e in self.sentences if s <= offset < e), None)

    def doc_for(self, offset: int) -> tuple[int, Any] | None:
        for start, end in self.sentences:
            if start <= offset < end:
                if start not in self._docs and start in self._pending:
                    self._parse_pending()
                if start not in self._docs:
                    self._docs[start] = self.parse_text(self.text[start:end])
                return start, self._docs[start]
        return None


class ParseStage:
    """Runs the spaCy pipeline (the entity ruler in front of its NER) once per document; parses on demand."""

    name = "parse"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ("sentences", "paragraphs", "entities")

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.deferred = [name for name in ON_DEMAND if name in nlp.pipe_names]

    def __call__(self, document: Document) -> Document:
        return self.apply(document, self.nlp(document.text, disable=self.deferred))

    def pipe(self, texts: list[str]) -> Any:
        """spaCy over many texts at once (its batching is faster than one call per text)."""
        return self.nlp.pipe(texts, disable=self.deferred)

    def parse_text(self, text: str) -> Any:
        """The dependency parse of one sentence."""
        return self.parse_texts([text])[0]

    def parse_texts(self, texts: list[str]) -> list[Any]:
        """The dependency parses of several sentences, batched through the deferred components."""
        docs: Any = [self.nlp.make_doc(text) for text in texts]
        for name in self.deferred:
            docs = self.nlp.get_pipe(name).pipe(docs)
        return list(docs)

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
        document.sentences = split_at_paragraphs(split_missed_ends(text, raw_sentences), document.paragraphs)
        entities = []
        for ent in doc.ents:
            mention = EntityMention(start=ent.start_char, end=ent.end_char, text=ent.text, label=ent.label_)
            if ent.ent_id_:
                mention.kb_id = ent.ent_id_  # type: ignore[attr-defined]  # extra field: the ruler's canonical id
            entities.append(mention)
        document.entities = entities
        document.parse = LazyParse(text, document.sentences, self.parse_text) if self.deferred else doc
        return document
