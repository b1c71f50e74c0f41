"""Grammar that real reposted pages need, each rule with a positive and a negative example.

The sentences are written for these tests in the shapes found on real pages (bench/realtext); they are unit-test
material, not a measure of accuracy.
"""

from reports.extract.normalize import normalize

from .helpers import metric_facts, run, summary


def test_it_reads_a_traditional_script_page_in_simplified_script_with_offsets_kept():
    text = "2023年，三江街道劃分為45個網格，配備專職網格員50名。地區生產總值達到12.5億元。"
    norm = normalize(text)
    assert norm.text.startswith("2023年,三江街道划分为45个网格")
    assert len(norm.text) == len(norm.source)
    facts = summary(run("三江街道工作總結\n\n" + text, region="綦江区"))
    assert ("三江街道", 2023, "grid_count", 45) in facts and ("三江街道", 2023, "gdp", 12.5) in facts


def test_it_leaves_a_simplified_page_alone():
    # 乾 and 著 are simplified characters too: converting a simplified page would turn 显著 into 显着.
    text = "乾坤湾镇经济显著增长,著名景区接待游客。"
    assert normalize(text).text == text


def test_it_drops_pinyin_inserted_after_characters_but_not_an_abbreviation():
    assert normalize("地區(qū)生產(chǎn)總值151.80億(yi)元,网格(wǎng gé)").text.startswith("地区生产总值151.80亿元")
    assert normalize("地区生产总值(GDP)51亿元").text == "地区生产总值(GDP)51亿元"


def test_it_joins_words_a_column_break_split_in_running_text_but_not_in_headlines():
    body = "2022年全区地区生产总值达1131亿元,社会消费品零售 总额443.4亿元、固定资产投资600.5亿 元、增长8.2%,外贸平稳。"
    assert "社会消费品零售总额443.4亿元" in normalize(body).text
    assert normalize("化龙桥街道 党建引领聚合合力").text == "化龙桥街道 党建引领聚合合力"


def test_it_keeps_above_scale_output_per_capita_gdp_and_sector_output_apart_from_gdp():
    facts = summary(run("全县经济\n\n2023年,全县实现地区生产总值120亿元,人均地区生产总值57600元,农业生产总值36.5亿元;"
                        "规模以上工业企业完成工业总产值18.6亿元,比增4.1%。\n", region="云阳县"))
    assert facts == {("云阳县", 2023, "gdp", 120), ("云阳县", 2023, "industrial_output_above_scale", 18.6),
                     ("云阳县", 2023, "industrial_output_above_scale_growth_pct", 4.1)}


def test_it_reads_growth_written_bi_zeng_and_not_an_average_growth():
    facts = summary(run("东石镇\n\n2023年,东石镇规上工业总产值74亿元,比增14%;工业总产值548亿元,年均增长8%。\n",
                        region="晋江市"))
    assert ("东石镇", 2023, "industrial_output_above_scale_growth_pct", 14) in facts
    assert not any(metric == "industrial_output_growth_pct" for *_, metric, _ in facts)


def test_it_counts_plain_party_branches_and_members_but_not_new_members():
    facts = summary(run("盐山镇\n\n2023年,盐山镇辖59个行政村。镇党委辖68个党支部,全镇党员1798名。\n", region="盐山县"))
    assert facts == {("盐山镇", 2023, "party_organizations", 68), ("盐山镇", 2023, "party_members", 1798)}
    assert metric_facts("盐山镇\n\n2023年,盐山镇发展党员12名,慰问老党员30名。\n", region="盐山县") == []


def test_it_takes_the_town_a_paragraph_opens_with_for_its_bare_town_words():
    page = ("县域经济\n\n306 黄骅市黄骅镇\n\n盐山镇辖59个行政村,总人口4.9万人。镇党委辖68个党支部。\n")
    (fact,) = metric_facts(page, published="2023-06-01", region="盐山县")
    assert fact.place.name == "盐山镇"


def test_it_takes_the_town_of_a_numbered_entry_for_quan_xiang():
    page = ("卫生乡镇名单\n\n16、六鳌镇\n\n六鳌镇在漳浦县东南端,经济以渔业为主。\n\n"
            "17、下河乡\n\n全乡设有32个党支部。\n")
    (fact,) = metric_facts(page, published="2023-06-01", region="云霄县")
    assert fact.place.name == "下河乡"


def test_it_takes_the_district_not_its_city_for_quan_qu_in_a_district_report():
    page = ("双流区2022年国民经济和社会发展计划执行情况的报告\n\n成都市双流区发展和改革局\n\n"
            "2022年全区地区生产总值达1131亿元,同比增长0.6%。\n")
    facts = summary(run(page, published=None, region="双流区"))
    assert facts == {("双流区", 2022, "gdp", 1131), ("双流区", 2022, "gdp_growth_pct", 0.6)}


def test_it_dates_a_report_by_the_year_in_its_name_not_by_its_dateline():
    page = ("2023年开州区国民经济和社会发展统计公报\n\n开州区统计局 2024年4月29日\n\n"
            "初步核算,全年实现地区生产总值686.91亿元,比上年增长6.7%。\n")
    facts = summary(run(page, published="2024-04-29", region="开州区"))
    assert facts == {("开州区", 2023, "gdp", 686.91), ("开州区", 2023, "gdp_growth_pct", 6.7)}


def test_an_undated_page_takes_the_year_that_opens_its_story_and_otherwise_none():
    page = "北海网格\n\n2023年以来,北海市深入探索网格治理。全市建立网格党组织2630个。\n"
    assert {f.year for f in metric_facts(page, published=None, region="北海市")} == {2023}
    page = "北海网格\n\n北海市深入探索网格治理。全市建立网格党组织2630个。\n"
    assert {f.year for f in metric_facts(page, published=None, region="北海市")} == {None}


def test_it_places_a_renamed_subdistrict_the_page_keeps_naming_in_the_papers_district():
    page = ("大同街道治理\n\n今年以来,大同街道划分了43个一般网格。大同街道还组建了259个“微网格”。\n")
    facts = summary(run(page, published="2022-11-25", region="青白江区"))
    assert facts == {("大同街道", 2022, "grid_count", 43), ("大同街道", 2022, "micro_grid_count", 259)}
    # 常郭镇 (listed as the former 常郭乡) holds 郭镇 of 陕西: the page's own name is the longer one.
    page = "常郭镇介绍\n\n常郭镇位于黄骅市西南部。2006年,常郭镇固定资产投入2.9亿元。\n"
    assert summary(run(page, published="2007-01-10", region="黄骅市")) == {
        ("常郭镇", 2006, "fixed_asset_investment", 2.9)}


def test_a_numbered_place_entry_ends_the_text_before_it_even_an_unfinished_line():
    page = ("乡镇名单\n\n16、六鳌镇\n\n六鳌镇在漳浦县东南端,经济以渔业为主. 鳌除六鳌山\n\n17、下河乡\n\n"
            "  下河乡位于云霄县西北部,西与和平乡相望。全乡设有32个党支部,1096名党员。\n")
    assert {f.place.name for f in metric_facts(page, published="2023-06-01", region="云霄县")} == {"下河乡"}


def test_a_zone_missing_from_the_gazetteer_is_what_its_own_papers_quan_qu_means():
    page = "开发区经济\n\n2022年全区实现地区生产总值92.54亿元、同比增长4.9%。\n"
    facts = summary(run(page, published=None, region="济宁经济技术开发区"))
    assert facts == {("济宁经济技术开发区", 2022, "gdp", 92.54), ("济宁经济技术开发区", 2022, "gdp_growth_pct", 4.9)}


def test_a_figure_qualifying_another_noun_is_no_measure_but_a_milestone_alone_is_an_over_figure():
    assert metric_facts("会议\n\n2月13日,2022年南昌高新区GDP超千亿元新闻发布会举行。\n", published="2023-02-14",
                        region="南昌市") == []
    (fact,) = metric_facts("经济\n\n2023年,义乌市场主体超100万户。\n", published="2024-01-10", region="义乌市")
    assert (fact.metric, float(fact.value), fact.approx) == ("market_entities_total", 1000000, "over")


def test_it_gives_figures_to_the_district_a_city_name_only_locates():
    facts = summary(run("莆田市城厢区创新基层党建工作,划分了74个网格,配备网格员365名,实现全区网格全覆盖。\n",
                        region="城厢区"))
    assert facts == {("城厢区", 2023, "grid_count", 74), ("城厢区", 2023, "grid_workers", 365)}
    # The city alone as the subject keeps its figures.
    assert summary(run("莆田市划分了900个网格。\n", region="城厢区")) == {("莆田市", 2023, "grid_count", 900)}


def test_it_reads_a_bracketed_column_name_over_a_title_as_a_headline_and_a_date_line_as_a_header():
    page = ("【溧阳市招商】2019年南渡镇政府工作报告\n所属地区:江苏-常州-溧阳市\n发布日期:2025年07月08日\n"
            "各位代表:回顾2018,全镇上下开拓进取。预计全年完成地区生产总值52亿元,同比增长9.6%。\n")
    facts = summary(run(page, published="2025-07-08", region="溧阳市"))
    assert ("南渡镇", 2018, "gdp", 52) in facts
    assert not any(place == "溧阳市" for place, *_ in facts)


def test_it_reads_sector_values_listed_after_a_verb_and_a_year_run_into_quan_nian():
    page = "七台河市经济\n\n2023年七台河市第一、二、三产业实现增加值分别为43.40亿元、109.90亿元、109.60亿元。\n"
    facts = summary(run(page, region="七台河市"))
    assert {("七台河市", 2023, "va_primary", 43.4), ("七台河市", 2023, "va_secondary", 109.9),
            ("七台河市", 2023, "va_tertiary", 109.6)} <= facts
    page = "回眸鄂城\n\n预计2023全年地区生产总值突破600亿元大关、增长6.7%。\n"
    assert ("鄂城区", 2023, "gdp", 600) in summary(run(page, published="2024-01-10", region="鄂城区"))
    # A figure that qualifies another noun is still no measure.
    assert metric_facts("鄂城经济\n\n全区迈上600亿元级台阶。\n", region="鄂城区") == []


