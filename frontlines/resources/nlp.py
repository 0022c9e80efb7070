"""The spaCy pipeline: the English model with an entity ruler in front of its NER.

The ruler knows the actor names of the knowledge base and a bounded set of place names (countries, admin1 regions,
large places), so that names the statistical NER misses or mislabels ("Hayat Tahrir al-Sham" as a person) come out
whole and typed. The long tail of places is looked up in the gazetteer by the places stage instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from frontlines.errors import ResourceError


def load_nlp(
    model: str, *, actor_patterns: Iterable[dict[str, Any]] = (), place_names: Iterable[str] = ()
) -> Any:
    """Load the spaCy model and put an entity ruler with the given patterns before its NER."""
    import spacy

    try:
        # The tagger, attribute ruler and lemmatizer cost a quarter of the parse time and nothing downstream reads
        # lemmas or tags: the triggers are patterns over text, roles read the dependency parse.
        nlp = spacy.load(model, exclude=["tagger", "attribute_ruler", "lemmatizer"])
    except OSError as error:
        raise ResourceError(
            f"cannot load the spaCy model {model!r}: {error}. Run `make setup` to install it."
        ) from error
    patterns: list[dict[str, Any]] = list(actor_patterns)
    seen: set[str] = set()
    for name in place_names:
        if name and name not in seen:
            seen.add(name)
            patterns.append({"label": "GPE", "pattern": name, "id": "gazetteer"})
    # Sentences come from punctuation in the main pass; the parser runs later, only on sentences with events.
    nlp.add_pipe("sentencizer", first=True)
    if patterns:
        # phrase_matcher_attr=None keeps the patterns case-sensitive: "AP" must not match "ap".
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
        with nlp.select_pipes(enable=["entity_ruler"]):
            ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp
