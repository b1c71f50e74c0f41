"""Catalogue grammar beyond one noun next to one number: round numbers with a qualifier, milestones passed before
the figure, 其中 parts of a market-entity total, more names for elderly-care facilities and grid party branches."""

from decimal import Decimal

import pytest

from reports.extract.catalogue import _expand
from reports.extract.quantities import find_quantities

from .helpers import metric_facts


def _got(text, **kwargs):
    return {(f.metric, float(f.value), f.approx) for f in metric_facts(text, **kwargs)}


def test_a_round_chinese_number_with_a_qualifier_is_a_number():
    found = [(q.value, q.unit, q.approx) for q in find_quantities("惠及群众近万人,服务企业逾千家,志愿者超百名")]
    assert found == [(Decimal(10000), "人", "about"), (Decimal(1000), "家", "over"), (Decimal(100), "名", "over")]
    assert find_quantities("走进千家万户,收集百条意见") == []


def test_tupo_is_an_over_qualifier():
    [q] = find_quantities("注册志愿者突破3.6万人")
    assert (q.value, q.approx) == (Decimal(36000), "over")


def test_a_figure_restated_after_a_milestone_keeps_the_subject_and_its_growth_rate():
    text = "本报讯 2022年，仓前街道地区生产总值首次突破两百亿元，达到215.6亿元，同比增长7.3%。"
    got = _got(text, published="2023-02-01", region="杭州市")
    assert ("gdp", 215.6, "exact") in got
    assert ("gdp_growth_pct", 7.3, "exact") in got
    assert not any(m == "gdp" and v == 200 for m, v, _ in got)


def test_enterprises_after_qizhong_inherit_stock_or_flow_from_the_market_entity_total():
    text = ("本报讯 截至9月底，良渚街道市场主体总量达到2.4万户，其中企业9100余家；"
            "前三季度新增市场主体1500户，其中企业640家。")
    got = _got(text, published="2023-10-10", region="杭州市")
    assert ("enterprises_total", 9100.0, "over") in got
    assert ("enterprises_new", 640.0, "exact") in got
    assert ("market_entities_total", 24000.0, "exact") in got


def test_more_elderly_care_facility_names_and_a_quoted_canteen_brand():
    text = ("本报讯 目前，良渚街道已建成颐康服务站7个、养老照料中心2家，辖区社区养老服务驿站总数达到9家，"
            "另有“幸福食堂”14家。")
    values = sorted(v for m, v, _ in _got(text, published="2023-10-10", region="杭州市")
                    if m == "elderly_care_sites")
    assert values == [2.0, 7.0, 9.0, 14.0]


def test_party_branches_set_up_on_grids_are_grid_party_branches():
    text = "本报讯 良渚街道将辖区划分为64个网格，并在网格上组建党支部23个。"
    got = _got(text, published="2023-10-10", region="杭州市")
    assert ("grid_party_branches", 23.0, "exact") in got


def test_a_growth_rate_belongs_to_the_noun_of_its_own_clause_not_to_an_earlier_figure():
    text = ("本报讯 2022年，良渚街道实现地区生产总值188.4亿元，同比增长5.9%；规上工业增加值增长8.2%，"
            "税收收入增长4.1%，上半年增长3.0%。")
    got = [(m, v) for m, v, _ in _got(text, published="2023-02-01", region="杭州市") if m == "gdp_growth_pct"]
    assert got == [("gdp_growth_pct", 5.9)]


def test_an_earlier_count_and_an_addition_are_not_the_grid_count():
    text = "本报讯 2022年，闲林街道在原有52个网格的基础上，新增专属网格6个，网格总数达到58个。"
    got = [v for m, v, _ in _got(text, published="2023-02-01", region="杭州市") if m == "grid_count"]
    assert got == [58.0]


def test_grids_named_as_the_place_of_an_action_are_no_grid_count():
    text = "本报讯 目前，闲林街道已在30个网格建立网格党支部，并在20个网格开展“网格议事”试点。"
    got = {(m, v) for m, v, _ in _got(text, published="2023-02-01", region="杭州市")}
    assert got == {("grid_party_branches", 30.0)}