def test_it_drops_staffing_per_unit_across_clauses_until_a_total_takes_over():
    page = "白沙洲街道\n\n2023年,每个网格设有指导员各1名,并在居民中选聘1名网格长和2名网格员。\n"
    assert metric_facts(page, region="江夏区") == []
    page = "白沙洲街道\n\n2023年,每个网格配备专职网格员1名,全街道共有网格员120名。\n"
    assert summary(run(page, region="江夏区")) == {("白沙洲街道", 2023, "grid_workers", 120)}
    page = "福华街街道\n\n按照每50户老人配备不少于两名党员的标准开展联系服务。\n"
    assert metric_facts(page, region="福田区") == []


def test_it_does_not_count_awards_or_the_agents_of_a_piece_of_work_as_a_stock():
    page = "桃花镇\n\n2023年,桃花镇获评最佳志愿组织1个、“五好”基层党组织2家。\n"
    assert metric_facts(page, region="肥西县") == []
    page = "大同街道\n\n2023年,大同街道派驻183名党员入驻微网格,700余个党组织包保网格。\n"
    assert metric_facts(page, region="青白江区") == []
    page = "大同街道\n\n2023年,大同街道共有党员1830名,基层党组织70个。\n"
    assert summary(run(page, region="青白江区")) == {("大同街道", 2023, "party_members", 1830),
                                                    ("大同街道", 2023, "party_organizations", 70)}


def test_it_reads_abbreviations_and_short_names_of_measures():
    page = ("金井镇经济\n\n2023年,金井镇实现GDP15亿元,固投24.8亿元,零售总额完成1.93亿元,"
            "限上零售总额0.8亿元;建成爱心食堂3个、社区“老年餐厅”2家,组建志愿者服务队伍12支,"
            "老旧小区改造已开工8个,在68个城市社区网格党支部的基础上深化治理。\n")
    facts = summary(run(page, region="长沙县"))
    assert facts == {("金井镇", 2023, "gdp", 15), ("金井镇", 2023, "fixed_asset_investment", 24.8),
                     ("金井镇", 2023, "retail_sales", 1.93), ("金井镇", 2023, "elderly_care_sites", 3),
                     ("金井镇", 2023, "elderly_care_sites", 2), ("金井镇", 2023, "volunteer_organizations", 12),
                     ("金井镇", 2023, "old_communities_renovated", 8), ("金井镇", 2023, "grid_party_branches", 68)}
    # Letters that are part of a code still block a figure.
    assert metric_facts("金井镇\n\n2023年,金井镇建成A4个网格。\n", region="长沙县") == []


def test_it_reads_a_result_measured_against_its_goal_and_a_period_since_a_year():
    page = ("回郭镇\n\n2020年,回郭镇一般公共预算收入完成5.15亿元,占目标的114.4%;"
            "固定资产投资完成46亿元,占全年目标的106.7%;规模工业总产值完成460亿元,增速13%。\n")
    facts = summary(run(page, published="2021-01-30", region="巩义市"))
    assert {("回郭镇", 2020, "fixed_asset_investment", 46), ("回郭镇", 2020, "industrial_output_above_scale", 460),
            ("回郭镇", 2020, "industrial_output_above_scale_growth_pct", 13)} <= facts
    page = "东高地街道\n\n从2011年起,东高地街道建设了4家社区“老年餐厅”。\n"
    assert summary(run(page, published="2012-05-01", region="丰台区")) == {
        ("东高地街道", 2012, "elderly_care_sites", 4)}


def test_it_gives_bare_value_added_to_the_sector_opening_the_sentence_else_to_gdp():
    page = ("江津区经济\n\n2022年,第一产业稳中有进,全年实现增加值4.1亿元。"
            "第三产业韧性增强,全年实现增加值242.12亿元。\n")
    assert summary(run(page, region="江津区")) == {("江津区", 2022, "va_primary", 4.1),
                                                   ("江津区", 2022, "va_tertiary", 242.12)}
    page = "乘风街道\n\n2009年全街道共实现增加值182,544万元,同比增长41.2%。\n"
    assert summary(run(page, region="龙凤区")) == {("乘风街道", 2009, "gdp", 18.2544),
                                                   ("乘风街道", 2009, "gdp_growth_pct", 41.2)}
    # An industry's value added is no GDP.
    assert metric_facts("乘风街道\n\n2009年,工业经济稳步发展,规上工业实现增加值5亿元。\n", region="龙凤区") == []


def test_it_keeps_per_capita_gdp_and_a_community_s_own_figures_out():
    page = "宣汉县\n\n2023年,全年人均国内生产总值73934元,比上年增长7.7%。\n"
    assert metric_facts(page, region="宣汉县") == []
    page = "崇皇街道\n\n2022年,泾渭观澜社区共有社区级网格员8人。该社区网格划分了5个二级网格。\n"
    assert metric_facts(page, region="高陵区") == []


def test_it_reads_more_ways_pages_print_counts_and_growth():
    page = ("江津区\n\n2023年,全区已建立190个社区居家养老服务中心(站),共7000多人担任网格员;"
            "老旧小区改造涉及142个小区。\n")
    assert summary(run(page, region="江津区")) == {
        ("江津区", 2023, "elderly_care_sites", 190), ("江津区", 2023, "grid_workers", 7000),
        ("江津区", 2023, "old_communities_renovated", 142)}
    page = "江津区\n\n2023年,全区地区生产总值突破600亿元大关、增长6.7%,规上工业产值预计同比增长5%。\n"
    assert summary(run(page, region="江津区")) == {
        ("江津区", 2023, "gdp", 600), ("江津区", 2023, "gdp_growth_pct", 6.7),
        ("江津区", 2023, "industrial_output_above_scale_growth_pct", 5)}
    # A profile's list of counts: 企业 alone in its clause is the stock of enterprises.
    page = "圣泉街道概况\n\n2023年,辖区有学校66所;企业6120家,个体户13874户。\n"
    assert ("圣泉街道", 2023, "enterprises_total", 6120) in summary(run(page, region="江津区"))


def test_it_reads_growth_lists_with_negative_rates_and_dates_each_value_of_a_threshold_history():
    page = "江津区经济\n\n2023年,全区规上工业总产值、地区生产总值同比分别增长-6.2%、5.1%。\n"
    assert summary(run(page, region="江津区")) == {
        ("江津区", 2023, "industrial_output_above_scale_growth_pct", -6.2), ("江津区", 2023, "gdp_growth_pct", 5.1)}
    # A range or a code keeps its hyphen: no negative rate.
    assert all(f.value > 0 for f in run("江津区\n\n2020-2023年,全区地区生产总值年均增长8%。\n", region="江津区").facts)
    page = "江津区经济\n\n全区地区生产总值从2004年突破100亿元到2024年突破1000亿元。\n"
    assert summary(run(page, published="2024-05-01", region="江津区")) == {
        ("江津区", 2004, "gdp", 100), ("江津区", 2024, "gdp", 1000)}
    # 到 a year without a 从 before it still sets a goal.
    assert metric_facts("江津区经济\n\n力争到2025年,全区地区生产总值达到1500亿元。\n", region="江津区") == []


def test_it_takes_a_figure_from_a_subheading_only_when_the_text_does_not_state_that_measure():
    page = ("成都市场主体发展\n\n实有市场主体总数达到331.9万户\n\n"
            "截至2021年底,成都市实有市场主体总数位列副省级城市第2位。\n")
    facts = summary(run(page, published="2022-03-01", region="成都市"))
    assert ("成都市", 2021, "market_entities_total", 3319000) in facts
    page = "沛县经济\n\n地区生产总值首次突破千亿元\n\n2023年,全县地区生产总值达到1012.3亿元。\n"
    assert summary(run(page, published="2024-02-01", region="沛县")) == {("沛县", 2023, "gdp", 1012.3)}


def test_it_reads_parts_listed_after_qi_zhong_clause_after_clause_and_shares_are_no_growth():
    page = "工业园街道\n\n2023年,街道党工委有党员76名,其中干部党员13名,下岗党员34名,离退休党员26名。\n"
    assert summary(run(page, region="江津区")) == {("工业园街道", 2023, "party_members", 76)}
    page = "江津区经济\n\n2023年,全区地区生产总值、固定资产投资全市占比分别达到32.4%、35.2%。\n"
    assert metric_facts(page, region="江津区") == []


def test_it_reads_more_names_pages_give_measures_and_facilities():
    page = ("江津区经济\n\n2023年,全区第一产业实现增加值8.2亿元,规上工业生产总值135亿元,"
            "增设350余个停车泊位,已建成285个配餐点,净增经营主体2.86万户。\n")
    assert summary(run(page, region="江津区")) == {
        ("江津区", 2023, "va_primary", 8.2), ("江津区", 2023, "industrial_output_above_scale", 135),
        ("江津区", 2023, "parking_spaces_added", 350), ("江津区", 2023, "elderly_care_sites", 285)}


def test_it_reads_a_city_s_short_name_as_the_city_but_not_inside_another_name():
    page = "广州助餐配餐\n\n截至4月底,广州全市已建成285个配餐点。\n"
    assert summary(run(page, published="2019-04-05", region="越秀区")) == {("广州市", 2019, "elderly_care_sites", 285)}
    page = "白杨街道\n\n白杨街道有杭州电子科技大学等高校14所,各类企业400余家。\n"
    assert {place for place, *_ in summary(run(page, region="钱塘区"))} == {"白杨街道"}


