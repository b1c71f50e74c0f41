"""Pages in the same genre from other cities and provinces, written for these tests: the rules are grammar,
gazetteer and catalogue, not the seed sentences."""

from .helpers import run, summary

# A district paper (广州 天河区) printed with hard line breaks: two pieces, bylines, a caption, a neighbour.
TIANHE_PAGE = """石牌街道：“小网格”撬动“大治理”

本报讯（记者 陈晓 通讯员 林芳）今年以来，石牌街道将辖区原有的
58个网格优化调整为46个网格，细分出312个微网
格，配齐专兼职网格员160名，其中专职网格员46名。

街道还新建“石牌邻里驿站”，建成长者饭堂
4个、社区养老服务站6个，为辖区老人提供助餐服务2.3万人次。



长者饭堂里老人们正在用餐 记者 陈晓 摄

猎德街道经济运行稳中有进

本报讯（通讯员 黄敏）上半年，猎德街道实现地区生产总值
86.4亿元，同比增长6.8%，新增市场主体1320户，辖区
市场主体总量突破2.1万户。与石牌街道相比，猎德街道
楼宇经济优势明显，集聚企业4800余家。
"""


def test_it_reads_a_district_paper_from_another_province():
    extraction = run(TIANHE_PAGE, published="2023-08-20", region="天河区")
    assert [a.place.name for a in extraction.articles] == ["石牌街道", "猎德街道"]
    assert summary(extraction) == {
        ("石牌街道", 2023, "grid_count", 46), ("石牌街道", 2023, "micro_grid_count", 312),
        ("石牌街道", 2023, "grid_workers", 160),
        ("石牌街道", 2023, "elderly_care_sites", 4), ("石牌街道", 2023, "elderly_care_sites", 6),
        ("猎德街道", 2023, "gdp", 86.4), ("猎德街道", 2023, "gdp_growth_pct", 6.8),
        ("猎德街道", 2023, "market_entities_new", 1320), ("猎德街道", 2023, "market_entities_total", 21000),
        ("猎德街道", 2023, "enterprises_total", 4800),
    }
    names = {(i.place.name, i.name) for i in extraction.initiatives}
    assert ("石牌街道", "石牌邻里驿站") in names


def test_it_attributes_a_city_papers_pieces_to_each_district_and_subdistrict():
    page = ("朝阳区望京街道：党建引领楼宇治理\n\n望京街道集聚企业超5000家,划分网格68个。\n\n"
            "王小明 李华\n\n朝阳区民政局：养老服务再升级\n\n朝阳区民政局推进养老服务,全区建成养老助餐点360个。\n")
    extraction = run(page, published="2024-02-20", region="北京市")
    assert summary(extraction) == {
        ("望京街道", 2024, "enterprises_total", 5000), ("望京街道", 2024, "grid_count", 68),
        ("朝阳区", 2024, "elderly_care_sites", 360),
    }
    assert all(f.place.city == "北京市" for f in extraction.facts if f.metric)


def test_it_dates_a_january_review_from_another_city_to_the_year_before():
    page = ("灵隐街道：奋力书写高质量发展答卷\n\n2023年,灵隐街道预计实现地区生产总值32.5亿元,增速4.6%。"
            "三次产业增加值分别为:0.3亿元、5.2亿元、27亿元。辖区新增市场主体近800户。\n")
    extraction = run(page, published="2024-01-12", region="杭州市")
    assert summary(extraction) == {
        ("灵隐街道", 2023, "gdp", 32.5), ("灵隐街道", 2023, "gdp_growth_pct", 4.6),
        ("灵隐街道", 2023, "va_primary", 0.3), ("灵隐街道", 2023, "va_secondary", 5.2),
        ("灵隐街道", 2023, "va_tertiary", 27), ("灵隐街道", 2023, "market_entities_new", 800),
    }


def test_it_settles_a_name_shared_by_two_cities_with_the_region():
    page = "西湖区北山街道：小网格大治理\n\n西湖区北山街道将辖区细分为36个网格,组建网格员队伍120人。\n"
    extraction = run(page, published="2023-10-01", region="杭州市")
    assert {(f.place.name, f.place.district, f.place.city) for f in extraction.facts if f.metric} == {
        ("北山街道", "西湖区", "杭州市")}