def test_per_unit_staffing_prizes_and_contests_are_no_workforce_count():
    text = ("本报讯 闲林街道为每栋楼宇配备楼栋网格员2名，共有专职网格员86名。"
            "在年度表彰中，8名网格员荣获“金牌网格员”称号；全区300名网格员参加技能比武。")
    got = [v for m, v, _ in _got(text, published="2023-12-01", region="杭州市") if m == "grid_workers"]
    assert got == [86.0]


def test_a_bare_number_in_a_respectively_list_keeps_its_place_and_the_list_unit():
    text = "本报讯 2022年，闲林街道第一、二、三产业增加值分别为0、7.4亿元和63.9亿元。"
    got = {(m, v) for m, v, _ in _got(text, published="2023-02-01", region="杭州市")}
    assert {("va_secondary", 7.4), ("va_tertiary", 63.9)} <= got
    assert not any(m == "va_primary" and v != 0 for m, v in got)
    text = "本报讯 闲林街道专职网格员、兼职网格员分别为0、45名。"
    got = {(m, v) for m, v, _ in _got(text, published="2023-02-01", region="杭州市")}
    assert ("grid_workers", 45.0) in got


def test_a_growth_rate_without_its_own_noun_still_follows_the_figure_before_it():
    for wording in ("较上年同期增长", "与上年相比增长", "、增长"):
        sep = "" if wording.startswith("、") else "，"
        text = f"本报讯 2022年，仓前街道实现地区生产总值73亿元{sep}{wording}6.4%。"
        got = {(m, v) for m, v, _ in _got(text, published="2023-02-01", region="杭州市")}
        assert ("gdp_growth_pct", 6.4) in got, wording


def test_a_per_unit_standard_or_a_total_doing_its_work_is_still_a_count():
    text = "本报讯 仓前街道按照每个网格300户的标准划分网格120个，配备网格员120名参与网格巡查。"
    got = {(m, v) for m, v, _ in _got(text, published="2023-02-01", region="杭州市")}
    assert got == {("grid_count", 120.0), ("grid_workers", 120.0)}


def test_elderly_care_facilities_with_a_grade_or_ownership_word_in_front():
    text = "本报讯 仓前街道今年建成3个智慧养老服务站、2家普惠型养老机构和老年餐桌6个。"
    values = sorted(v for m, v, _ in _got(text, published="2023-02-01", region="杭州市") if m == "elderly_care_sites")
    assert values == [2.0, 3.0, 6.0]


def test_a_milestone_alone_is_an_over_figure():
    text = "本报讯 2022年，仓前街道地区生产总值首次突破百亿元。"
    assert _got(text, published="2023-02-01", region="杭州市") == {("gdp", 100.0, "over")}


def test_it_reads_no_grid_count_from_grid_branch_secretaries():
    from .helpers import run, summary
    page = "三桥社区初步形成9个网格支部书记、楼栋长38个的志愿服务网络。"
    assert summary(run(page, region="茅箭区")) == set()


def test_the_levels_of_a_grid_system_after_a_count_of_levels_are_no_parts_and_the_deepest_is_the_count():
    text = "西园街道划定有三个层级网格,其中一级网格15个、二级网格55个、三级网格25个。"
    assert _got(text, published="2023-08-14", region="晋江市") == {("grid_count", 25, "exact")}


def test_grids_split_into_micro_grids_are_both_counted_but_grids_regrouped_into_grids_keep_the_new_count():
    split = "黄岛街道将街道46个网格细分为433个微网格。"
    assert _got(split, published="2023-08-11", region="黄岛区") == {("grid_count", 46, "exact"),
                                                                  ("micro_grid_count", 433, "exact")}
    kept = "焦东街道将原有26个居民网格精细划分为617个微网格。"
    assert ("grid_count", 26, "exact") in _got(kept, published="2023-08-11", region="山阳区")
    regrouped = "黄岛街道原有网格115个,优化调整为93个网格。"
    assert _got(regrouped, published="2023-08-11", region="黄岛区") == {("grid_count", 93, "exact")}


def test_a_value_recorded_after_a_milestone_is_the_figure_and_the_milestone_is_none():
    text = "去年,东城街道GDP突破500亿元大关,录得525亿元,同比增长8%。"
    assert _got(text, published="2018-01-23", region="东莞市") == {("gdp", 525, "exact"),
                                                                  ("gdp_growth_pct", 8, "exact")}