def test_it_takes_an_unlisted_town_that_opens_the_page_for_what_the_page_is_about():
    page = "新篁镇“十一五”工作总结\n\n2010年,预计全年社会消费品零售总额42940万元。\n"
    assert summary(run(page, published=None, region="秀洲区")) == {("新篁镇", 2010, "retail_sales", 4.294)}
    # 乡风 (rural customs) is a word, not the end of a town's name
    page = "党建引领乡风文明,80个网格党组织共建“美丽棠下”!\n\n棠下镇坚持党建引领乡风文明,建成80个网格党组织。\n"
    assert {f.place.name for f in run(page, published="2021-05-01", region="蓬江区").facts if f.metric} == {"棠下镇"}


def test_it_reads_a_total_after_its_growth_and_a_five_year_plan_s_period():
    page = ("千灯镇\n\n2022年,千灯镇规上工业产值增长9.6%,位列全市第三;总量574亿元,位列乡镇第一。"
            "固定资产投资增长15.5%,位列全市第二;总量58.1亿元。\n")
    assert summary(run(page, region="昆山市")) == {
        ("千灯镇", 2022, "industrial_output_above_scale_growth_pct", 9.6),
        ("千灯镇", 2022, "industrial_output_above_scale", 574), ("千灯镇", 2022, "fixed_asset_investment", 58.1)}
    page = "西安养老\n\n“十三五”期间,全市建成各类养老服务设施2406个,其中养老机构168家,社区养老服务站805个。\n"
    assert summary(run(page, published="2021-05-01", region="西安市")) == {("西安市", 2020, "elderly_care_sites", 2406)}


def test_it_reads_a_city_paper_s_unplaced_story_as_the_city_s_and_an_unnamed_town_as_no_county_s():
    page = "临沧基层治理\n\n健全完善“乡镇(街道)党工委—村(社区)党组织”组织体系,设置五级网格6.4万个,网格员12万名。\n"
    assert summary(run(page, published="2025-03-26", region="临沧市")) == {
        ("临沧市", 2025, "grid_count", 64000), ("临沧市", 2025, "grid_workers", 120000)}
    page = "龙网讯\n\n今年以来,我镇经济稳步增长。前三季度,全镇实现工业总产值210亿元。\n"
    assert all(f.place is None for f in run(page, published="2011-10-19", region="苍南县").facts if f.metric)


def test_it_keeps_out_a_community_s_office_s_counts_single_staff_and_an_estate_s_own_teams():
    page = "肃州区社区\n\n社区党总支下设7个党支部,共有党员763名。\n"
    assert metric_facts(page, region="肃州区") == []
    page = "团结街道\n\n2023年,小区设立党小组,并设置一名社区网格员;福盛花园的4支志愿服务队常态服务。\n"
    assert metric_facts(page, region="江津区") == []
    page = "联盟街道\n\n2023年,由17名庭院党支部书记兼任居民小组长,26名党员兼任楼栋长。\n"
    assert metric_facts(page, region="江津区") == []


def test_it_reads_the_place_after_a_verb_of_reporting_and_after_a_span_of_months_as_the_subject():
    page = "观点网讯\n\n10月23日,沈阳市人民政府披露大东区共改造老旧小区140个。\n"
    assert summary(run(page, published="2023-10-24", region="沈阳市")) == {
        ("大东区", 2023, "old_communities_renovated", 140)}


def test_it_counts_a_built_facility_named_after_its_place_as_one():
    page = "圣泉街道\n\n2023年,街道建成投用圣泉街道养老服务中心、社区养老服务站5个、中心敬老院1所。\n"
    facts = run(page, region="江津区").facts
    assert sorted(float(f.value) for f in facts if f.metric == "elderly_care_sites") == [1, 1, 5]
    implied = next(f for f in facts if f.rule == "named_facility")
    assert implied.note.startswith("养老服务中心") and "按1个计" in implied.note
    # A printed count stays the count.
    page = "圣泉街道\n\n2023年,街道建成投用圣泉街道养老服务中心3个。\n"
    assert [float(f.value) for f in run(page, region="江津区").facts if f.metric] == [3]


def test_it_gives_a_figure_after_a_list_of_subdistricts_to_their_district_and_pairs_them_with_fenbie():
    page = ("2021年,徐汇区在湖南、长桥、龙华、漕河泾街道新建4家社区综合为老服务中心;在长桥街道新建2家社区长者食堂。")
    assert summary(run(page, region="徐汇区", published="2022-01-10")) == {
        ("徐汇区", 2021, "elderly_care_sites", 4), ("长桥街道", 2021, "elderly_care_sites", 2)}
    paired = "2023年,长桥街道、龙华街道分别实现地区生产总值12.5亿元、8.3亿元,分别增长5.1%、6.2%。"
    assert summary(run(paired, region="徐汇区", published="2024-01-10")) == {
        ("长桥街道", 2023, "gdp", 12.5), ("龙华街道", 2023, "gdp", 8.3),
        ("长桥街道", 2023, "gdp_growth_pct", 5.1), ("龙华街道", 2023, "gdp_growth_pct", 6.2)}
    villages = "山川乡去年在船村、马家弄村建成老年食堂2家。"
    assert summary(run(villages, region="安吉县", published="2024-01-10")) == {
        ("山川乡", 2023, "elderly_care_sites", 2)}


def test_it_leaves_rates_of_a_measure_named_after_the_list_alone():
    page = "2023年,江北区地区生产总值增长4.1%;城乡居民人均可支配收入分别增长5%、7.1%。"
    assert summary(run(page, region="重庆市", published="2024-01-10")) == {("江北区", 2023, "gdp_growth_pct", 4.1)}


def test_it_reads_yi_closing_a_figure_as_yuan():
    assert summary(run("小榄镇GDP突破500亿大关。", region="中山市", published="2023-12-10")) == {
        ("小榄镇", 2023, "gdp", 500)}
    assert summary(run("全镇常住人口1.2亿,增长很快。", region="中山市")) == set()


def test_it_reads_no_count_from_a_ratio_to_population():
    page = "2022年,玉溪市市场主体总量达27.4万户,每千人拥有市场主体数122户。"
    assert summary(run(page, region="玉溪市", published="2023-01-10")) == {
        ("玉溪市", 2022, "market_entities_total", 274000)}


def test_it_reads_no_party_members_from_members_taking_on_households():
    page = "华州街道40余个单位联网格,1340余名党员联住户。华州街道共有党员2100余名。"
    assert summary(run(page, region="华州区")) == {("华州街道", 2023, "party_members", 2100)}


def test_it_reads_bare_value_added_as_gdp_only_when_the_sentence_names_the_area():
    assert summary(run("2023年,圣泉街道实现增加值18.25亿元。", region="江津区")) == {("圣泉街道", 2023, "gdp", 18.25)}
    assert summary(run("新能源产业势头强劲。实现增加值8.0亿元,增速为90.2%。", region="孝昌县")) == set()


def test_it_reads_the_count_a_noun_was_changed_to_or_built_to():
    assert summary(run("2023年,呼和浩特市综治网格细化为6000余个。", region="呼和浩特市")) == {
        ("呼和浩特市", 2023, "grid_count", 6000)}
    assert summary(run("2023年,江北区社区养老服务站建成50个。", region="重庆市")) == {
        ("江北区", 2023, "elderly_care_sites", 50)}


def test_it_reads_a_district_named_by_an_everyday_word_after_its_city_and_points_gai_qu_back():
    page = ("其中,西安市新城区地区生产总值增长4.3%。莲湖区工业稳中有进,规上工业企业总产值实现252亿元。"
            "该区商贸业持续回暖,社消总额实现496亿元。")
    assert summary(run(page, region="西安市", published="2023-02-09")) == {
        ("新城区", 2023, "gdp_growth_pct", 4.3), ("莲湖区", 2023, "industrial_output_above_scale", 252),
        ("莲湖区", 2023, "retail_sales", 496)}


def test_it_does_not_give_a_figure_to_a_partner_named_after_yu():
    page = "2023年,大兴区与北京经济技术开发区开展战略合作,招商引资完成26亿元。"
    (fact,) = [f for f in run(page, region="大兴区", published="2024-01-10").facts if f.metric]
    assert fact.place.name == "大兴区"


def test_it_lets_the_verb_opening_a_list_hold_for_each_counted_item():
    page = "2020年,湘乡市新增规模工业企业48家、高新技术企业26家、市场主体4798个。"
    assert summary(run(page, region="湘乡市", published="2021-01-10")) == {
        ("湘乡市", 2020, "market_entities_new", 4798)}
    stock = "2020年,湘乡市规模工业企业48家、市场主体4798个。"
    assert summary(run(stock, region="湘乡市", published="2021-01-10")) == {
        ("湘乡市", 2020, "market_entities_total", 4798)}


def test_it_ends_a_sentence_at_the_dash_of_a_bullet_list_run_into_one_line():
    page = ("镇平县:乘势扬帆向新程\n\n经济攻坚 - 玉产业正朝着“全球玉文化消费中心”目标迈进 [7] - "
            "2024年帮助企业减免税费6.2亿元,新增经营主体1.8万户 [8] - 累计建成高标准农田58.4万亩\n")
    assert summary(run(page, region="镇平县", published="2025-11-03")) == {
        ("镇平县", 2024, "market_entities_new", 18000)}


def test_it_counts_one_facility_for_each_community_that_set_one_up():
    page = "2022年,綦江区21个街镇陆续建立了养老服务中心,79个社区建立了养老服务站。"
    assert summary(run(page, region="綦江区", published="2023-01-10")) == {
        ("綦江区", 2022, "elderly_care_sites", 21), ("綦江区", 2022, "elderly_care_sites", 79)}
    assert summary(run("2022年,綦江区26个社区建成老年助餐点32个。", region="綦江区", published="2023-01-10")) == {
        ("綦江区", 2022, "elderly_care_sites", 32)}


