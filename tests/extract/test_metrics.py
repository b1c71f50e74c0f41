"""Stage 6: which catalogue metric a quantity measures."""

from decimal import Decimal

from reports.extract import default_catalogue

from .helpers import facts, metric_facts, seed

YULIN = "玉林街道工作\n\n{}\n"


def _m(sentence, **kwargs):
    kwargs.setdefault("region", "武侯区")
    return [(f.metric, float(f.value), f.note) for f in metric_facts(YULIN.format(sentence), **kwargs)]


def test_it_defines_the_required_metrics_with_their_units():
    units = {m.key: m.unit for m in default_catalogue().metrics}
    for key in ("grid_count", "micro_grid_count", "grid_party_branches", "party_organizations", "elderly_care_sites"):
        assert units[key] == "个"
    assert units["grid_workers"] == "人"
    for key in ("gdp", "va_primary", "va_secondary", "va_tertiary", "industrial_output"):
        assert units[key] == "亿元"
    assert units["gdp_growth_pct"] == units["industrial_output_growth_pct"] == "%"
    for key in ("market_entities_total", "market_entities_new", "enterprises_total"):
        assert units[key] == "家"


def test_it_describes_every_metric_in_both_languages():
    for m in default_catalogue().metrics:
        assert m.name_zh and m.name_en and m.description and m.category in (
            "grid", "elderly", "economy", "party", "market", "other")
    assert len({m.key for m in default_catalogue().metrics}) == len(default_catalogue().metrics)


def test_it_counts_grids_but_not_grid_stations_branches_chat_groups_or_workers():
    assert _m("街道在 133 个网格的基础上,拓展 3310 个微网格。") == [
        ("grid_count", 133, ""), ("micro_grid_count", 3310, "")]
    assert _m("共建立网格便民服务微信群186个,办结网格事件1781件。") == []
    assert _m("依托全区89个“网格驿站”开展服务。") == [("grid_service_stations", 89, "")]
    assert _m("共建立网格党支部9个。") == [("grid_party_branches", 9, "")]
    assert _m("派驻社区专职网格员33名,农村兼职网格员11名。") == [
        ("grid_workers", 33, "专职"), ("grid_workers", 11, "兼职")]


def test_it_takes_the_after_value_of_a_regrouping():
    assert _m("将现有的115个网格整合划分为93个网格。") == [("grid_count", 93, "")]
    assert _m("网格由原来的120个调整为98个。") == [("grid_count", 98, "")]
    history = [f for f in facts(YULIN.format("将现有的115个网格整合划分为93个网格。"), region="武侯区")
               if f.metric is None]
    assert [(float(f.value), f.note) for f in history] == [(115, "调整前")]


def test_it_takes_the_counts_told_before_a_change_for_old_ones():
    assert _m("优化前,全街道共有网格17个;优化后,全街道共有网格28个。") == [("grid_count", 28, "")]
    # without an after, a 前 is no change of state
    assert _m("调整前,全街道共有网格17个。") == [("grid_count", 17, "")]


def test_it_gives_a_rate_after_a_semicolon_to_no_measure_of_the_item_before():
    assert _m("实现地区生产总值731.8亿元,增长0.5%;固定资产投资首次实现由负转正,增长8.4%。") == [
        ("gdp", 731.8, ""), ("gdp_growth_pct", 0.5, "")]


def test_it_keeps_a_base_value_that_is_not_regrouped():
    assert _m("在 133 个网格的基础上,拓展 3310 个微网格。")[0] == ("grid_count", 133, "")


def test_it_aligns_a_respectively_list_with_the_three_sectors():
    assert _m("三次产业增加值分别为:0.8 亿元、30.05 亿元、19.98 亿元,经济活力进一步释放。") == [
        ("va_primary", 0.8, ""), ("va_secondary", 30.05, ""), ("va_tertiary", 19.98, "")]
    assert _m("一、二、三产业增加值分别为0.5亿元、20.1亿元、45.3亿元。") == [
        ("va_primary", 0.5, ""), ("va_secondary", 20.1, ""), ("va_tertiary", 45.3, "")]


def test_it_aligns_a_respectively_list_with_enumerated_nouns():
    assert _m("全街道专职网格员、兼职网格员分别为45名、90名。") == [
        ("grid_workers", 45, "专职"), ("grid_workers", 90, "兼职")]