def test_it_reads_a_town_article_from_a_county_level_paper():
    page = ("龙水镇：五金小镇焕新颜\n\n2022年,龙水镇实现工业总产值126亿元,比上年增长9.1%;新增市场主体1500余户,"
            "建成农村互助养老点12个。\n")
    extraction = run(page, published="2023-02-10", region="大足区")
    assert summary(extraction) == {
        ("龙水镇", 2022, "industrial_output", 126), ("龙水镇", 2022, "industrial_output_growth_pct", 9.1),
        ("龙水镇", 2022, "market_entities_new", 1500), ("龙水镇", 2022, "elderly_care_sites", 12),
    }
    assert {f.place.kind for f in extraction.facts if f.metric} == {"town"}


def test_it_reads_chinese_numerals_in_other_phrasings():
    page = "南坪街道：家门口的幸福\n\n南岸区南坪街道建成社区养老服务中心两个、老年食堂十二个,组建网格党支部三十个。\n"
    extraction = run(page, published="2023-10-01", region="重庆市")
    assert summary(extraction) == {
        ("南坪街道", 2023, "elderly_care_sites", 2), ("南坪街道", 2023, "elderly_care_sites", 12),
        ("南坪街道", 2023, "grid_party_branches", 30),
    }


def test_it_leaves_places_unattributed_without_a_region_or_a_name():
    page = "社区治理见闻\n\n街道建成日间照料中心3个,新增市场主体200户。\n"
    extraction = run(page, published=None, region=None)
    assert summary(extraction) == {(None, None, "elderly_care_sites", 3), (None, None, "market_entities_new", 200)}


def test_it_infers_the_region_from_the_page_when_none_is_given():
    page = "武侯区玉林街道：网格精细化\n\n玉林街道划分网格42个。簇桥街道建成老年食堂3个。\n"
    extraction = run(page, published="2023-05-01", region=None)
    assert summary(extraction) == {("玉林街道", 2023, "grid_count", 42), ("簇桥街道", 2023, "elderly_care_sites", 3)}


WUHOU_PAGE = (
    "我区深化网格化服务管理 织密基层治理“一张网”\n"
    "\n"
    "本报讯（记者 王丽）近日，记者从区委政法委获悉，今年以来，我区持续深化网格化服务管理，全区"
    "共划分综合网格1856个、专属网格212个，配备专兼职网格员2300余名，其中玉林街道网格"
    "员150名。\n"
    "\n"
    "据介绍，各街道结合实际探索特色做法。簇桥街道推出“簇事好商量”议事品牌，累计解决群众急难愁"
    "盼问题1200余件；红牌楼街道打造“红邻驿站”，建成日间照料中心4个。\n"
    "\n"
    "“下一步，我们将继续推动网格化治理提质增效。”区委政法委相关负责人表示，力争到2025年，"
    "全区网格员达到3000名。\n"
    "\n"
    "晋阳街道：老旧院落焕新颜\n"
    "\n"
    "本报讯（通讯员 刘洋）晋阳街道今年完成老旧小区改造12个，惠及居民3200户，加装电梯45"
    "部，新增停车位860个。\n"
    "\n"
    "街道党工委书记张强介绍，2022年街道共改造老旧小区8个。\n"
)


def test_it_reads_a_district_roundup_naming_several_subdistricts():
    extraction = run(WUHOU_PAGE, published="2023-09-12", region="武侯区")
    assert [a.place.name for a in extraction.articles] == ["武侯区", "晋阳街道"]
    assert summary(extraction) == {
        ("武侯区", 2023, "grid_count", 1856), ("武侯区", 2023, "grid_count", 212),
        ("武侯区", 2023, "grid_workers", 2300), ("玉林街道", 2023, "grid_workers", 150),
        ("红牌楼街道", 2023, "elderly_care_sites", 4),
        ("晋阳街道", 2023, "old_communities_renovated", 12), ("晋阳街道", 2023, "elevators_installed", 45),
        ("晋阳街道", 2023, "parking_spaces_added", 860), ("晋阳街道", 2022, "old_communities_renovated", 8),
    }
    goal = [f for f in extraction.facts if f.note == "目标"]
    assert [(f.year, float(f.value)) for f in goal] == [(2025, 3000)]
    assert {(i.place.name, i.name) for i in extraction.initiatives} == {
        ("簇桥街道", "簇事好商量"), ("红牌楼街道", "红邻驿站")}