def test_it_reads_a_rate_since_a_named_year_as_growth_only_over_one_year():
    assert summary(run("2025年,渝中区地区生产总值实现1781.8亿元、较2020年增长30%。", region="渝中区",
                       published="2026-01-10")) == {("渝中区", 2025, "gdp", 1781.8)}
    assert ("新建区", 2020, "gdp_growth_pct", 2.1) in summary(run(
        "2020年,新建区地区生产总值实现181.8亿元,比2019年增长2.1%。", region="新建区", published="2021-01-10"))


def test_it_gives_respective_rates_only_to_the_values_listed_right_before_them():
    page = ("2017年,常德市实现地区生产总值3238.1亿元,增长8.4%;城镇居民人均可支配收入28735元,"
            "农村居民人均可支配收入13847元,分别增长8.3%、10.2%。")
    assert summary(run(page, region="常德市", published="2018-01-10")) == {
        ("常德市", 2017, "gdp", 3238.1), ("常德市", 2017, "gdp_growth_pct", 8.4)}


def test_it_reads_no_yearly_figure_from_a_breakdown_by_quarter():
    page = "2023年,古丈县地区生产总值增长1.5%。分季度看,一季度地区生产总值同比增长2.2%,二季度增长0.8%。"
    assert summary(run(page, region="古丈县", published="2024-02-01")) == {("古丈县", 2023, "gdp_growth_pct", 1.5)}


def test_it_carries_the_measure_into_a_breakdown_by_place_and_no_further():
    page = ("上半年经济运行\n\n1—6月,全区规模以上工业总产值达到320亿元,同比增长8.5%。分镇街看,几江街道完成产值45.2亿元,"
            "增长6.1%;德感街道完成产值60.3亿元,增长9.4%。从行业看,汽摩行业实现产值80亿元,增长3%。\n")
    facts = summary(run(page, published="2024-07-20", region="江津区"))
    assert {f for f in facts if f[0] != "江津区"} == {
        ("几江街道", 2024, "industrial_output_above_scale", 45.2),
        ("几江街道", 2024, "industrial_output_above_scale_growth_pct", 6.1),
        ("德感街道", 2024, "industrial_output_above_scale", 60.3),
        ("德感街道", 2024, "industrial_output_above_scale_growth_pct", 9.4)}
    assert ("江津区", 2024, "industrial_output_above_scale", 80) not in facts


def test_it_reads_a_bare_measure_of_a_place_only_inside_a_breakdown():
    page = "工业经济\n\n全区规上工业企业实现产值20亿元。德感街道实现产值60.3亿元,增长9.4%。\n"
    facts = summary(run(page, published="2024-07-20", region="江津区"))
    assert facts == {("江津区", 2024, "industrial_output_above_scale", 20)}


def test_it_reads_a_subdistrict_of_the_papers_district_by_the_name_of_its_office():
    page = "分镇街看\n\n1—6月,全区规模以上工业总产值达到320亿元。分镇街看,德感办完成产值60.3亿元。\n"
    assert ("德感街道", 2024, "industrial_output_above_scale", 60.3) in summary(
        run(page, published="2024-07-20", region="江津区"))
    # Outside the paper's own district X办 is an office of anything.
    other = summary(run(page, published="2024-07-20", region="綦江区"))
    assert not any(place == "德感街道" for place, *_ in other)


def test_it_does_not_take_a_breakdown_by_town_for_the_town_named_fenxiang():
    page = "分乡镇看\n\n1—6月,全区规模以上工业总产值达到320亿元。从分乡镇来看,几江街道实现产值5亿元。\n"
    facts = summary(run(page, published="2024-07-20", region="江津区"))
    assert ("几江街道", 2024, "industrial_output_above_scale", 5) in facts
    assert not any(place == "分乡镇" for place, *_ in facts)


def test_it_reads_growth_at_current_prices_as_growth():
    page = "工业\n\n全区规模以上工业企业实现产值214亿元,累计现价比增10.96%。\n"
    assert ("江津区", 2024, "industrial_output_above_scale_growth_pct", 10.96) in summary(
        run(page, published="2024-05-20", region="江津区"))


def test_it_reads_a_measure_through_a_footnote_mark_and_an_abbreviation_in_brackets():
    page = "统计公报\n\n2022年全区实现地区生产总值【1】(GDP)1504.37亿元,比上年可比增长2.6%。\n"
    assert summary(run(page, published="2023-03-20", region="涪陵区")) == {
        ("涪陵区", 2022, "gdp", 1504.37), ("涪陵区", 2022, "gdp_growth_pct", 2.6)}
    page = "统计公报\n\n2023年全区地区生产总值(GDP)总量1270.39亿元。\n"
    assert summary(run(page, published="2024-03-20", region="涪陵区")) == {("涪陵区", 2023, "gdp", 1270.39)}


def test_it_reads_a_sectors_bare_figure_in_a_breakdown_of_gdp_as_its_value_added():
    page = ("经济发展\n\n2018年全区生产总值达到176.71亿元,是1949年的186倍。其中第一产业29.68亿元、第二产业74.28亿元、"
            "第三产业72.75亿元。现代服务业增加值达30亿元,第一产业投资12亿元。\n")
    assert summary(run(page, published="2019-09-01", region="涪陵区")) == {
        ("涪陵区", 2018, "gdp", 176.71), ("涪陵区", 2018, "va_primary", 29.68),
        ("涪陵区", 2018, "va_secondary", 74.28), ("涪陵区", 2018, "va_tertiary", 72.75)}


def test_it_reads_the_count_a_noun_grew_to_as_its_count():
    page = "志愿服务\n\n目前,白涛街道网上注册志愿者发展到1350人,志愿服务队伍扩大到9支。\n"
    assert summary(run(page, published="2023-06-01", region="涪陵区")) == {
        ("白涛街道", 2023, "registered_volunteers", 1350), ("白涛街道", 2023, "volunteer_organizations", 9)}


def test_it_pairs_respective_rates_with_measures_given_in_clauses_of_their_own():
    page = ("经济运行\n\n2023年,全区完成地区生产总值164亿元,实现工业总产值480亿元,同比分别增长9.4%和8.5%。"
            "完成规模以上工业总产值40.8亿元,实现主营业务收入39.2亿元,同比分别增长13%、7.3%。\n")
    assert summary(run(page, published="2024-02-01", region="涪陵区")) == {
        ("涪陵区", 2023, "gdp", 164), ("涪陵区", 2023, "gdp_growth_pct", 9.4),
        ("涪陵区", 2023, "industrial_output", 480), ("涪陵区", 2023, "industrial_output_growth_pct", 8.5),
        ("涪陵区", 2023, "industrial_output_above_scale", 40.8),
        ("涪陵区", 2023, "industrial_output_above_scale_growth_pct", 13)}


def test_it_reads_what_is_done_of_a_plan_but_not_the_plan():
    page = "养老服务\n\n2023年,阿城区规划建设59个社区养老驿站,已建成18个。\n"
    assert summary(run(page, published="2023-12-01", region="阿城区")) == {
        ("阿城区", 2023, "elderly_care_sites", 18)}


def test_it_reads_no_figure_from_the_main_targets_of_the_year():
    page = "政府工作\n\n今年经济工作的主要指标:完成地区生产总值164亿元,实现工业总产值480亿元。\n"
    assert summary(run(page, published="2016-02-01", region="武进区")) == set()


def test_it_reads_negative_growth_as_a_decline():
    page = "工业\n\n今年6月全区实现规上工业产值20.67亿元,同比负增长3.4%。\n"
    assert ("涪陵区", 2023, "industrial_output_above_scale_growth_pct", -3.4) in summary(
        run(page, published="2023-07-10", region="涪陵区"))


def test_it_gives_the_values_after_分别实现_to_the_measures_listed_before_it():
    page = "三合镇经济\n\n2019年,三合镇规模工业总产值、固定资产投资、社消零分别实现71亿元、4.75亿元和3.06亿元。\n"
    assert summary(run(page, published="2020-01-20", region="奉节县")) == {
        ("三合镇", 2019, "industrial_output_above_scale", 71), ("三合镇", 2019, "fixed_asset_investment", 4.75),
        ("三合镇", 2019, "retail_sales", 3.06)}


def test_it_reads_a_measure_after_a_size_threshold_and_a_rate_named_增长率():
    page = "牂牁镇经济\n\n2015年,牂牁镇50万元以上固定资产投资完成6.77亿元,地区生产总值3.2亿元,增长率为5.6%。\n"
    assert summary(run(page, published="2016-01-20", region="六枝特区")) == {
        ("牂牁镇", 2015, "fixed_asset_investment", 6.77), ("牂牁镇", 2015, "gdp", 3.2),
        ("牂牁镇", 2015, "gdp_growth_pct", 5.6)}
    # the count before a noun is still that noun's where no threshold stands between
    assert ("牂牁镇", 2015, "grid_party_branches", 315) in summary(
        run("牂牁镇\n\n2015年,牂牁镇在418个网格建立315个网格党组织。\n", published="2016-01-20", region="六枝特区"))


def test_it_leaves_out_the_parts_of_a_breakdown_whose_places_it_does_not_know():
    page = ("沙坪坝区工业\n\n2020年,全区规上工业总产值1117.2亿元,同比增长10%。分区域看,高新区实现产值1003.7亿元,"
            "同比增长15.6%;其他区域实现产值113.5亿元,同比下降10.5%。\n")
    assert summary(run(page, published="2021-03-01", region="沙坪坝区")) == {
        ("沙坪坝区", 2020, "industrial_output_above_scale", 1117.2),
        ("沙坪坝区", 2020, "industrial_output_above_scale_growth_pct", 10)}