def test_it_binds_a_growth_rate_to_the_nearest_measure_before_it():
    assert _m("2023 年,圣泉街道预计实现地区生产总值 51.03 亿元,增速 5%。") == [
        ("gdp", 51.03, "预计"), ("gdp_growth_pct", 5, "")]
    assert _m("实现工业总产值28亿元,同比增长15%。") == (
        [("industrial_output", 28, ""), ("industrial_output_growth_pct", 15, "")])
    assert _m("地区生产总值同比增长6.2%。") == [("gdp_growth_pct", 6.2, "")]


def test_it_does_not_bind_growth_across_sentences_or_to_other_measures():
    assert _m("地区生产总值51亿元。增速5%。") == [("gdp", 51, "")]
    assert _m("软信企业营收23.17亿元,增速67.4%。") == []


def test_it_gives_a_decline_a_negative_rate():
    assert _m("实现工业总产值28亿元,同比下降3.5%。") == (
        [("industrial_output", 28, ""), ("industrial_output_growth_pct", -3.5, "")])


def test_it_counts_elderly_facilities_with_their_type_in_the_note():
    assert _m("建成投用养老服务中心、社区养老服务站 5 个、中心敬老院 1 所。") == [
        ("elderly_care_sites", 5, "社区养老服务站"), ("elderly_care_sites", 1, "中心敬老院")]
    assert _m("建成87个养老助餐点,幸福食堂3个,日间照料中心2处。") == [
        ("elderly_care_sites", 87, "养老助餐点"), ("elderly_care_sites", 3, "幸福食堂"),
        ("elderly_care_sites", 2, "日间照料中心")]
    assert _m("新建老年食堂两个。") == [("elderly_care_sites", 2, "老年食堂")]


def test_it_does_not_count_an_implied_single_facility():
    assert _m("建成投用圣泉街道养老服务中心。") == []


def test_it_rejects_counts_that_are_not_the_places_own():
    assert _m("2022年6月,街道动员辖区53家企业党组织成立了企业党建联盟。") == []
    assert _m("“三会一盟”吸引了110余家辖区企业和40余家驻地单位加入。") == []
    assert _m("走访联系企业200余家,评选出优秀社工人才10名。") == []
    assert _m("探索建立了社区“大党委”6个。") == []


def test_it_counts_the_places_own_stock():
    assert _m("将党工委下辖各级共计204个党组织分为四类。") == [("party_organizations", 204, "")]
    assert _m("建成高端商务楼宇110万平方米,集聚企业超3200家。") == [("enterprises_total", 3200, "")]
    assert _m("辖区新增市场主体近1000家,市场主体总量近5000个。") == [
        ("market_entities_new", 1000, ""), ("market_entities_total", 5000, "")]


def test_it_does_not_count_a_part_of_a_total_twice():
    assert _m("网格员队伍共计210人,其中专职网格员80人。") == [("grid_workers", 210, "")]


def test_it_does_not_take_a_target_for_a_result():
    assert _m("力争实现地区生产总值60亿元。") == []


def test_it_keeps_unmatched_quantities_as_generic_facts():
    found = [(f.metric, f.label, float(f.value), f.unit)
             for f in facts(YULIN.format("完成拆迁项目22个,交地3450亩,整治路灯798盏。"), region="武侯区")]
    assert found == [(None, "拆迁项目", 22, "个"), (None, "交地", 3450, "亩"), (None, "路灯", 798, "盏")]


def test_it_reports_the_approximation_of_the_printed_number():
    (f,) = metric_facts(YULIN.format("辖区新增市场主体近1000家。"), region="武侯区")
    assert f.approx == "about"
    (f,) = metric_facts(YULIN.format("集聚企业超3200家。"), region="武侯区")
    assert f.approx == "over"


def test_it_recognizes_every_gold_fact_of_the_seed_pages():
    got = set()
    for prefix in ("000", "001", "002", "003", "004"):
        got |= {(prefix, f.place.name if f.place else None, f.metric, Decimal(f.value))
                for f in seed(prefix).facts if f.metric}
    gold = {
        ("000", "圣泉街道", "grid_count", 133), ("000", "圣泉街道", "micro_grid_count", 3310),
        ("000", "圣泉街道", "gdp", Decimal("51.03")), ("000", "圣泉街道", "gdp_growth_pct", 5),
        ("000", "圣泉街道", "va_primary", Decimal("0.8")), ("000", "圣泉街道", "va_secondary", Decimal("30.05")),
        ("000", "圣泉街道", "va_tertiary", Decimal("19.98")), ("000", "圣泉街道", "market_entities_new", 1000),
        ("000", "圣泉街道", "market_entities_total", 5000), ("000", "圣泉街道", "elderly_care_sites", 5),
        ("000", "圣泉街道", "elderly_care_sites", 1),
        ("001", "几江街道", "grid_count", 168), ("001", "几江街道", "micro_grid_count", 876),
        ("001", "几江街道", "party_organizations", 204),
        ("002", "圣泉街道", "grid_count", 93), ("002", "圣泉街道", "grid_party_branches", 9),
        ("002", "圣泉街道", "grid_workers", 33), ("002", "圣泉街道", "grid_workers", 11),
        ("003", "化龙桥街道", "enterprises_total", 3200), ("003", "化龙桥街道", "market_entities_new", 804),
        ("003", "化龙桥街道", "grid_workers", 1036), ("003", "江北区", "elderly_care_sites", 87),
        ("004", "三江街道", "industrial_output", 28), ("004", "三江街道", "industrial_output_growth_pct", 15),
    }
    assert gold <= got
    scored = {m for (_, _, m, _) in gold}
    assert {g for g in got if g[2] in scored} <= gold


