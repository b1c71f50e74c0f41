"""The data dictionary: what each metric counts, what it includes, and which figures are not the same measure.

Readers compare places by these numbers, so each metric says in Chinese what it is and where newspapers report
something narrower or wider under a similar name. Keys follow the extractor's catalogue
(reports/extract/catalogue.py); its English descriptions serve English readers.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Definition:
    meaning: str
    includes: str = ""
    # Figures printed under a similar name that measure something narrower, wider or over another period.
    not_comparable: str = ""


DEFINITIONS: dict[str, Definition] = {
    "micro_grid_count": Definition(
        "街道/镇在网格之下划分的最小治理单元（微网格）的个数。", "楼栋、院落、小区微网格。",
        "网格数（上一级单元）不是微网格数。"),
    "grid_count": Definition(
        "街道/镇划分的治理网格个数；调整后以调整后的数目为准。",
        "基础网格、综合网格、全科网格、专属网格等；报道写明的网格类型记在备注中。",
        "新增、增设的网格是变化量，不是网格总数；微网格另计。"),
    "grid_workers": Definition(
        "承担网格工作的人员数。", "专职网格员、兼职网格员，或报道所称的整支网格力量/队伍。",
        "只数专职或只数兼职的数字比整支网格力量口径窄，标注“仅专职”“仅兼职”；网格长、楼栋长等另有所指时以备注为准。"),
    "grid_party_branches": Definition(
        "建在网格上的党支部个数。", "网格党支部、网格党组织。", "网格党小组是支部内的小组，不计入。"),
    "grid_service_stations": Definition("为网格工作设立的服务点个数。", "网格驿站、网格服务站、网格工作站。"),
    "party_organizations": Definition(
        "街道/镇党（工）委下属的全部党组织个数。", "党委、党总支、党支部。",
        "某一行业、某一社区“大党委”下的党组织只是其中一部分。"),
    "party_members": Definition("街道/镇的党员人数。"),
    "elderly_care_sites": Definition(
        "养老服务设施的个数。",
        "街道养老服务中心、社区养老服务站、敬老院、老年食堂/助餐点、日间照料中心等；报道分类列出时按类型相加，"
        "并在图表中分段显示。",
        "只数某一类设施的数字比全部设施口径窄，标注“仅”该类设施；报道只写“建成投用养老服务中心”而没有数字时，"
        "该中心不会被计入，读数可能偏小。"),
    "gdp": Definition("地区生产总值（GDP），单位亿元。", "", "人均地区生产总值、农业或工业总产值不是 GDP。"),
    "gdp_growth_pct": Definition("地区生产总值比上年增长的百分比。"),
    "va_primary": Definition("第一产业（农林牧渔业）增加值。"),
    "va_secondary": Definition("第二产业（工业和建筑业）增加值。"),
    "va_tertiary": Definition("第三产业（服务业）增加值。"),
    "industrial_output_above_scale": Definition(
        "规模以上工业企业的总产值。", "规上工业产值、规模以上工业企业总产值。", "全部工业企业的总产值见“工业总产值”。"),
    "industrial_output_above_scale_growth_pct": Definition("规模以上工业产值比上年增长的百分比。"),
    "industrial_output": Definition(
        "全部工业企业的总产值。", "", "规上工业产值只含规模以上企业，口径更窄。"),
    "industrial_output_growth_pct": Definition("工业总产值比上年增长的百分比。"),
    "fixed_asset_investment": Definition("本地完成的固定资产投资额。"),
    "retail_sales": Definition("社会消费品零售总额。"),
    "attracted_investment": Definition(
        "从外部引进的投资额。", "签约额或到位资金（报道写明时记在备注中）。", "签约额与到位资金不是同一口径。"),
    "market_entities_new": Definition(
        "当年新登记的市场主体（企业和个体工商户）数。", "",
        "多年累计新增（如“近三年累计新增”）不是当年数；“截至目前”“累计”的数字标注“截至当时累计”。"),
    "market_entities_total": Definition(
        "辖区内登记的全部市场主体数。", "也称经营主体、商事主体。", "当年新增数见“新增市场主体”。"),
    "enterprises_new": Definition("当年新设立或新引进、新入驻的企业数。", "", "多年累计数不是当年数。"),
    "enterprises_total": Definition("辖区内现有（集聚）的企业数。"),
    "volunteer_organizations": Definition("志愿服务组织和志愿服务队的个数。"),
    "registered_volunteers": Definition("在本地注册的志愿者人数。"),
    "social_organizations": Definition("登记的社会组织个数。"),
    "social_workers": Definition("社会工作者（社工、社会工作专业人才）人数。"),
    "parking_lots_built": Definition("新建停车场的个数。"),
    "parking_spaces_added": Definition("新增（含释放）的停车位个数。"),
    "elevators_installed": Definition(
        "老旧住宅当年加装电梯的台数。", "", "“截至目前共加装”是多年累计数，标注“截至当时累计”。"),
    "old_communities_renovated": Definition(
        "完成改造的老旧小区个数。", "", "按栋计的楼栋数不是小区数，不计入。"),
}


def definition(key: str) -> Definition | None:
    return DEFINITIONS.get(key)


def describe(key: str, *, en: bool) -> Definition | None:
    """The metric's definition for the reader's language: the Chinese entry above, or in English the
    extractor catalogue's description (what it counts and what it leaves out)."""
    if en:
        from reports.extract.catalogue import default_catalogue

        spec = default_catalogue().get(key)
        return Definition(spec.description) if spec and spec.description else None
    return definition(key)