def test_it_gives_each_place_its_share_of_a_total_listed_after_it():
    page = "养老服务\n\n2010年,全区共建成居家养老服务站50个,其中几江街道17个、圣泉街道21个。\n"
    assert summary(run(page, published="2011-06-01", region="江津区")) == {
        ("江津区", 2010, "elderly_care_sites", 50), ("几江街道", 2010, "elderly_care_sites", 17),
        ("圣泉街道", 2010, "elderly_care_sites", 21)}
    page = "养老服务\n\n哈尔滨市107个居家养老服务站在全市的分布情况为:道里区17个、道外区21个、南岗区17个。\n"
    assert summary(run(page, published="2011-06-01", region="哈尔滨市")) == {
        ("哈尔滨市", 2011, "elderly_care_sites", 107), ("道里区", 2011, "elderly_care_sites", 17),
        ("道外区", 2011, "elderly_care_sites", 21), ("南岗区", 2011, "elderly_care_sites", 17)}
    # kinds of a total are no places: 其中党总支16个 stays a part
    kinds = summary(run("党建\n\n全区28个居民区党组织,其中党总支16个、党支部12个。\n", published="2011-06-01",
                        region="江津区"))
    assert all(value not in (16, 12) for *_, value in kinds)


def test_it_reads_parts_after_其中_standing_as_a_clause_and_industrys_bare_value_added_as_no_gdp():
    page = ("石羊镇\n\n2022年,镇党委下设14个村(社区)党总支、186个党支部,其中:村民小组党支部182个,"
            "机关单位党支部3个,“两新”党支部1个。\n")
    assert summary(run(page, published="2023-01-01", region="双流区")) == {
        ("石羊镇", 2022, "party_organizations", 186)}
    page = "越秀区工业\n\n2022年,全区实现规模以上工业总产值74.99亿元,同比下降3.1%;实现增加值22.90亿元,同比下降2.2%。\n"
    assert {metric for _, _, metric, _ in summary(run(page, published="2023-03-01", region="越秀区"))} == {
        "industrial_output_above_scale", "industrial_output_above_scale_growth_pct"}


def test_it_reads_every_clause_after_其中_as_a_part_up_to_a_semicolon():
    page = "白塔街道党建\n\n2013年,白塔街道党工委下设7个党支部,其中机关党支部1个,楼院党支部6个;划分网格6个。\n"
    facts = summary(run(page, published="2014-01-01", region="肃州区"))
    assert ("白塔街道", 2013, "party_organizations", 7) in facts
    assert ("白塔街道", 2013, "party_organizations", 6) not in facts
    # a clause that sums the parts up (共123名) is a total again
    page = "丰产路街道\n\n2023年,丰产路街道共有网格员426名,其中每个网格配备1名专职网格员,共123名。\n"
    assert ("丰产路街道", 2023, "grid_workers", 123) in summary(run(page, published="2023-08-01", region="金水区"))


def test_it_reads_the_rows_of_a_list_by_place_under_the_measure_the_text_before_spoke_of():
    page = ("汕头长者饭堂有哪些\n\n目前,汕头已建成“长者饭堂”85家,实现了镇(街道)域全覆盖。\n\n汕头长者饭堂各区县数量\n\n"
            "金平区12家\n\n龙湖区16家\n\n汕头部分长者饭堂名单\n\n一、东方街道长者饭堂\n")
    assert summary(run(page, published="2024-04-28", region="汕头市")) == {
        ("汕头市", 2024, "elderly_care_sites", 85), ("金平区", 2024, "elderly_care_sites", 12),
        ("龙湖区", 2024, "elderly_care_sites", 16)}
    # without a measure before them, bare rows are no facts
    page = "各区县数量\n\n金平区12家\n\n龙湖区16家\n"
    assert summary(run(page, published="2024-04-28", region="汕头市")) == set()


def test_it_reads_an_ascii_full_stop_after_a_chinese_character_as_the_end_of_a_sentence():
    page = ("梅川镇概况\n\n摘要:梅川镇地处武穴市北部,始建于北周.全镇经济实现了跨越式发展."
            "2011年,全镇实现工业总产值8.9亿元,固定资产投资增长3.5%.全镇个体工商户达3749户.\n")
    facts = [f for f in run(page, published=None, region="武穴市").facts if f.metric]
    assert [(f.place.name, f.year, f.metric, float(f.value)) for f in facts] == [
        ("梅川镇", 2011, "industrial_output", 8.9)]
    assert facts[0].evidence.startswith("2011年")


def test_it_reads_a_threshold_passed_as_the_figure_reached_unless_a_value_is_restated():
    page = "通渭经济\n\n2023年,全县地区生产总值跨上70亿元台阶。\n"
    facts = [f for f in run(page, published="2024-01-20", region="通渭县").facts if f.metric]
    assert [(f.place.name, f.metric, float(f.value), f.approx) for f in facts] == [("通渭县", "gdp", 70.0, "over")]
    page = "通渭经济\n\n2023年,全县地区生产总值跨上70亿元台阶,达到72.1亿元。\n"
    assert summary(run(page, published="2024-01-20", region="通渭县")) == {("通渭县", 2023, "gdp", 72.1)}
    page = "通渭经济\n\n2023年,全县地区生产总值迈上70亿元新台阶、达到72.1亿元、增长6.1%。\n"
    assert summary(run(page, published="2024-01-20", region="通渭县")) == {
        ("通渭县", 2023, "gdp", 72.1), ("通渭县", 2023, "gdp_growth_pct", 6.1)}


def test_it_gives_an_estimated_or_constant_price_growth_to_the_measure_before_it():
    page = "泰兴经济\n\n2018年,全市地区生产总值达1040亿元,预计增长7%。\n"
    assert ("泰兴市", 2018, "gdp_growth_pct", 7) in summary(run(page, published="2019-01-10", region="泰兴市"))
    page = "石龙经济\n\n2024年,石龙镇地区生产总值140.33亿元,按不变价格计算,同比增长2.6%。\n"
    assert ("石龙镇", 2024, "gdp_growth_pct", 2.6) in summary(run(page, published="2025-02-10", region="东莞市"))
    # a growth with its own subject stays that subject's
    page = "泰兴经济\n\n2018年,全市地区生产总值达1040亿元,进出口总额预计增长7%。\n"
    assert not any(m == "gdp_growth_pct" for *_, m, _ in summary(run(page, published="2019-01-10", region="泰兴市")))


def test_it_gives_a_noun_counted_right_before_to_that_count_not_to_the_next_number():
    page = "通江治理\n\n2022年,通江县将367个建制村(社区)细分为561个网格7709个单元格。\n"
    facts = summary(run(page, published="2023-10-31", region="通江县"))
    assert ("通江县", 2022, "grid_count", 561) in facts
    assert not any(value == 7709 for *_, value in facts)
    # a count with its own noun before it leaves the noun after it to the next number
    page = "城南街道\n\n2023年,城南街道辖社区12个,网格45个。\n"
    assert ("城南街道", 2023, "grid_count", 45) in summary(run(page, published="2023-10-31", region="通江县"))


def test_it_drops_the_staff_each_unit_is_given_with_a_bare_she():
    page = "通江治理\n\n2022年,通江县细分为561个网格,每个网格设1名网格员。\n"
    assert summary(run(page, published="2023-10-31", region="通江县")) == {("通江县", 2022, "grid_count", 561)}
    # a standard for each unit ends with its own noun (…的要求); the counts after it are the place's
    page = ("万安镇\n\n2023年,万安镇按照每个实践站设1名专职人员,建1个志愿服务分队的要求,成立志愿服务分队40余个,"
            "注册志愿者1000余人。\n")
    facts = summary(run(page, published="2023-10-31", region="铜梁区"))
    assert ("万安镇", 2023, "volunteer_organizations", 40) in facts
    assert ("万安镇", 2023, "registered_volunteers", 1000) in facts


def test_it_reads_facilities_still_being_built_as_no_count_yet():
    page = ("吴门桥街道\n\n2021年,吴门桥街道已建成日间照料中心5家,"
            "此外还有2家综合为老服务中心及2家日间照料中心正在建设中。\n")
    assert summary(run(page, published="2021-06-01", region="姑苏区")) == {
        ("吴门桥街道", 2021, "elderly_care_sites", 5)}


def test_it_reads_no_investment_from_a_size_class_or_one_firms_project():
    page = "七星区招商\n\n2021年,全区新引进投资1000万元以上工业项目17个,招商引资到位资金35亿元。\n"
    assert summary(run(page, published="2022-01-10", region="七星区")) == {("七星区", 2021, "attracted_investment", 35)}
    page = ("田南镇招商\n\n2023年,田南镇成功引进投资1亿元高安超峰新能源有限公司光伏发电项目,"
            "全镇招商引资到位资金3.5亿元。\n")
    assert summary(run(page, published="2024-01-10", region="高安市")) == {
        ("田南镇", 2023, "attracted_investment", 3.5)}


def test_it_gives_nothing_of_an_unnamed_town_speaking_as_quan_xiang_to_its_county():
    page = "全乡总面积6.5平方公里,辖48个行政村,小城镇人口5907人。\n经济概况 2006年国内生产总值7亿元。\n"
    assert summary(run(page, published=None, region="齐河县")) == {(None, 2006, "gdp", 7)}
    # the county's own figures still are the county's
    page = "齐河经济\n\n2006年,全县国内生产总值170亿元。\n"
    assert summary(run(page, published=None, region="齐河县")) == {("齐河县", 2006, "gdp", 170)}


