"""The extraction engine: newsletter pages about subdistrict governance → articles, facts and initiatives.

Pure Python (no Django). Stages, each in its own module:

decode → normalize → layout (paragraphs) → articles → places → years → quantities → metrics → initiatives.
"""

from .catalogue import Catalogue, MetricSpec, default_catalogue
from .decode import decode_bytes
from .gazetteer import Gazetteer, default_gazetteer
from .pipeline import EXTRACTOR_VERSION, ExtractConfig, Limits, default_config, extract
from .types import (
    ArticleResult,
    DecodedText,
    DecodeError,
    Extraction,
    FactResult,
    InitiativeResult,
    Place,
)

__all__ = [
    "EXTRACTOR_VERSION",
    "ArticleResult",
    "Catalogue",
    "DecodeError",
    "DecodedText",
    "ExtractConfig",
    "Extraction",
    "FactResult",
    "Gazetteer",
    "InitiativeResult",
    "Limits",
    "MetricSpec",
    "Place",
    "decode_bytes",
    "default_catalogue",
    "default_config",
    "default_gazetteer",
    "extract",
]