def test_it_reads_the_newer_term_for_market_entities():
    assert _m("今年新增经营主体1200户,经营主体总量达到3.5万户。") == [
        ("market_entities_new", 1200, ""), ("market_entities_total", 35000, "")]


def test_it_skips_a_bracketed_note_and_a_verb_between_noun_and_number():
    assert _m("地区生产总值(GDP)51亿元。") == [("gdp", 51, "")]
    assert _m("地区生产总值完成42.6亿元。") == [("gdp", 42.6, "")]


def test_it_keeps_the_kind_of_grid_in_the_note():
    assert _m("划分综合网格120个、专属网格15个。") == [("grid_count", 120, "综合"), ("grid_count", 15, "专属")]


def test_it_does_not_take_a_plan_for_a_result():
    assert _m("2024年,街道将新建长者饭堂3个。") == []
    assert _m("下一步,街道计划新增停车位500个。") == []
    assert _m("今年街道就将改造28个老旧小区。") == []
    assert _m("街道将加装电梯12部。") == []
    assert _m("街道按计划建成老年食堂3个。") == [("elderly_care_sites", 3, "老年食堂")]
    assert _m("将辖区96个网格优化调整为88个。") == [("grid_count", 88, "")]


def test_it_gives_a_bare_total_the_noun_that_ends_the_clause_before_it():
    assert _m("辖区8个社区全部建成社区养老服务站,共8个。") == [("elderly_care_sites", 8, "社区养老服务站")]
    assert _m("每个网格配备1名专职网格员,合计64名。") == [("grid_workers", 64, "专职")]


def test_it_takes_the_new_total_over_the_addition_that_led_to_it():
    assert _m("新增老年助餐点5个,全街道老年助餐点达到12个。") == [("elderly_care_sites", 12, "街道老年助餐点")]
    # an addition with no total after it is still the only figure there is
    assert _m("去年新建农村互助幸福院3个。") == [("elderly_care_sites", 3, "互助幸福院")]


def test_it_does_not_take_several_years_of_new_entities_as_one_years():
    assert _m("近五年来,累计新增市场主体超过8000户。") == []
    assert _m("“十四五”以来新增市场主体6200户。") == []
    assert _m("今年以来,累计新增市场主体2100户。") == [("market_entities_new", 2100, "")]


def test_it_counts_party_branches_but_not_the_groups_inside_them():
    assert _m("在网格中建立网格党支部22个、网格党小组39个。") == [("grid_party_branches", 22, "")]
    assert _m("建立网格党支部(党小组)52个。") == [("grid_party_branches", 52, "")]


def test_it_reads_a_sector_list_with_each_sector_spelled_out():
    assert _m("第一产业、第二产业、第三产业增加值分别为3.1亿元、254.8亿元、144.7亿元。") == [
        ("va_primary", 3.1, ""), ("va_secondary", 254.8, ""), ("va_tertiary", 144.7, "")]


def test_it_reads_a_change_from_one_years_value_to_anothers():
    found = [(f.metric, float(f.value), f.year) for f in metric_facts(
        YULIN.format("玉林街道地区生产总值从2019年的80亿元增长到2023年的120亿元。"), region="武侯区")]
    # the starting point has a year of its own: it is that year's value
    assert found == [("gdp", 80, 2019), ("gdp", 120, 2023)]


def test_it_counts_the_workers_of_a_team_described_by_its_size():
    assert _m("组建起一支近千人的网格员队伍。") == [("grid_workers", 1000, "")]


def test_it_does_not_date_a_figure_by_the_year_it_is_compared_with():
    found = [(f.metric, f.year) for f in metric_facts(YULIN.format("玉林街道有网格156个,比2022年增加12个。"),
                                                       published="2023-08-10", region="武侯区")]
    assert found == [("grid_count", 2023)]


