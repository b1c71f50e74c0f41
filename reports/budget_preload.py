"""Imported once by the fork server behind reports.budget: every budgeted child then starts with the readers and
the extractor loaded and the gazetteer and catalogue built, instead of paying half a second for each issue."""

from reports.extract import default_config
from reports.readers import read_document  # noqa: F401 - loaded for the children
from reports.readers.pdf import read_pdf  # noqa: F401 - pdfminer is the slowest import

default_config()