def test_it_takes_an_unlisted_town_whose_name_opens_with_a_numeral_but_not_a_count_of_towns():
    page = ("七圩镇经济\n\n记者从七圩镇了解到,2006年该镇财政收入1.08亿元。"
            "2006年,七圩镇全镇实现国内生产总值14.69亿元,同比增长29.4%。\n")
    facts = summary(run(page, published="2007-02-03", region="泰兴市"))
    assert ("七圩镇", 2006, "gdp", 14.69) in facts
    page = "泰兴经济\n\n2006年,三镇联动发展,三镇地区生产总值合计40亿元。全市地区生产总值300亿元。\n"
    assert not any(place == "三镇" for place, *_ in summary(run(page, published="2007-02-03", region="泰兴市")))


def test_it_reads_the_share_of_the_plan_reached_as_no_plan():
    page = ("湖滨街道\n\n据统计,1-9月份湖滨街道财政总收入已达29993万元,完成年计划78.52%;"
            "规模以上工业产值完成43.61亿元,同比增长8.4%。\n")
    facts = summary(run(page, published="2007-10-31", region="石狮市"))
    assert ("湖滨街道", 2007, "industrial_output_above_scale", 43.61) in facts
    page = "湖滨街道\n\n湖滨街道计划规模以上工业产值完成50亿元。\n"
    assert metric_facts(page, region="石狮市") == []


def test_it_keeps_the_subject_of_a_sentence_that_says_where_it_lies():
    page = "党家街道概况\n\n2007年,党家街道办事处位于济南市市中区西南部,完成国内生产总值6.93亿元。\n"
    assert summary(run(page, published="2008-01-01", region="市中区")) == {("党家街道", 2007, "gdp", 6.93)}
    # 位于X的Y: Y is the subject
    page = "工业重镇\n\n而位于龙游县的湖镇镇,2024年规上工业产值突破201.8亿元。\n"
    facts = summary(run(page, published="2025-03-01", region="衢州市"))
    assert ("湖镇镇", 2024, "industrial_output_above_scale", 201.8) in facts


def test_it_reads_the_labelled_sections_of_a_profile_as_of_the_place_its_first_section_names():
    page = ("市中区各街道情况介绍\n\n[政区人口] 党家街道办事处位于济南市市中区西南部,面积120平方公里。\n"
            "[经济概况] 2007年完成国内生产总值6.93亿元。\n[政区人口] 兴隆街道办事处位于市中区南部。\n"
            "[经济概况] 2007年完成国内生产总值8.2亿元。\n")
    assert summary(run(page, published="2008-01-01", region="市中区")) == {
        ("党家街道", 2007, "gdp", 6.93), ("兴隆街道", 2007, "gdp", 8.2)}
    # unlabelled paragraphs after a town's keep the district's paper's reading
    page = "市中区经济\n\n党家街道位于市中区西南部。\n\n2007年,全年完成国内生产总值300亿元。\n"
    assert not any(place == "党家街道" for place, *_ in summary(run(page, published="2008-01-01", region="市中区")))


def test_it_takes_no_jianzhizhen_for_a_town():
    page = "全国千强镇\n\n研究对象是具备中小城市特征的建制镇镇区,构建“建制镇综合实力指数”。建制镇GDP总量达10万亿元。\n"
    extraction = run(page, published="2023-08-01", region="黄岛区")
    assert not any(f.place is not None and f.place.name == "建制镇" for f in extraction.facts)
    assert not any(i.place is not None and i.place.name == "建制镇" for i in extraction.initiatives)


def test_it_reads_a_two_character_subdistrict_by_its_short_form_where_the_page_confirms_it():
    page = ("新华街党建\n\n2021年,新华街共组建网格党支部387个。花都区新华街党工委在推行服务的基础上深入落实工作。\n")
    assert summary(run(page, published="2021-10-10", region="花都区")) == {
        ("新华街道", 2021, "grid_party_branches", 387)}
    # a street of that name is no subdistrict
    page = "街道建设\n\n2021年,新华街两旁新增停车位120个。\n"
    assert not any(place == "新华街道" for place, *_ in summary(run(page, published="2021-10-10", region="花都区")))


def test_it_reads_the_value_reached_from_a_start_named_by_a_time():
    page = "互助县发展\n\n2023年,互助县地区生产总值从改革开放之初的7991.5万元提高到133.64亿元,增长169倍。\n"
    assert summary(run(page, published="2024-08-15", region="互助土族自治县")) == {
        ("互助土族自治县", 2023, "gdp", 133.64)}


def test_it_reads_a_community_party_branch_as_the_communitys_not_the_subdistricts():
    page = ("丽园街道建设路社区\n\n2002年,建设路社区位于丽园街道东部。社区党总支部下设三个党支部,现有党员205名。\n")
    facts = summary(run(page, published="2002-06-01", region="哈密市"))
    assert not any(place == "丽园街道" and metric in ("party_members", "party_organizations")
                   for place, _, metric, _ in facts)


def test_it_reads_an_amount_that_leapt_to_its_figure_after_a_ratio_to_an_earlier_year():
    page = "综合实力\n\n渝中区社会消费品零售总额是2020年的1.4倍、跃升至1851.7亿元,居全市第2。\n"
    assert summary(run(page, published="2025-12-01", region="渝中区")) == {
        ("渝中区", 2025, "retail_sales", 1851.7)}


def test_it_reads_a_bare_wanyi_threshold_passed_as_the_figure_over_it():
    page = "工业经济\n\n2024年,苏州市规模以上工业总产值迈上4.7万亿新台阶,比上年增长4.7%。\n"
    assert {(f.metric, float(f.value), f.approx) for f in run(page, published="2025-02-01", region="苏州市").facts
            if f.metric} == {("industrial_output_above_scale", 47000.0, "over"),
                             ("industrial_output_above_scale_growth_pct", 4.7, "exact")}


def test_a_flow_summed_over_the_years_an_average_growth_runs_over_is_no_years_value():
    page = ("五年回顾\n\n五年来,桐乡市累计实现地区生产总值1387亿元,年均增长10.4%;累计实现第三产业增加值695亿元,"
            "年均增长11.7%。2016年1-10月累计完成地区生产总值300亿元,同比增长5%。\n")
    assert summary(run(page, published="2017-01-05", region="桐乡市")) == {
        ("桐乡市", 2016, "gdp", 300), ("桐乡市", 2016, "gdp_growth_pct", 5)}


def test_a_year_run_into_a_name_is_no_span_of_years():
    page = "国民经济\n\n2023年中江县地区生产总值(GDP)466.14亿元,按可比价格计算,比上年增长(可比价)6.1%。\n"
    assert summary(run(page, published="2024-04-01", region="中江县")) == {
        ("中江县", 2023, "gdp", 466.14), ("中江县", 2023, "gdp_growth_pct", 6.1)}


def test_a_goal_quoted_in_brackets_beside_a_result_sets_nothing_for_the_clauses_after_it():
    page = ("经济运行\n\n截至5月份,万和镇规模工业总产值完成16.17亿元(目标79.5亿元,完成20.3%);"
            "固定资产投资完成3.32亿元(目标10.5亿元,完成31.6%);招商引资完成2.57亿元(目标5亿元,完成51.4%)。\n")
    assert summary(run(page, published="2023-06-10", region="东宝区")) == {
        ("万和镇", 2023, "industrial_output_above_scale", 16.17), ("万和镇", 2023, "fixed_asset_investment", 3.32),
        ("万和镇", 2023, "attracted_investment", 2.57)}


def test_the_sectors_of_another_measures_value_added_are_no_shares_of_gdp():
    page = ("国民经济\n\n全年实现地区生产总值435.1亿元。分产业看,第一产业实现增加值66.1亿元。\n"
            "民营经济。全年民营经济增加值272.2亿元,占GDP比重为62.6%。其中,第一产业18.5亿元,增长5.8%;"
            "第二产业168.6亿元,增长7.5%。\n")
    # (A whole year's results printed in April are of the year before.)
    assert summary(run(page, published="2022-04-01", region="泸县")) == {
        ("泸县", 2021, "gdp", 435.1), ("泸县", 2021, "va_primary", 66.1)}


def test_it_reads_the_value_restated_after_a_milestone_with_its_year():
    page = "发展成就\n\nGDP排名跃居至第13位,蒙自市经济总量突破400亿大关,2021年达到447.74亿元。\n"
    assert summary(run(page, published="2022-10-01", region="蒙自市")) == {("蒙自市", 2021, "gdp", 447.74)}


def test_what_each_county_is_to_build_is_no_total():
    page = "养老服务\n\n今年,我市每个县区至少打造1个乡镇养老服务中心。\n"
    assert summary(run(page, published="2022-05-01", region="洛阳市")) == set()


def test_it_pairs_rates_respectively_on_the_same_period_of_last_year_with_the_measures_before():
    page = ("经济运行\n\n今年1至9月,该市地区生产总值221.65亿元,规模以上工业总产值293.2亿元,"
            "分别比上年同期增长5.2%、7.1%。\n")
    assert summary(run(page, published="2016-11-20", region="桂平市")) == {
        ("桂平市", 2016, "gdp", 221.65), ("桂平市", 2016, "gdp_growth_pct", 5.2),
        ("桂平市", 2016, "industrial_output_above_scale", 293.2),
        ("桂平市", 2016, "industrial_output_above_scale_growth_pct", 7.1)}


def test_the_level_reached_after_five_years_is_read_and_slogans_of_aims_and_plans_set_no_goal():
    page = ("工作回顾\n\n五年来,我们坚持“两地”“两高”目标,深入实施“八项行动计划”,“十三五”规划目标任务总体完成,"
            "地区生产总值达到636.4亿元、年均增长7.4%。\n")
    assert summary(run(page, published="2021-01-20", region="北碚区")) == {("北碚区", 2020, "gdp", 636.4)}


def test_the_place_a_ranking_names_first_owns_the_figure_after_it():
    page = "区县经济\n\n2016年,重庆各区县中,GDP最多的为渝北区,为1293.35亿元。\n"
    assert summary(run(page, published="2017-03-01", region="重庆市")) == {("渝北区", 2016, "gdp", 1293.35)}