def test_what_a_plan_is_to_ensure_is_a_goal_in_every_clause_it_runs_over():
    text = "园林街道将实施倍增工程,确保市场总量突破4.2万家,“四上”企业总数突破260家。"
    assert _got(text, published="2024-03-01", region="岳阳楼区") == set()


def test_a_bare_value_added_after_a_sectors_output_is_that_sectors_not_the_areas():
    text = "2021年全县实现农林牧渔业总产值126.9亿元,实现增加值69.94亿元,比上年增长6.4%。"
    assert _got(text, published="2022-03-01", region="柘城县") == set()
    text = "2021年,全街道共实现增加值18.25亿元,增长6.4%。"
    assert ("gdp", 18.25, "exact") in _got(text, published="2022-03-01", region="武侯区")


def test_a_threshold_said_to_be_passed_after_the_value_is_no_second_value():
    text = "2023年义乌实现地区生产总值2055.62亿元,同比增长8.0%,这也是义乌历史上GDP首次突破2000亿元。"
    assert _got(text, published="2024-02-01", region="义乌市") == {("gdp", 2055.62, "exact"),
                                                                  ("gdp_growth_pct", 8.0, "exact")}


def test_a_respective_list_summed_up_after_deng_pairs_its_items_values_and_rates():
    text = ("2015年,西店镇GDP、规上工业总产值、规上工业出口交货值等三项主要经济指标分别为49.26亿元、77亿元、"
            "29.69亿元,分别同比增长9.2%、3%、1.3%。")
    assert _got(text, published="2016-07-14", region="宁海县") == {
        ("gdp", 49.26, "exact"), ("industrial_output_above_scale", 77, "exact"),
        ("gdp_growth_pct", 9.2, "exact"), ("industrial_output_above_scale_growth_pct", 3, "exact")}


def test_rates_given_as_zengfu_fenbie_wei_pair_with_measures_some_listed_with_dun():
    text = ("2011年,方巷镇实现工业产值106亿元,实现应税销售17.33亿元、国税5329万元、地税2760万元,"
            "与2010年同比增幅分别为31.7%、17.2%、30%、31.2%。")
    assert _got(text, published="2012-01-10", region="邗江区") == {
        ("industrial_output", 106, "exact"), ("industrial_output_growth_pct", 31.7, "exact")}


def test_general_branches_counted_beside_branches_leave_the_branches_as_the_count():
    text = "平马镇党委下设10个党总支部,58个党支部,党员680名。"
    assert _got(text, published="2015-05-01", region="田东县") == {("party_organizations", 58, "exact"),
                                                                  ("party_members", 680, "exact")}


def test_a_measure_ranked_first_then_given_its_figure_is_that_measures_figure():
    text = "2017年,金水区“最富”,GDP最高,为1203.43亿元,同比增长9.5%。"
    assert _got(text, published="2018-02-23", region="郑州市") == {("gdp", 1203.43, "exact"),
                                                                  ("gdp_growth_pct", 9.5, "exact")}


def test_a_bulletins_section_heading_names_the_measure_of_a_bare_total_under_it():
    page = "虎门镇经济运行\n\n五、固定资产投资\n\n上半年完成投资额48.27亿元。\n"
    assert {(f.metric, float(f.value)) for f in metric_facts(page, published="2022-08-01", region="东莞市")} == {
        ("fixed_asset_investment", 48.27)}
    page = "虎门镇经济运行\n\n五、民生保障\n\n上半年完成投资额48.27亿元。\n"
    assert [f.metric for f in metric_facts(page, published="2022-08-01", region="东莞市")] == []


def test_it_expands_fragments_that_name_other_fragments_and_refuses_a_cycle():
    fragments = {"verbs": "走访|慰问", "veto": "(?:@{verbs})了?", "a": "@{b}", "b": "@{a}"}
    assert _expand("@{veto}[\u4e00-\u9fff]{0,4}", fragments) == "(?:走访|慰问)了?[\u4e00-\u9fff]{0,4}"
    with pytest.raises(ValueError):
        _expand("@{a}", fragments)
