"""Tables flattened into "|" cells: rankings by place, histories by year, a bulletin's indicators."""

from reports.extract.tables import find_tables

from .helpers import run, summary

RANKING = ("2021年嘉兴实现地区生产总值6355.28亿元。\n"
           "GDP排行 | 区域 | 2021年GDP(亿元) | 增速(%) |\n"
           "1 | 海宁市 | 1196.3 | 7 |\n"
           "2 | 桐乡市 | 1141.69 | -0.5 |\n"
           "3 | 经开 | 395.02 | 6.1 |\n")


def test_it_reads_a_ranking_by_place_with_its_measure_year_and_unit_from_the_header():
    facts = summary(run(RANKING, published="2022-02-10", region="嘉兴市"))
    assert {("海宁市", 2021, "gdp", 1196.3), ("海宁市", 2021, "gdp_growth_pct", 7),
            ("桐乡市", 2021, "gdp", 1141.69), ("桐乡市", 2021, "gdp_growth_pct", -0.5)} <= facts
    assert not any(value == 395.02 for _, _, _, value in facts)  # 经开: a label no gazetteer places


def test_it_reads_a_history_by_year_and_leaves_measures_out_of_the_catalogue():
    page = ("重庆市经济\n\n重庆市历年GDP对比表 年份 | GDP(亿元) | 增速(%) | 人均收入(元) |"
            " 2018年 | 20363.19 | 6 | 26386 | 2017年 | 19500.27 | 9.3 | 24153 |\n")
    assert summary(run(page, published="2019-03-01", region="重庆市")) == {
        ("重庆市", 2018, "gdp", 20363.19), ("重庆市", 2018, "gdp_growth_pct", 6),
        ("重庆市", 2017, "gdp", 19500.27), ("重庆市", 2017, "gdp_growth_pct", 9.3)}


def test_it_reads_a_table_of_indicators_with_the_unit_printed_above_it():
    page = ("通化市2021年国民经济和社会发展统计公报\n\n表1:地区生产总值及增速\n单位:亿元\n指 标 |\n2021年 |\n"
            "比上年增减(±%) |\n地区生产总值 |\n567.9 |\n6.8 |\n工业 |\n111.9 |\n8.1 |\n第一产业 |\n66.9 |\n5.5 |\n")
    assert summary(run(page, published="2022-04-01", region="通化市")) == {
        ("通化市", 2021, "gdp", 567.9), ("通化市", 2021, "gdp_growth_pct", 6.8),
        ("通化市", 2021, "va_primary", 66.9)}


def test_it_skips_a_column_of_goals():
    page = ("工作报告\n\n指标名称 | 2023年预期目标(亿元) | 2023年完成情况(亿元) | 地区生产总值 | 2100 | 2020 |"
            " 固定资产投资 | 400 | 365 |\n")
    facts = summary(run(page, published="2024-01-20", region="武昌区"))
    assert ("武昌区", 2023, "gdp", 2020) in facts
    assert not any(value in (2100, 400) for _, _, _, value in facts)


def test_it_finds_no_table_in_a_menu_or_in_prose_with_a_few_bars():
    assert find_tables("首页 | 新闻中心 | 政务公开 | 办事服务 | 互动交流 | 专题专栏 |") == []
    assert find_tables("全区GDP达到120亿元 | 增长5% | 居全市第一。") == []


def test_rows_of_a_table_printed_line_by_line_open_no_articles():
    from reports.extract.layout import paragraphs

    paras = paragraphs("嘉兴经济\n\n全市生产总值6355.28亿元。\nGDP排行 | 区域 | 2021年GDP(亿元) |\n"
                       "1 | 海宁市 | 1196.3 |\n")
    assert [(p.kind, p.row) for p in paras[-2:]] == [("body", True), ("body", True)]


def test_a_column_of_shares_is_no_rate_of_growth():
    page = ("九龙坡区2023年国民经济和社会发展统计公报\n\n指标 | 绝对值(亿元) | 比上年增长(%) | 比重(%) |"
            " 地区生产总值 | 1867.07 | 6.5 | 100.0 | 第三产业 | 1001.2 | 7.1 | 53.6 |\n")
    assert summary(run(page, published="2024-04-01", region="九龙坡区")) == {
        ("九龙坡区", 2023, "gdp", 1867.07), ("九龙坡区", 2023, "gdp_growth_pct", 6.5),
        ("九龙坡区", 2023, "va_tertiary", 1001.2)}