def test_it_keeps_a_photo_credit_in_brackets_out_of_the_paragraph_after_it():
    # The credit names who took the photo, not where the story happens; run into the paragraph after it, it would
    # be the place of that paragraph's figures.
    text = ("海口網11月21日消息 近日,龙华区遵谭镇开展志愿服务活动。\n\n活动现场。(龙华区供图)\n"
            "活动依托“红色网格”体系,组建了7支由村“两委”、党员、积极分子等构成的志愿服务队。\n")
    facts = summary(run(text, region="龙华区", published="2025-11-21"))
    assert ("遵谭镇", 2025, "volunteer_organizations", 7) in facts
    assert not any(f[0] == "龙华区" for f in facts)


def test_it_reads_a_rate_compared_with_a_named_year_and_keeps_that_year_off_the_figures_after_it():
    facts = summary(run("2012年,三江街道生产总值实现48亿元,同2011年相比增长12.9%;全社会固定资产投资实现21亿元;"
                        "社会消费品零售总额实现13.2亿元。", region="綦江区"))
    assert ("三江街道", 2012, "gdp_growth_pct", 12.9) in facts
    assert ("三江街道", 2012, "fixed_asset_investment", 21) in facts
    assert ("三江街道", 2012, "retail_sales", 13.2) in facts


def test_it_reads_a_breakdown_by_place_in_the_sentence_after_the_total():
    page = ("1至8月 我市新增停车泊位7754个\n"
            "今年1—8月,我市新增停车泊位7754个,缓解了停车难问题。其中巴州区3001个,完成年度任务的100%;"
            "恩阳区670个,完成年度任务67%;南江县960个。\n")
    facts = summary(run(page, region="巴中市", published="2017-09-11"))
    assert {("巴中市", 2017, "parking_spaces_added", 7754), ("巴州区", 2017, "parking_spaces_added", 3001),
            ("恩阳区", 2017, "parking_spaces_added", 670), ("南江县", 2017, "parking_spaces_added", 960)} <= facts
    # A threshold the place passed is no share: its figure follows.
    page = "2021年,嘉兴各县市GDP总量达6355亿元。其中海宁市超千亿元,GDP总量为1196.3亿元。\n"
    assert ("海宁市", 2021, "gdp", 1000) not in summary(run(page, region="嘉兴市", published="2022-02-01"))


def test_it_keeps_the_sectors_of_another_whole_out_of_gdp_within_one_sentence():
    page = "民营经济\n\n全年民营经济增加值142.82亿元,其中:第一产业增加值9.2亿元,第二产业增加值88.29亿元。\n"
    assert not metric_facts(page, published="2023-03-01", region="夹江县")


def test_it_dates_each_value_of_a_span_of_years_listed_one_by_one():
    page = "经济概况\n\n2002 年— 2003 年,文江镇国内生产总值分别为 9850 万元、 9882 万元。\n"
    facts = summary(run(page, region="大田县", published=None))
    assert {("文江镇", 2002, "gdp", 0.985), ("文江镇", 2003, "gdp", 0.9882)} <= facts


def test_it_sets_no_goal_with_a_clause_that_reports_its_goal_met():
    page = ("瑶海区2021年计划执行情况\n\n预计,全年实现地区生产总值突破700亿元,同比增长8%以上,"
            "完成区人代会批准增长8%以上目标;社会消费品零售总额473亿元,同比增长10%。\n")
    assert ("瑶海区", 2021, "retail_sales", 473) in summary(run(page, region="瑶海区", published="2021-12-28"))


def test_it_reads_a_town_named_after_its_district_as_that_town():
    page = ("防城镇\n\n概况\n2005年完成生产总值69196万元。\n防城镇结合实际,发展商贸。"
            "上半年,该镇实现工业总产值24847.2万元。\n防城镇位于城区。\n")
    facts = summary(run(page, region="防城区", published=None))
    assert ("防城镇", 2005, "gdp", 6.9196) in facts
    assert not any(place == "防城区" for place, *_ in facts)


def test_it_keeps_the_sectors_of_another_whole_out_of_gdp_in_the_sentence_after_it():
    page = ("二、民营经济\n全年民营经济增加值155.6亿元,比上年增长1.7%。其中,第一产业增加值15.8亿元,增长4.6%;"
            "第二产业增加值73.0亿元,下降0.6%。\n")
    assert not metric_facts(page, published="2023-03-01", region="营山县")


def test_it_takes_family_planning_for_no_plan():
    page = ("章里集镇\n\n章里集镇组织机构有党政办公室、计划生育服务中心、财政所;下设17个基层党支部,1126名党员。\n")
    facts = summary(run(page, region="临漳县", published="2024-05-01"))
    assert ("章里集镇", 2024, "party_organizations", 17) in facts
    assert ("章里集镇", 2024, "party_members", 1126) in facts


def test_it_takes_a_place_introduced_by_where_it_lies_as_the_subject():
    page = "重庆各区县经济\n\n位于渝东南板块的酉阳县,GDP增速高达13.6%,为重庆各区县增速最高。\n"
    facts = summary(run(page, region="梁平区", published="2024-02-01"))
    assert ("酉阳土家族苗族自治县", 2024, "gdp_growth_pct", 13.6) in facts


def test_it_gives_a_profile_paragraphs_subjectless_figures_to_the_town_it_opens_with():
    page = ("会泽县各街道乡镇情况介绍\n\n会泽县纸厂乡位于会泽县北部,全乡面积101平方公里。立体气候明显。有党员608名,"
            "设16个党支部。\n大井镇属会泽的东大门,距县城81公里。\n")
    [members] = [f for f in run(page, region="会泽县", published="2006-05-01").facts if f.metric == "party_members"]
    assert (members.place.name, members.place_source) == ("纸厂乡", "paragraph")


def test_it_reads_no_gdp_in_a_club_of_places_or_in_the_value_added_of_a_group_of_firms():
    page = ("东莞各镇经济\n\n2016年,常平、大朗等镇也进入了GDP超300亿元的俱乐部。\n"
            "2016年,全区27家规模以上企业实现产值49.45亿元,同比增长3%,实现增加值8.10亿元,同比增长15.4%。\n")
    facts = summary(run(page, region="洞头区", published="2017-01-10"))
    assert not any(metric in ("gdp", "gdp_growth_pct") for *_, metric, _ in facts)


def test_it_reads_the_value_after_a_threshold_leapt_over():
    page = "湖南市州GDP排行\n\n2016年,岳阳市GDP首次跃过3000亿大关,达3100.87亿元,夺得亚军。\n"
    facts = summary(run(page, region="岳阳市", published="2017-02-20"))
    assert ("岳阳市", 2016, "gdp", 3100.87) in facts and ("岳阳市", 2016, "gdp", 3000) not in facts


def test_it_takes_a_citys_short_name_opening_a_clause_after_a_time_as_its_subject():
    page = ("杭州老旧小区累计加梯\n\n本报讯 截至10月底,今年杭州老旧小区新增完工1001台电梯,提前超额完成年度目标任务。"
            "大关街道西一社区目前已加装完成14台电梯。\n")
    facts = summary(run(page, region="拱墅区", published="2022-11-05"))
    assert ("杭州市", 2022, "elevators_installed", 1001) in facts
    # (2022年南昌高新区GDP…: a longer name that starts with the city's short one is that place, not the city.)
    page = "南昌高新区\n\n13日,记者获悉,2022年南昌高新区GDP达1010.24亿元。\n"
    assert summary(run(page, region="南昌高新区", published="2023-02-13")) == {("南昌高新区", 2022, "gdp", 1010.24)}


def test_it_reads_a_rate_opening_the_sentence_after_a_measure_as_that_measures_growth():
    page = "吴家镇\n\n2014年,吴家镇地区生产总值16.27亿元。比2013年增长15.4 %。\n"
    facts = summary(run(page, region="荣昌区", published="2015-03-01"))
    assert ("吴家镇", 2014, "gdp_growth_pct", 15.4) in facts


def test_it_takes_no_town_a_district_lists_among_its_towns_for_the_articles_subject():
    page = ("琼山区\n\n【概况】2020年,琼山区辖国兴、府城4个街道,龙塘、云龙、甲子、旧州7个镇。"
            "全年地区生产总值完成265.07亿元,比上年增长6.8%。\n"
            "实现工业总产值51.6亿元,增长0.8%。海口再生资源综合利用基地项目落户甲子镇。\n")
    facts = summary(run(page, region="琼山区", published=None))
    assert ("琼山区", 2020, "gdp", 265.07) in facts and ("琼山区", 2020, "industrial_output", 51.6) in facts


def test_it_reads_a_rate_reckoned_at_comparable_prices_without_calculation_word():
    page = "兴国县\n\n2021年,兴国县实现地区生产总值225.85亿元,按可比价增长8.3%;完成财政总收入23.07亿元。\n"
    assert ("兴国县", 2021, "gdp_growth_pct", 8.3) in summary(run(page, region="兴国县", published="2022-03-01"))


def test_it_keeps_the_sentence_after_a_provinces_figures_with_the_province():
    page = ("全省2021年经济运行情况\n\n2021年,黑龙江省实现地区生产总值14879.2亿元。按可比价计算,实际同比增长6.1%;"
            "分产业来看,第一产业增加值3463.0亿元,比上年增长6.6%。\n")
    assert summary(run(page, region="望奎县", published="2022-03-01")) == set()
    # A sentence that gives the county's own figures beside the province's rates hands on nothing.
    page = ("凤冈县统计公报\n\n2022年,全县完成地区生产总值100.76亿元,同比增长2.4%,高于全省(1.2%)1.2个百分点。"
            "其中,第一产业增加值36.16亿元,增长3.2%。\n")
    assert ("凤冈县", 2022, "va_primary", 36.16) in summary(run(page, region="凤冈县", published="2023-04-01"))