LIEDE_REVIEW = """ 凝心聚力开新局 实干笃行谱新篇

2023年，猎德街道坚持党建引领，统筹发展和
安全，各项工作取得新成效。

一、经济发展量质齐升

全年实现地区生产总值约 128.6 亿元，同比
增长 5.8%。新增经营主体 2100
余户，辖区经营主体总数达 2.6 万户。

二、基层治理提质增效

将辖区 96 个网格优化调整为 88 个，建立网
格党支部 88 个，配备专职网格员 96 名。打



猎德街道网格员入户走访 记者 陈晓 摄

造“猎德益站”，开展志愿服务 3000 余场次。

三、民生保障有力有效

建成长者饭堂 5 个、社区养老服务站 9 个，
为 2.1 万名长者提供助餐服务。2024 年，街
道将新建长者饭堂 3 个。
"""


def test_it_reads_a_hard_wrapped_review_with_numbered_sections_and_a_caption_inside_a_sentence():
    extraction = run(LIEDE_REVIEW, published="2024-01-20", region="广州市")
    assert len(extraction.articles) == 1
    assert summary(extraction) == {
        ("猎德街道", 2023, "gdp", 128.6), ("猎德街道", 2023, "gdp_growth_pct", 5.8),
        ("猎德街道", 2023, "market_entities_new", 2100), ("猎德街道", 2023, "market_entities_total", 26000),
        ("猎德街道", 2023, "grid_count", 88), ("猎德街道", 2023, "grid_party_branches", 88),
        ("猎德街道", 2023, "grid_workers", 96),
        ("猎德街道", 2023, "elderly_care_sites", 5), ("猎德街道", 2023, "elderly_care_sites", 9),
    }
    assert [i.name for i in extraction.initiatives] == ["猎德益站"]
    (gdp,) = [f for f in extraction.facts if f.metric == "gdp"]
    assert gdp.approx == "about"


def test_it_keeps_above_scale_output_apart_from_total_output():
    # Real pages print 规上 output far more often than the total; readers compare it as its own measure.
    alone = ("木兰镇经济稳中向好\n\n2023年,木兰镇完成规上工业总产值186.4亿元,同比增长7.3%。\n")
    facts = {(f.metric, float(f.value)) for f in run(alone, published="2024-01-20", region="武汉市").facts if f.metric}
    assert facts == {("industrial_output_above_scale", 186.4), ("industrial_output_above_scale_growth_pct", 7.3)}

    both = ("木兰镇经济稳中向好\n\n2023年,木兰镇完成工业总产值220亿元,增长6%,其中规模以上工业产值186.4亿元,"
            "增长7.3%。\n")
    facts = {(f.metric, float(f.value)) for f in run(both, published="2024-01-20", region="武汉市").facts if f.metric}
    assert facts == {("industrial_output", 220), ("industrial_output_growth_pct", 6),
                     ("industrial_output_above_scale", 186.4), ("industrial_output_above_scale_growth_pct", 7.3)}


# A 广州 district paper's review, written for this test: synonyms, tiered grids, plans, speech and per-unit totals.
BAIYUN_PAGE = """京溪街道：共建共治共享

本报讯（通讯员 何明）2023年，京溪街道新登记商事主体1860户，辖区商事主体总数达3.4万户。
街道构建“街道—社区—网格”三级网格体系，设置一级网格1个、二级网格12个、三级网格96个，每个网格配备1名专职网格员，共96名。
全年建成长者服务站5个、老年人服务中心1个，在两个社区各开办“长者饭堂”1家、“幸福食堂”1家。
“有事找网格员，现在很方便。”云景社区一位网格员说。采访当天，二十多名网格员正在参加消防培训。
街道负责人表示，明年将在同和、云景等社区再增设3个长者服务站，并提出地区生产总值增长6%左右的预期目标。
"""


def test_it_reads_synonyms_tiers_per_unit_totals_and_leaves_plans_and_speech_out():
    extraction = run(BAIYUN_PAGE, published="2024-01-16", region="白云区")
    assert summary(extraction) == {
        ("京溪街道", 2023, "market_entities_new", 1860), ("京溪街道", 2023, "market_entities_total", 34000),
        ("京溪街道", 2023, "grid_count", 96), ("京溪街道", 2023, "grid_workers", 96),
        ("京溪街道", 2023, "elderly_care_sites", 5), ("京溪街道", 2023, "elderly_care_sites", 1),
    }
    elderly = sorted((f.note, float(f.value)) for f in extraction.facts if f.metric == "elderly_care_sites")
    # two facilities with the same count in one sentence are two facts, not one
    assert elderly == [("幸福食堂", 1), ("老年人服务中心", 1), ("长者服务站", 5), ("长者饭堂", 1)]
    tiers = {f.label: float(f.value) for f in extraction.facts if f.label in ("一级网格", "二级网格")}
    assert tiers == {"一级网格": 1, "二级网格": 12}