def test_a_sentence_ending_in_a_cell_of_a_flattened_list_ends_its_paragraph():
    page = ("桑植县乡镇\n\n澧源镇位于桑植县南部,全镇有初级中学2所。 |\n"
            "瑞塔铺镇位于桑植县城东部。总人口5.8万多人,2015年末,全镇国民生产总值7.8亿元。\n")
    assert summary(run(page, published="2016-05-01", region="桑植县")) == {("瑞塔铺镇", 2015, "gdp", 7.8)}


def test_a_column_without_a_unit_takes_the_one_the_text_prints_after_one_of_its_figures():
    page = ("重庆各区县GDP\n\n初步核算,2022年重庆市年实现地区生产总值29129.03亿元,比上年增长2.6%。\n"
            "年份/各区县 | 2022年GDP | 2021年GDP |\n重庆市 | 29129.03 | 27894.02 |\n渝北区 | 2297.11 | 2235.61 |\n"
            "九龙坡区 | 1763.94 | 1736.38 |\n")
    facts = summary(run(page, published="2023-05-01", region="重庆市"))
    assert {("渝北区", 2022, "gdp", 2297.11), ("渝北区", 2021, "gdp", 2235.61),
            ("九龙坡区", 2021, "gdp", 1736.38), ("重庆市", 2021, "gdp", 27894.02)} <= facts


def test_a_column_without_a_unit_the_text_never_prints_is_not_read():
    page = ("各区县GDP\n\n年份/各区县 | 2022年GDP | 2021年GDP |\n渝北区 | 2297.11 | 2235.61 |\n"
            "九龙坡区 | 1763.94 | 1736.38 |\n")
    assert summary(run(page, published="2023-05-01", region="重庆市")) == set()


def test_a_column_of_units_gives_each_row_its_unit():
    page = ("福田区经济发展数据(2016年1-3月)\n\n指标名称 | 单位 | 1季度累计 | 增长速度(±%) |\n"
            "地区生产总值 | 亿元 | 770.79 | 8.0 |\n第一产业 | 亿元 | 0.32 | 34.2 |\n第三产业 | 亿元 | 716.11 | 8.7 |\n")
    assert summary(run(page, published="2016-05-06", region="福田区")) == {
        ("福田区", 2016, "gdp", 770.79), ("福田区", 2016, "gdp_growth_pct", 8.0),
        ("福田区", 2016, "va_primary", 0.32), ("福田区", 2016, "va_tertiary", 716.11)}


def test_it_reads_a_table_copied_a_cell_a_line_with_spaced_out_place_names_and_the_measure_in_its_title():
    page = ("上半年海口GDP达797.49亿元\n\n会上公布2018年上半年各市县地区生产总值及增速情况。\n\n"
            "附表:2018年上半年各市县地区生产总值及增速\n\n市    县\n\n绝对数\n\n(亿元)\n\n比上年同期增长\n\n(%)\n\n"
            "东部地区\n\n1542.49\n\n6.6\n\n文 昌 市\n\n122.07\n\n3.5\n\n陵 水 县\n\n78.35\n\n1.1\n\n"
            "五指山市\n\n13.58\n\n0.6\n")
    facts = summary(run(page, region="海口市", published="2018-07-18"))
    assert {("文昌市", 2018, "gdp", 122.07), ("文昌市", 2018, "gdp_growth_pct", 3.5),
            ("陵水黎族自治县", 2018, "gdp", 78.35), ("五指山市", 2018, "gdp", 13.58)} <= facts
    assert not [f for f in facts if f[3] == 1542.49]  # a region of the province is no place compared


def test_it_reads_no_table_from_short_lines_without_figures():
    page = "三江街道\n\n" + "\n\n".join(["网格治理", "党建引领", "志愿服务", "养老服务", "老旧小区", "便民服务",
                                         "平安建设", "文明实践", "产业发展", "招商引资"]) + "\n"
    assert summary(run(page, region="綦江区")) == set()