def test_it_reads_investment_actually_used_from_outside_and_a_real_rate():
    page = "汉滨区\n\n2024年,汉滨区实际使用内资30.2亿元,地区生产总值实现400亿元,实际同比增长5.5%。\n"
    facts = summary(run(page, region="汉滨区", published="2025-02-01"))
    assert {("汉滨区", 2024, "attracted_investment", 30.2), ("汉滨区", 2024, "gdp_growth_pct", 5.5)} <= facts


def test_it_reads_a_figure_with_the_time_between_its_noun_and_its_verb():
    page = "光明街道\n\n2018年,光明街道规模以上工业总产值全年完成116.56亿元,同比下降1.1%。\n"
    facts = summary(run(page, region="光明区", published="2019-02-01"))
    assert {("光明街道", 2018, "industrial_output_above_scale", 116.56),
            ("光明街道", 2018, "industrial_output_above_scale_growth_pct", -1.1)} <= facts


def test_it_sets_no_goal_with_a_result_measured_against_a_plan_and_takes_no_verb_for_a_town():
    page = ("颛桥镇上半年经济\n\n在镇党委的领导下,颛桥镇政府着力培育经济新增长点。完成税收收入23.53亿元,"
            "完成镇人代会年初预算计划38亿元的61.92%;完成规模以上工业总产值131.48亿元,同比增长46.17%。\n")
    facts = summary(run(page, region="闵行区", published="2021-09-01"))
    assert ("颛桥镇", 2021, "industrial_output_above_scale", 131.48) in facts
    assert not any(place == "完成镇" for place, *_ in facts)


def test_it_reads_a_sum_since_a_year_named_as_no_years_figure_and_no_township_in_urban_rural_construction():
    page = ("北京城市副中心\n\n记者获悉,北京城市副中心自2016年启动建设至今,累计完成固定资产投资超9600亿元。\n")
    assert summary(run(page, region="通州区", published="2024-09-20")) == set()
    page = "市住房城乡建设委深入学习。今年以来,全市46个老旧小区改造项目已全部完工。\n"
    assert not any(place == "市住房城乡" for place, *_ in summary(run(page, region="天津市", published=None)))


def test_it_takes_a_county_dividing_its_communities_for_no_community():
    page = "通山县\n\n2017年,该县将全县社区划分为253个网格。\n"
    assert ("通山县", 2017, "grid_count", 253) in summary(run(page, region="通山县", published="2018-01-01"))


def test_it_reads_growth_on_last_year_written_short_and_figures_at_current_prices_or_entered_in_statistics():
    page = ("云和县\n\n2021年全县生产总值现价总量为972846万元,比上年增9.6%。全县固定资产投资纳统65.92亿元,"
            "全县规工产值190.44亿元,较上年降3.1%。\n")
    facts = summary(run(page, region="云和县", published="2022-03-01"))
    assert ("云和县", 2021, "gdp", 97.2846) in facts and ("云和县", 2021, "gdp_growth_pct", 9.6) in facts
    assert ("云和县", 2021, "fixed_asset_investment", 65.92) in facts
    assert ("云和县", 2021, "industrial_output_above_scale", 190.44) in facts
    assert ("云和县", 2021, "industrial_output_above_scale_growth_pct", -3.1) in facts
    # (增加 after 比上年 is the amount added, not the rate: 比上年增加3个 stays a count of its own)
    assert not [f for f in metric_facts("三江街道\n\n2021年,三江街道网格比上年增加3个。\n", region="綦江区")
                if f.metric == "grid_count"]


def test_it_reads_the_counts_of_a_sentence_opening_with_其中_as_parts_of_the_count_before():
    page = "塌山乡\n\n下辖基层党支部13个。其中,农村党支部9个,老干部党支部1个。共有党员308名。\n"
    facts = summary(run(page, region="宽城满族自治县", published="2019-05-01"))
    assert facts == {("塌山乡", 2019, "party_organizations", 13), ("塌山乡", 2019, "party_members", 308)}
    # (a money figure after 其中 is a place's or a sector's share, read by its own rules)
    page = ("成都都市圈\n\n2023年,都市圈实现社会消费品零售总额12232亿元。"
            "其中,成都市实现社会消费品零售总额10001.6亿元。\n")
    assert ("成都市", 2023, "retail_sales", 10001.6) in summary(run(page, region="成都市", published="2024-02-01"))


def test_a_bare_output_continues_the_above_scale_firms_its_sentence_opened_with():
    page = ("睢宁县\n\n2011年,全县规模工业企业235家,实现产值380亿元。规模以上工业企业完成增加值226.4亿元,"
            "增长15.7%;总产值928.36亿元,增长25.2%。全县规模以上工业企业30家,农业总产值5亿元。\n")
    facts = summary(run(page, region="睢宁县", published="2012-03-01"))
    assert ("睢宁县", 2011, "industrial_output_above_scale", 380) in facts
    assert ("睢宁县", 2011, "industrial_output_above_scale", 928.36) in facts
    assert ("睢宁县", 2011, "industrial_output_above_scale_growth_pct", 25.2) in facts
    assert not [f for f in facts if f[3] == 5]


def test_it_pairs_nouns_listed_right_before_a_run_of_as_many_values_in_order():
    page = ("大祥区\n\n2007年全区分别实现生产总值、财政总收入、固定资产投资42.24亿元、1.43亿元、10.65亿元,"
            "分别同比增长14.5%、16.86%、34.2%。\n")
    facts = summary(run(page, region="大祥区", published="2008-05-01"))
    assert facts == {("大祥区", 2007, "gdp", 42.24), ("大祥区", 2007, "fixed_asset_investment", 10.65),
                     ("大祥区", 2007, "gdp_growth_pct", 14.5)}
    # (values apart by a comma are no run: 党员突击队、志愿服务队578支,3200余名网格员…)
    page = "武强县\n\n该县组织党员突击队、志愿服务队578支,3200余名网格员主动扛重活。\n"
    assert ("武强县", 2023, "grid_workers", 3200) in summary(run(page, region="武强县"))


def test_it_reads_the_level_a_measure_reached_right_after_its_growth():
    page = ("牟定县\n\n2021年,全县地区生产总值增长12.6%达92.9亿元,第一产业增长9.1%达21.2亿元,"
            "招商引资增长25.9%达87.7亿元。人均收入增长8%达3万元。\n")
    facts = summary(run(page, region="牟定县", published="2022-02-01"))
    assert {("牟定县", 2021, "gdp", 92.9), ("牟定县", 2021, "gdp_growth_pct", 12.6),
            ("牟定县", 2021, "va_primary", 21.2), ("牟定县", 2021, "attracted_investment", 87.7)} <= facts
    assert not [f for f in facts if f[3] == 3]


def test_a_rate_on_an_older_base_beside_the_rate_on_the_year_before_is_no_growth():
    page = "武昌区\n\n2021年上半年地区生产总值完成779.43亿元,同比增长22.3%,较2019年同期增长4.9%。\n"
    facts = summary(run(page, region="武昌区", published="2021-08-01"))
    assert ("武昌区", 2021, "gdp_growth_pct", 22.3) in facts
    assert not [f for f in facts if f[3] == 4.9]


def test_a_sentence_of_rates_between_another_wholes_value_added_and_其中_keeps_that_whole_the_subject():
    page = ("乐山市统计公报\n\n2024年,全市地区生产总值2530亿元。二、民营经济\n\n"
            "全年民营经济增加值1553.73亿元,比上年增长4.2%。民营经济拉动地区生产总值增长2.6个百分点,贡献率为58.6%。其中,第一产业增加值255.51亿元,增长2.7%。\n")
    facts = summary(run(page, region="乐山市", published="2025-03-20"))
    assert ("乐山市", 2024, "gdp", 2530) in facts
    assert not [f for f in facts if f[2] == "va_primary"]


def test_it_counts_a_label_glossed_in_brackets_as_the_glossed_thing():
    page = "桔洲治理\n\n2024年,桔子洲街道划分四级网格(微网格)1082个,社零3.76亿元。\n"
    assert summary(run(page, published="2025-01-20", region="岳麓区")) == {
        ("桔子洲街道", 2024, "micro_grid_count", 1082), ("桔子洲街道", 2024, "retail_sales", 3.76)}


def test_it_keeps_a_place_built_on_in_the_frame_off_the_figure():
    page = "桔洲治理\n\n2024年,桔子洲街道在全区网格工作的基础上,划分微网格1082个。\n"
    assert summary(run(page, published="2025-01-20", region="岳麓区")) == {
        ("桔子洲街道", 2024, "micro_grid_count", 1082)}


def test_it_reads_figures_in_brackets_after_a_total_as_its_parts():
    page = "鸡冠党建\n\n目前,鸡冠区委共有党的基层组织421个(党委10个,党总支部34个,党支部377个),党员10657名。\n"
    assert summary(run(page, published="2023-08-10", region="鸡冠区")) == {
        ("鸡冠区", 2023, "party_organizations", 421), ("鸡冠区", 2023, "party_members", 10657)}


def test_it_reads_no_count_from_what_a_quoted_name_stands_for():
    page = "钟山治理\n\n2022年,钟山县落实“一格两员”(即1个网格、1名网格党建指导员、1名网格员)。\n"
    assert summary(run(page, published="2022-08-10", region="钟山县")) == set()


def test_it_reads_no_figure_replaced_by_a_revision():
    page = ("花溪经济\n\n(注:2019年花溪区生产总值、第二产业增加值分别由614.26亿元、352.16亿元"
            "修订为605.78亿元、339.34亿元。)\n")
    found = summary(run(page, published="2021-03-01", region="花溪区"))
    assert not {f for f in found if f[3] in (614.26, 352.16)}
