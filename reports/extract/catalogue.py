"""The metrics the dashboard compares, and how newsletters write each of them.

Each metric names its canonical unit and the grammar that recognizes it around a quantity:

- ``before``: the noun printed before the number (社区养老服务站 5 个, 地区生产总值 51.03 亿元), matched against the
  end of the clause up to the number once filler such as 共/达/为/近 is dropped;
- ``after``: the noun printed after the counting word (168个网格, 建成87个养老助餐点), matched at the start of the rest
  of the clause; ``after_requires`` is a verb the clause must end with before the number when the noun alone does not
  say the count is the place's own (集聚3200家企业 is a stock, 走访3200家企业 is not);
- ``veto``: words right before the noun that make a count someone else's (动员辖区53家企业党组织, 评选出优秀社工10名);
- ``growth_of``: for a growth rate, the metric whose rate it is, so that 增速 5% right after a GDP figure is GDP growth.

Patterns are plain regular expressions over NFKC text (，has become ",").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

CATEGORIES = ("grid", "elderly", "economy", "party", "market", "other")

# Verbs that make the count an object of the place's work rather than something it has.
DEFAULT_VETO = (
    r"(?:动员|吸引|走访|联系|慰问|帮扶|培训|表彰|评选出?|评出|选派|带动|邀请|接待|对接|帮助|惠及|发动|召集|联合|指导|"
    r"组织|覆盖|辐射|服务了|联系了|招录|招聘|选聘|新招录|新招聘|整顿|整治|整顿提升|软弱涣散)了?(?:辖区内?|全街道?|全镇|全区|各类|各级)?[\u4e00-\u9fff]{0,4}"
)
_OWN = r"(?:共有|现有|拥有|有|辖区内?有|累计有|已有|集聚|聚集|汇聚|入驻|注册|登记|达到?)了?"
_FACILITY = (
    r"(?:智慧|综合|示范|星级|标准化|普惠型?|公办|民办|街道级|社区级|镇级|村级|村居|城乡)?"
    r"(?:社区|街道|镇|中心|农村|乡镇|村级|区域性|嵌入式|互助式?|居家|老年人)?"
    r"(?:养老服务站点|养老服务站|养老服务中心|养老服务点|养老服务驿站|养老驿站|养老院|敬老院|托老所|幸福院|颐养院|"
    r"颐康(?:服务)?(?:中心|站)|养老照料中心|(?:养老|老年)?照料(?:中心|站)|"
    r"(?:幸福|老年|长者|敬老|孝老|助老|老人家)(?:食堂|饭堂|餐厅|餐桌)|颐养之家|(?:养老|老年)?助餐(?:服务|配餐)?点|"
    r"日间照料(?:中心|站|室)|互助养老点|养老机构|养老服务综合体|"
    r"长者(?:服务|照护|照料|颐养)(?:站|中心|驿站|之家)|(?:综合)?为老服务(?:中心|站)|幸福屋|老年人?(?:服务|照护|颐养)(?:站|中心|驿站|之家))"
)


# GDP and its names; 人均地区生产总值 (per head) and 农业/工农业生产总值 (gross output of a sector) are other measures.
_GDP = r"(?:(?<!均)地区生产总值|(?<!均)(?<!地区)(?<!农业)(?<!工业)生产总值|(?<!均)GDP|经济总量)"
# 规上工业总产值, 规模以上工业企业总产值, 规模工业总产值, 规上产值: output of firms above designated size.
_ABOVE_SCALE = (r"(?:(?:规上|规模以上|规模)工业(?:企业)?(?:总)?产值|规上产值"
                # 规模以上工业企业完成工业总产值18.6亿元: the firms above designated size are the subject.
                r"|(?:规上|规模以上)工业企业(?:共|累计)?(?:完成|实现)?(?:工业)?(?:总)?产值)")


# Words that name a kind of grid between the count and 网格: 实体网格, 社会管理网格, 党建全科网格, (村)社区基础网格.
_GRID_KIND = (r"(?:基础|综合|全科|城市|农村|城乡|城镇居民|居民|社区|村级|村|专属|一级|二级|三级|四级|五级|治理|"
              r"社会管理|社会治理|管理|基层|各类|实体|党建|一般|总|单元|地理|\([^()]{1,4}\))")


@dataclass(frozen=True)
class MetricSpec:
    key: str
    name_zh: str
    name_en: str
    unit: str  # canonical unit facts are stored in
    category: str
    description: str
    family: str = "count"  # count | money | percent
    counters: tuple[str, ...] = ()  # counting words accepted for a count
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    after_requires: str = ""
    veto: tuple[str, ...] = (DEFAULT_VETO,)
    growth_of: str | None = None
    # Totals a 其中 part of which is this metric when the part is named by this metric's own noun alone
    # (市场主体总数1.08万户,其中企业3200家: the enterprises are a stock too, 新增市场主体…其中企业 a flow).
    part_of: tuple[str, ...] = ()
    note: str = ""  # regex over the cue: its match becomes the fact's note (专职, 社区养老服务站)
    # Counts facilities that stand somewhere: one built in a community is one of its subdistrict's too, whereas
    # a community's own grids or workers are a part of the subdistrict's, not its count.
    sited: bool = False
    # A flow over one year (新增市场主体): a figure summed over several years (近三年累计新增) is no value of it.
    yearly: bool = False

    @property
    def scale(self) -> int:
        """Base units per canonical unit (亿元 holds 10^8 元)."""
        return {"亿元": 10 ** 8, "万元": 10 ** 4}.get(self.unit, 1)


@dataclass(frozen=True)
class Catalogue:
    metrics: tuple[MetricSpec, ...]

    def get(self, key: str) -> MetricSpec | None:
        return next((m for m in self.metrics if m.key == key), None)

    def growth_metric(self, base_key: str) -> MetricSpec | None:
        return next((m for m in self.metrics if m.growth_of == base_key), None)


_COUNT = ("个",)
_PEOPLE = ("名", "人", "位")
_FIRMS = ("家", "个", "户")

METRICS: tuple[MetricSpec, ...] = (
    # --- grid --------------------------------------------------------------------------------------------------
    MetricSpec(
        "micro_grid_count", "微网格数", "Micro-grids", "个", "grid",
        "Micro-grids (微网格): the smallest units below a grid, usually a building or a courtyard.",
        counters=_COUNT, before=(r"微网格(?:数量?|总数)?",),
        after=(r"[“\"]?(?:楼栋|楼宇|小区|院落)?微网格(?![长员])",),
    ),
    MetricSpec(
        "grid_count", "网格数", "Grids", "个", "grid",
        "Governance grids (网格) the subdistrict is divided into; after a regrouping, the new number. A kind of grid "
        "named with the number (综合网格, 专属网格) is kept in the note.",
        counters=_COUNT, note=r"基础|综合|全科|专属|一级|二级|三级",
        before=(r"(?<!微)(?<!党)(?:基础|综合|全科|专属|一级|二级|三级)?网格(?:数量?|总数)?",),
        after=(_GRID_KIND + r"{0,3}[“\"]?"
               r"网格(?![员长化党驿站微事群工格队力治服管巡议中台点里内])"
               r"(?!(?:上|中|内|里)?(?:均|全部|都)?(?:建立|组建|成立|设立)了?(?:网格)?党)",),
        # 新增专属网格11个 is an addition, not the count.
        veto=(DEFAULT_VETO, r"(?:新增|增设|增加)了?"),
    ),
    MetricSpec(
        "grid_workers", "网格员", "Grid workers", "人", "grid",
        "People staffing the grids: full- and part-time grid workers (网格员) or the grid workforce as counted.",
        counters=_PEOPLE,
        before=(r"(?:专职|兼职|专兼职|专属|社区|村|农村|城市|微)*网格(?:员|管理员|工作人员)(?:队伍)?",
                r"网格(?:常态)?(?:力量|队伍)"),
        # 一支近千人的网格员队伍
        after=(r"(?:专职|兼职|专兼职|专属|社区|村|农村|城市|微)*网格(?:员|管理员|工作人员)",
               r"的(?:专职|兼职|专兼职)*网格(?:员|管理员|工作人员)队伍"),
        note=r"专兼职|专职|兼职",
    ),
    MetricSpec(
        "grid_party_branches", "网格党支部", "Grid party branches", "个", "grid",
        "Party branches set up on grids (网格党支部). A 党小组 is a group inside a branch: counted apart, it is "
        "no branch (网格党支部22个、网格党小组39个); 网格党支部(党小组) counts the branch.",
        counters=_COUNT,
        # 在网格上建立党支部58个: the branch is a grid's when the clause says it was set up on the grids.
        before=(r"网格(?:党支部|党组织)",
                r"(?:在|于)(?:各|每个)?网格(?:上|中|里|内)?(?:共|均|全部|都)?(?:建立|组建|成立|设立)了?党支部"),
        # 在74个网格建立网格党支部: one branch on each of those grids.
        after=(r"网格(?:党支部|党组织)",
               r"网格(?:上|中|内|里)?(?:均|全部|都)?(?:建立|组建|成立|设立)了?(?:网格)?党支部"),
    ),
    MetricSpec(
        "grid_service_stations", "网格驿站", "Grid service stations", "个", "grid",
        "Service points run for grid work (网格驿站, 网格服务站, 网格工作站).",
        counters=("个", "处", "座"), before=(r"网格(?:驿站|服务站|工作站)",),
        after=(r"[“\"]?网格(?:驿站|服务站|工作站)",),
    ),
    # --- party -------------------------------------------------------------------------------------------------
    MetricSpec(
        "party_organizations", "党组织数", "Party organizations", "个", "party",
        "All party organizations under the subdistrict's party working committee (not those of one sector).",
        counters=("个", "家"),
        before=(r"(?<!企业)(?<!非公)(?<!两新)(?<!网格)(?<!小区)(?<!楼宇)(?<!行业)(?<!社会)(?<!大)"
                r"(?:基层|各级|各类)?党组织(?:总数|数量)?",
                r"(?<!网格)(?<!企业)(?<!农村)(?<!社区)(?<!村)(?<!两新)(?<!非公)(?<!小区)(?<!楼宇)(?:基层)?党(?:总支|支部)"
                r"(?:总数|数量)?"),
        after=(r"(?:基层|各级|各类)?党组织(?!书记|生活|关系|负责人|建设|活动|阵地)",
               r"(?:基层)?党(?:总支|支部)(?!书记|生活|关系|负责人|建设|活动|阵地|委员|副书记)"),
    ),
    MetricSpec(
        "party_members", "党员人数", "Party members", "人", "party",
        "Party members the subdistrict has (共有党员…).",
        # 党员973人, 全镇党员1798名, 1096名党员: a count of members is a stock; recruiting (发展党员) is a flow.
        counters=_PEOPLE, before=(r"(?<!发展)(?<!新)(?<!预备)(?<!流动)(?<!无职)(?<!老)党员(?:总数|人数)?",),
        after=(r"党员(?![干先活志服示教群代骨中同])",),
        veto=(DEFAULT_VETO, r"(?:发展|新发展|吸收|接收|转正|培养|教育|慰问|带领|组织|号召|党员中)了?(?:新)?"),
    ),
    # --- elderly -----------------------------------------------------------------------------------------------
    MetricSpec(
        "elderly_care_sites", "养老服务设施", "Elderly care sites", "个", "elderly",
        "Elderly care facilities: community care stations and centres, care homes (敬老院), meal points and canteens "
        "for the elderly (助餐点, 老年食堂, 幸福食堂), day-care centres. The facility type is kept in the note.",
        counters=("个", "所", "家", "处", "座"), before=(r"[“\"]?" + _FACILITY + r"[”\"]?(?:总数|数量)?",),
        after=(r"[“\"]?" + _FACILITY,), note=_FACILITY, sited=True,
    ),
    # --- economy -----------------------------------------------------------------------------------------------
    MetricSpec(
        "gdp", "地区生产总值", "GDP", "亿元", "economy", "Gross domestic product of the area (地区生产总值).",
        family="money", before=(_GDP + r"(?:总量)?",),
    ),
    MetricSpec(
        "gdp_growth_pct", "地区生产总值增速", "GDP growth", "%", "economy",
        "Growth of GDP on the year before, in percent.",
        family="percent", growth_of="gdp",
        before=(r"(?:" + _GDP + r"|经济)(?:同比|比上年|较上年)?(?:\(下同\))?(?:增长|增速|增幅|比增)了?",),
    ),
    MetricSpec(
        "va_primary", "第一产业增加值", "Value added, primary sector", "亿元", "economy",
        "Value added by agriculture (第一产业增加值).",
        family="money", before=(r"(?:第一产业|一产)增加值",),
    ),
    MetricSpec(
        "va_secondary", "第二产业增加值", "Value added, secondary sector", "亿元", "economy",
        "Value added by industry and construction (第二产业增加值).",
        family="money", before=(r"(?:第二产业|二产)增加值",),
    ),
    MetricSpec(
        "va_tertiary", "第三产业增加值", "Value added, tertiary sector", "亿元", "economy",
        "Value added by services (第三产业增加值).",
        family="money", before=(r"(?:第三产业|三产)增加值",),
    ),
    MetricSpec(
        "industrial_output_above_scale", "规上工业产值", "Industrial output above designated size", "亿元", "economy",
        "Output of industrial enterprises above designated size (规上/规模以上工业产值).",
        family="money", before=(_ABOVE_SCALE,),
    ),
    MetricSpec(
        "industrial_output_above_scale_growth_pct", "规上工业产值增速",
        "Industrial output above designated size, growth", "%", "economy",
        "Growth of the output of industrial enterprises above designated size, in percent.",
        family="percent", growth_of="industrial_output_above_scale",
        before=(_ABOVE_SCALE + r"(?:同比|比上年|较上年)?(?:增长|增速|增幅|比增)了?",),
    ),
    MetricSpec(
        "industrial_output", "工业总产值", "Industrial output", "亿元", "economy",
        "Gross industrial output (工业总产值), all enterprises.",
        family="money", before=(r"(?<!规上)(?<!规模以上)(?<!规模)(?<!企业)工业(?:总)?产值",),
        after=(r"工业(?:总)?产值",),
    ),
    MetricSpec(
        "industrial_output_growth_pct", "工业总产值增速", "Industrial output growth", "%", "economy",
        "Growth of gross industrial output on the year before, in percent.",
        family="percent", growth_of="industrial_output",
        before=(r"(?<!规上)(?<!规模以上)工业(?:总)?产值(?:同比|比上年|较上年)?(?:增长|增速|增幅)了?",),
    ),
    MetricSpec(
        "fixed_asset_investment", "固定资产投资", "Fixed-asset investment", "亿元", "economy",
        "Fixed-asset investment completed in the area (固定资产投资).",
        family="money", before=(r"固定资产投资(?:额|总额)?(?:完成)?",),
    ),
    MetricSpec(
        "retail_sales", "社会消费品零售总额", "Retail sales of consumer goods", "亿元", "economy",
        "Retail sales of consumer goods (社会消费品零售总额).",
        family="money", before=(r"社会消费品零售(?:总)?额",),
    ),
    MetricSpec(
        "attracted_investment", "招商引资额", "Investment attracted", "亿元", "economy",
        "Investment attracted from outside (招商引资 / 引进资金, contracted or in place).",
        family="money",
        before=(r"(?:招商引资|(?:协议|合同)?引资|引进(?:内外资|资金|投资))(?:到位资金|到位|金额|总额|协议资金|签约金额|额)?",
                r"(?:实际)?到位(?:内资|外资|资金)"),
    ),
    # --- market ------------------------------------------------------------------------------------------------
    MetricSpec(
        "market_entities_new", "新增市场主体", "New market entities", "家", "market",
        "Market entities (enterprises and self-employed) newly registered during the year.",
        counters=_FIRMS, before=(r"(?:新增|新登记|新发展|新注册|新设立?)(?:各类)?(?:市场|经营|商事)主体(?:数量)?",),
        after=(r"(?:各类)?(?:市场|经营|商事)主体",),
        after_requires=r"(?:新增|新登记|新发展|新注册|新设立?)了?(?:各类)?", yearly=True,
    ),
    MetricSpec(
        "market_entities_total", "市场主体总量", "Market entities", "家", "market",
        "All market entities registered in the area (市场主体总量, also called 经营主体 or 商事主体).",
        counters=_FIRMS,
        before=(r"(?<!新增)(?<!新登记)(?<!新注册)(?<!新发展)(?<!新设)(?<!新设立)(?:各类)?(?:市场|经营|商事)主体(?:总量|总数|数量|数)?",),
        after=(r"(?:各类)?(?:市场|经营|商事)主体",), after_requires=_OWN,
        # 新开办茶叶加工、民宿等经营主体160多户: entities newly opened, however far the verb stands from the noun.
        veto=(DEFAULT_VETO, r"(?:新增|新开办|新开设|新注册|新登记|新发展|新设立?|新引进)[^,;]{0,14}"),
    ),
    MetricSpec(
        "enterprises_new", "新增企业", "New enterprises", "家", "market",
        "Enterprises newly set up or brought in during the year (新增/新引进/新入驻企业).",
        counters=_FIRMS,
        before=(r"(?:新增|新引进|新入驻|新落户|新落地|新注册|新招引|招引|引进)(?:各类)?企业",),
        after=(r"(?:各类)?企业(?![党家主])",),
        after_requires=r"(?:新增|新引进|新入驻|新落户|新落地|新注册|引进|招引)了?(?:各类)?",
        part_of=("market_entities_new",),
    ),
    MetricSpec(
        "enterprises_total", "企业数", "Enterprises", "家", "market",
        "Enterprises located in the area (集聚/现有企业…家).",
        counters=_FIRMS,
        before=(r"(?:集聚|聚集|汇聚|现有|共有|拥有|注册|在册|辖区内?(?:共有|现有)?)(?:各类)?(?:工商)?企业(?:总数|数量)?",
                r"(?<![新增引进落地招])各类(?:工商)?企业",
                r"(?<![新增规上以上])企业(?:总数|总量|数量|数)"),
        after=(r"(?:各类)?企业(?![党家主])",),
        after_requires=r"(?:集聚|聚集|汇聚|现有|共有|拥有|注册)了?(?:各类)?",
        part_of=("market_entities_total",),
    ),
    # --- other: social organizations, volunteers, facilities --------------------------------------------------
    MetricSpec(
        "volunteer_organizations", "志愿服务组织", "Volunteer organizations", "个", "other",
        "Volunteer organizations and teams (志愿组织, 志愿服务队).",
        counters=("个", "支", "家"), before=(r"志愿(?:服务)?(?:组织|团队|服务队|队伍)",),
        after=(r"志愿(?:服务)?(?:组织|团队|服务队|队伍)",),
    ),
    MetricSpec(
        "registered_volunteers", "注册志愿者", "Registered volunteers", "人", "other",
        "Volunteers registered in the area.",
        counters=_PEOPLE, before=(r"(?:实名)?注册的?志愿者(?:人数|数量|总数)?",), after=(r"(?:注册)?志愿者",),
        after_requires=r"(?:注册|共有|现有|拥有)了?",
    ),
    MetricSpec(
        "social_organizations", "社会组织", "Social organizations", "家", "other",
        "Registered social organizations (社会组织).",
        counters=("家", "个"), before=(r"(?:依法登记的?|登记在册的?|注册的?)?社会组织(?:数量)?",),
        after=(r"社会组织",), after_requires=r"(?:登记|培育|孵化|共有|现有|拥有)了?",
    ),
    MetricSpec(
        "social_workers", "社会工作者", "Social workers", "人", "other",
        "Social workers (社工, 社会工作专业人才).",
        counters=_PEOPLE, before=(r"(?:持证)?(?:社工(?:人才)?|社会工作者|社会工作专业人才)",),
        after=(r"(?:持证)?(?:社工(?:人才)?|社会工作者)",), after_requires=r"(?:培养|培育|持证|共有|现有|拥有)了?",
    ),
    MetricSpec(
        "parking_lots_built", "新建停车场", "Parking lots built", "个", "other",
        "Parking lots newly built (新建停车场).",
        counters=("个", "处", "座"), before=(r"(?:新建|建成|新增)(?:公共|小微|临时|智慧)?停车场",),
        after=(r"(?:公共|小微|临时|智慧)?停车场",), after_requires=r"(?:新建|建成|新增|建设)了?",
    ),
    MetricSpec(
        "parking_spaces_added", "新增停车位", "Parking spaces added", "个", "other",
        "Parking spaces added (新增停车位, 释放停车资源).",
        counters=("个",), before=(r"(?:新增|新建|增加|释放|施划)(?:公共)?停车(?:位|泊位|资源)",),
        after=(r"(?:公共)?停车(?:位|泊位)",), after_requires=r"(?:新增|新建|增加|释放|施划)了?",
    ),
    MetricSpec(
        "elevators_installed", "加装电梯", "Elevators installed", "台", "other",
        "Elevators added to old residential buildings (加装电梯).",
        counters=("台", "部"), before=(r"(?:加装|新增|安装)电梯(?:数量)?",), after=(r"电梯",),
        after_requires=r"(?:加装|安装|新增)了?",
    ),
    MetricSpec(
        "old_communities_renovated", "老旧小区改造", "Old residential compounds renovated", "个", "other",
        "Old residential compounds renovated (老旧小区改造); buildings (栋) are not compounds and are not counted.",
        counters=("个",), before=(r"(?:改造|完成改造)了?老旧小区|老旧小区改造(?:项目)?",), after=(r"老旧小区",),
        after_requires=r"(?:改造|完成改造|改造完成)了?",
    ),
)


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    return Catalogue(METRICS)
