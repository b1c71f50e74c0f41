"""Imported once by the fork server behind reports.budget: every budgeted child then starts with the readers and
the extractor loaded and the gazetteer and catalogue built, instead of paying half a second for each issue.

Loading is not enough: much of the extractor is built on first use (each metric's patterns, the decoder's
character tables, the gazetteer's towns and villages of a region, patterns compiled into ``re``'s cache). A
child is thrown away after one issue, so without a first extraction here every child rebuilt all of it for its
issue: measured on the fixture pages, 75-110 ms per page in a child against 9-12 ms for the same extraction
in a warm process. One extraction of a short page here leaves 25 ms.
"""

from reports.budget import read_and_extract
from reports.extract import default_config
from reports.readers import read_document  # noqa: F401 - loaded for the children
from reports.readers.pdf import read_pdf  # noqa: F401 - pdfminer is the slowest import

default_config()

# A short page in the newsletters' style: a title, a district and its towns, years, counted and money figures
# and a named initiative, so that one extraction goes through every stage.
WARM_UP_PAGE = """聚焦基层治理 推动高质量发展

2023年，江津区圣泉街道以党建统领网格智治为抓手，在133个网格的基础上拓展3310个微网格，开展隐患排查120余次、
应急演练78场。街道新建“津新驿站”服务站点，组建志愿服务队，服务群众1.2万人次。

全区实现地区生产总值1246.5亿元，同比增长6.1%；新增市场主体5386户，建成养老服务中心3个、社区食堂12家。
截至目前，累计建成充电桩320台。几江街道、德感街道分别建成城市书房2个。
"""

read_and_extract(WARM_UP_PAGE.encode("utf-8"), "warm-up.txt", None, None)