def test_it_does_not_take_value_added_for_an_increase():
    assert _m("完成地区生产总值312.6亿元,其中第二产业增加值21.8亿元、第三产业增加值290.8亿元。") == [
        ("gdp", 312.6, ""), ("va_secondary", 21.8, ""), ("va_tertiary", 290.8, "")]


def test_it_knows_local_names_of_elderly_canteens_and_homes():
    assert _m("建成老人家食堂23家、颐养之家7个。") == [("elderly_care_sites", 23, "老人家食堂"),
                                               ("elderly_care_sites", 7, "颐养之家")]


def test_it_takes_the_total_of_a_facility_kind_over_an_addition_with_a_longer_name():
    assert _m("新建社区嵌入式养老服务站两个,全街道社区养老服务站达到11个。") == [
        ("elderly_care_sites", 11, "社区养老服务站")]


def test_it_does_not_count_recruits_or_a_grid_named_as_a_place():
    assert _m("今年通过公开招聘新招录专职网格员十二名。") == []
    assert _m("有的一个网格里住着四五千人。") == []


def test_it_dates_a_starting_value_and_the_figures_after_it_apart():
    review = ("玉林街道工作回顾\n\n辖区市场主体总量从2022年底的1.52万户增加到1.71万户,全年新增市场主体2964户,"
              "企业数量达到6800余家。\n")
    found = [(f.metric, float(f.value), f.year) for f in metric_facts(review, published="2024-01-12", region="武侯区")]
    assert found == [("market_entities_total", 15200, 2022), ("market_entities_total", 17100, 2023),
                     ("market_entities_new", 2964, 2023), ("enterprises_total", 6800, 2023)]


def test_it_reads_table_like_lines_with_the_label_before_a_colon():
    brief = ("玉林街道上半年经济运行\n\n地区生产总值:8.6亿元,同比增长5.2%;\n工业总产值:3.1亿元,增长7.4%;\n"
             "新增市场主体:126户。\n")
    assert {(f.metric, float(f.value)) for f in metric_facts(brief, region="武侯区")} == {
        ("gdp", 8.6), ("gdp_growth_pct", 5.2), ("industrial_output", 3.1), ("industrial_output_growth_pct", 7.4),
        ("market_entities_new", 126)}


def test_it_does_not_take_an_aim_for_a_plan_nor_家长_inside_5家长者食堂():
    assert _m("以“网格连心”为目标,把全街道科学划分为86个综合网格。") == [("grid_count", 86, "综合")]
    assert _m("另外还开办了5家长者食堂。") == [("elderly_care_sites", 5, "长者食堂")]


def test_it_reads_figures_in_quoted_speech_but_not_an_article_一个():
    speech = ("魏城镇:川北古镇\n\n“去年我们镇的地区生产总值是32.7亿元,比上年增长了6.1%。”镇党委书记说。"
              "“过去一个网格要管两千多户。”网格员说。\n")
    found = {(f.metric, float(f.value), f.year) for f in metric_facts(speech, published="2024-03-12", region="游仙区")}
    assert found == {("gdp", 32.7, 2023), ("gdp_growth_pct", 6.1, 2023)}
    # a quoted name is still masked: its digits are no figure
    assert _m("打造“2121服务为你”品牌。") == []


def test_it_reads_the_year_just_ended_and_a_sector_list_after_其中_with_a_comma():
    review = ("七宝镇:稳中有进\n\n过去一年,七宝镇全年实现地区生产总值约386亿元。"
              "全镇各类市场主体达4.37万户;其中,企业2.6万家。七宝镇建成综合为老服务中心3家,村级幸福屋7个。\n")
    found = {(f.metric, float(f.value), f.year) for f in metric_facts(review, published="2024-01-18", region="闵行区")}
    assert found == {("gdp", 386, 2023), ("market_entities_total", 43700, 2023), ("enterprises_total", 26000, 2023),
                     ("elderly_care_sites", 3, 2023), ("elderly_care_sites", 7, 2023)}


def test_it_reads_expectations_as_a_noun_not_as_a_goal():
    assert _m("顶住需求收缩、预期转弱等压力,全年地区生产总值达672.14亿元。") == [("gdp", 672.14, "")]
    assert _m("预期全年地区生产总值达680亿元。") == []


def test_it_leaves_the_noun_after_an_earlier_count_to_that_count():
    assert _m("在418个网格建立315个网格党组织。") == [("grid_party_branches", 315, "")]
    assert _m("全街道划分网格45个、微网格120个。") == [("grid_count", 45, ""), ("micro_grid_count", 120, "")]
