"""Stage 4: the year each figure is about."""

from datetime import date

from reports.extract.catalogue import default_catalogue
from reports.extract.years import default_year, year_mentions

from .helpers import metric_facts, run, seed, summary


def _years(text, published="2023-07-15"):
    return [m.year for m in year_mentions(text, date.fromisoformat(published) if published else None)]


def test_it_reads_explicit_years_with_or_without_a_space():
    assert _years("2022年,三江街道…2023 年,圣泉街道…二〇二四年…2022年度民主生活会") == [2022, 2023, 2024, 2022]


def test_it_reads_relative_years_against_the_publication_date():
    assert _years("今年上半年…去年以来不算…去年…前年…明年") == [2023, 2022, 2021, 2024]


def test_it_reads_a_bare_年底_in_january_as_the_year_just_ended():
    assert _years("年底完成改造", published="2024-01-20") == [2023]
    assert _years("年底完成改造", published="2024-09-20") == [2024]


def test_it_does_not_take_a_comparison_with_last_year_as_the_year():
    assert _years("比上年增长8.5%,较上年提高") == []


def test_it_ignores_years_of_age_and_decades():
    assert _years("上世纪90年代,2000年龄段") == []
    assert _years("出处:《当代经济》2012年第21期") == []


def test_it_dates_a_review_published_in_january_to_the_year_before():
    assert default_year(date(2024, 1, 15), "2023年,街道预计实现地区生产总值51亿元") == 2023
    assert default_year(date(2024, 1, 15), "去年以来,街道持续推进") == 2023


def test_it_keeps_a_march_report_of_this_years_first_months_in_this_year():
    text = "今年以来,1至2月份,镇赉县规上工业总产值实现4.5亿元,同比增长10.9%,比去年同期提升7.2个百分点。"
    assert default_year(date(2023, 3, 23), text) == 2023


def test_it_dates_an_undated_bulletin_by_its_title_not_by_the_month_its_office_signed_it():
    page = ("2022年驿城区国民经济和社会发展统计公报\n\n驻马店市驿城区统计局\n2023年5月\n\n"
            "初步核算,全区生产总值608.88亿元,比上年增长5.0%。\n")
    assert {(f.metric, f.year) for f in metric_facts(page, published=None, region="驿城区")} == {
        ("gdp", 2022), ("gdp_growth_pct", 2022)}
    assert default_year(None, "2022年驿城区国民经济和社会发展统计公报。2023年5月全区…") == 2022


def test_a_rate_on_a_named_year_dates_a_paragraph_that_names_no_other():
    page = "汨罗市\n\n全年地区生产总值102.8亿元,比2007年增长17%。第一产业增加值22.7亿元,增长5%。\n"
    assert {(f.metric, f.year) for f in metric_facts(page, published="2015-03-18", region="汨罗市")} == {
        ("gdp", 2008), ("gdp_growth_pct", 2008), ("va_primary", 2008)}
    named = "汨罗市\n\n2013年,全市地区生产总值102.8亿元,比2012年增长17%,比2010年增长了1.5倍。\n"
    assert {(f.metric, f.year) for f in metric_facts(named, published="2015-03-18", region="汨罗市")} == {
        ("gdp", 2013), ("gdp_growth_pct", 2013)}


def test_a_half_year_government_report_is_of_its_own_year():
    page = "中山街道2023年上半年政府工作报告\n\n1-5月份新落户企业839户,注册资本35.46亿元。\n"
    assert {(f.metric, f.year) for f in metric_facts(page, published="2023-08-09", region="松江区")} == {
        ("enterprises_new", 2023)}


def test_values_of_a_fenbie_run_after_listed_years_take_those_years_in_order():
    page = "乌鲁木齐招商\n\n数据显示,乌鲁木齐市2021年和2020年招商引资到位资金分别为1021.19亿元和755.64亿元。\n"
    assert {(f.metric, f.year, float(f.value)) for f in metric_facts(page, published="2022-12-26",
                                                                      region="乌鲁木齐市")} == {
        ("attracted_investment", 2021, 1021.19), ("attracted_investment", 2020, 755.64)}


def test_the_base_year_of_a_computed_rate_dates_no_figure():
    page = ("2021年重庆市经济运行情况\n\n根据统一核算结果,全年全市实现地区生产总值27894.02亿元,比上年增长8.3%,"
            "两年平均增长6.1%(两年平均增速是指以2019年相应同期数为基数,采用几何平均的方法计算的增速,下同)。\n")
    assert {(f.metric, f.year) for f in metric_facts(page, published="2022-02-09", region="重庆市")} == {
        ("gdp", 2021), ("gdp_growth_pct", 2021)}


def test_it_dates_ordinary_news_to_the_publication_year():
    assert default_year(date(2024, 1, 15), "日前,街道举办活动") == 2024
    assert default_year(date(2023, 7, 15), "街道举办活动") == 2023


def test_it_leaves_the_year_unknown_without_a_date_or_an_explicit_year():
    facts = metric_facts("玉林街道网格\n\n玉林街道划分网格42个。\n", published=None, region="武侯区")
    assert [f.year for f in facts] == [None]


def test_it_dates_an_undated_page_by_the_day_it_counts_to_but_not_by_a_goal():
    assert default_year(None, "1-6月,园区实现规上工业产值609亿元。截至2021年7月22日,新增户数8590户。") == 2021
    assert default_year(None, "截止到2022年底,全镇建成网格30个。") == 2022
    assert default_year(None, "全镇建成网格30个,到2025年建成50个。") is None


def test_it_takes_the_year_of_the_sentence_over_the_articles():
    page = "玉林街道停车\n\n去年,玉林街道新建停车场3个。今年,玉林街道新建停车场4个。\n"
    facts = metric_facts(page, published="2024-02-20", region="武侯区")
    assert [(f.year, f.value) for f in facts] == [(2023, 3), (2024, 4)]


def test_it_takes_the_year_of_the_paragraph():
    page = "玉林街道\n\n2021年,玉林街道开展治理。街道新建停车场3个。\n"
    facts = metric_facts(page, published="2023-08-01", region="武侯区")
    assert [f.year for f in facts] == [2021]


def test_it_dates_seed_pages_as_the_gold_does():
    assert {f.year for f in seed("000").facts if f.metric} == {2023}
    assert {f.year for f in seed("004").facts if f.metric} == {2022}
    # the gold allows the time of writing for the counts of a report on 2023 printed in March 2024
    stock = {m.key for m in default_catalogue().metrics if m.stock}
    assert {f.year for f in seed("003").facts if f.metric and f.metric not in stock} == {2023}
    assert {f.year for f in seed("003").facts if f.metric in stock} <= {2023, 2024}
    assert seed("001").articles[0].year == 2023  # 2022年度 in its lead does not date it


def test_it_reads_今年以来_as_this_year_but_去年以来_as_no_single_year():
    assert _years("今年以来…去年以来…年初以来", published="2024-02-20") == [2024, 2024]


def test_it_reads_a_bare_年初_or_上半年_in_a_january_review_as_the_year_reviewed():
    assert _years("年初,街道调整网格;上半年完成", published="2024-01-16") == [2023, 2023]
    assert _years("年初,街道调整网格", published="2024-06-16") == [2024]


def test_it_returns_to_the_articles_year_after_目前():
    text = "福州温泉街道网格精细化\n\n去年底,温泉街道将网格由48个调整为61个。目前,街道共有专职网格员61名。\n"
    found = {(f.metric, f.year) for f in metric_facts(text, published="2022-09-14", region="鼓楼区")}
    assert found == {("grid_count", 2021), ("grid_workers", 2022)}


def test_it_does_not_date_a_figure_by_a_year_named_after_a_semicolon():
    text = "长塘镇补齐养老短板\n\n全镇共有镇敬老院1所;去年还在军山社区建成日间照料中心1个。\n"
    found = {(f.note, f.year) for f in metric_facts(text, published="2025-07-22", region="青秀区")}
    assert found == {("镇敬老院", 2025), ("日间照料中心", 2024)}


def test_it_reads_a_full_year_of_months_printed_early_in_the_next_year_as_the_year_before():
    from .helpers import run, summary
    page = ("上盘镇2023年工作总结\n\n今年以来,全镇经济稳健发展。"
            "1-12月全镇实现规上工业总产值16886.11万元,同比增长18.4%。\n")
    facts = summary(run(page, published="2024-02-01", region="临海市"))
    assert facts == {("上盘镇", 2023, "industrial_output_above_scale", 1.688611),
                     ("上盘镇", 2023, "industrial_output_above_scale_growth_pct", 18.4)}


def test_it_dates_a_period_since_a_year_to_now_and_reads_a_dated_report_against_its_own_year():
    from .helpers import run, summary
    page = "太原织密大网格\n\n我市自2022年印发实施方案以来,全市明确建设标准。同时,在全市共划分网格8967个。\n"
    assert summary(run(page, published="2024-07-30", region="太原市")) == {("太原市", 2024, "grid_count", 8967)}
    page = ("江岸区2024年国民经济和社会发展计划执行情况的报告\n\n"
            "今年以来,全区经济运行稳中有进。预计全年地区生产总值突破1700亿元。\n")
    assert summary(run(page, published="2025-06-04", region="江岸区")) == {("江岸区", 2024, "gdp", 1700)}


def test_it_dates_a_count_as_of_the_day_of_writing_to_the_year_written_even_in_a_review():
    from .helpers import run, summary
    page = "江津区网格化管理\n\n去年,全区推进网格化管理。截至目前,全区已有1148个网格。\n"
    assert summary(run(page, published="2015-02-12", region="江津区")) == {("江津区", 2015, "grid_count", 1148)}


def test_it_dates_an_undated_count_printed_early_in_the_year_to_the_year_written_unless_the_article_looks_back():
    from .helpers import run, summary
    news = ("中和镇开展志愿服务\n\n" + "中和镇举办志愿服务活动,志愿者走进院落为群众理发、义诊、宣讲政策。" * 6
            + "全镇共有党员397名。\n\n去年全镇实现地区生产总值51亿元。\n")
    assert summary(run(news, published="2025-02-11", region="开州区")) == {
        ("中和镇", 2024, "gdp", 51), ("中和镇", 2025, "party_members", 397)}
    review = "中和镇:稳中求进\n——中和镇2024年经济社会发展综述\n\n全镇经济稳步增长。全镇共有党员397名。\n"
    assert summary(run(review, published="2025-02-11", region="开州区")) == {("中和镇", 2024, "party_members", 397)}


def test_it_dates_no_figure_by_the_years_of_a_place_s_history_told_before_it():
    from .helpers import run, summary
    page = ("平马镇概况\n\n1949年县人民政府在平马乡宣告成立,1996年撤乡建镇,1997年被命名为革命老区镇。"
            "平马镇党委下设58个党支部,党员680名。\n")
    assert summary(run(page, published="2015-10-30", region="横州市")) == {
        ("平马镇", 2015, "party_organizations", 58), ("平马镇", 2015, "party_members", 680)}


def test_it_reads_今年_after_the_year_before_named_in_a_january_report_as_that_year():
    assert _years("2024年是关键之年。今年以来,我们…", published="2025-01-27") == [2024, 2024]
    assert _years("今年以来,我们…", published="2025-01-27") == [2025]
    assert _years("2024年是关键之年。今年以来,我们…", published="2025-06-27") == [2024, 2025]


def test_it_takes_去年同期_for_a_base_of_comparison_not_the_time_of_a_figure():
    assert _years("面对去年同期高基数,一季度全区实现…;去年,全区…", published="2022-08-29") == [2021]


def test_it_keeps_a_date_stamp_to_its_own_sentence():
    from .helpers import run, summary
    page = "中和镇简介\n\n中和镇辖3个社区15个村,截至2023年末有户籍人口58347人。下辖基层党组织26个。\n"
    assert summary(run(page, published="2025-03-11", region="开州区")) == {("中和镇", 2025, "party_organizations", 26)}
    page = "中和镇简介\n\n截至2023年末,中和镇下辖基层党组织26个。\n"
    assert summary(run(page, published="2025-03-11", region="开州区")) == {("中和镇", 2023, "party_organizations", 26)}


def test_it_reads_the_completion_report_of_a_year_s_work_report_as_that_year():
    from .helpers import run, summary
    page = "万州区2020年政府工作报告完成情况\n\n预计完成规上工业总产值330亿元、同比增长5%。\n"
    assert summary(run(page, published="2021-03-24", region="万州区")) == {
        ("万州区", 2020, "industrial_output_above_scale", 330),
        ("万州区", 2020, "industrial_output_above_scale_growth_pct", 5)}


def test_it_dates_an_undated_page_by_the_latest_year_it_names_leaving_goals_out():
    from .helpers import run, summary
    page = "圣泉街道概况\n\n截至2010年底,街道有富余劳动力3900人,党员973人。力争到2015年建成示范街道。\n"
    assert summary(run(page, published=None, region="江津区")) == {("圣泉街道", 2010, "party_members", 973)}
    page = "圣泉街道概况\n\n街道共有党员973人。\n"
    assert summary(run(page, published=None, region="江津区")) == {("圣泉街道", None, "party_members", 973)}


def test_it_reads_jie_zhi_dao_a_date_as_a_date_not_a_goal():
    from .helpers import run, summary
    page = "深圳商事主体\n\n截止到2020年10月底,深圳市共有商事主体3511234户。\n"
    facts = summary(run(page, published="2020-11-20", region="深圳市"))
    assert facts == {("深圳市", 2020, "market_entities_total", 3511234)}


def test_it_does_not_date_a_figure_by_the_start_of_the_year_its_goal_was_set():
    from .helpers import run, summary
    page = ("政府工作报告\n\n一、2022年工作回顾\n\n"
            "固定资产投资完成77.28亿元,超额完成年初预定目标,总量排名全市第四。\n")
    assert summary(run(page, region="灵丘县", published="2023-04-27")) == {
        ("灵丘县", 2022, "fixed_asset_investment", 77.28)}


def test_it_dates_an_article_whose_lead_opens_with_a_span_by_the_year_of_its_next_sentence():
    from .helpers import run, summary
    page = ("开放强市\n\n汤祚国:去年以来,开放强市战略在全市层层落实。2017年,我市打好了首场仗。\n\n"
            "二是消费市场稳中向好。社会消费品零售总额达1172.6亿元。\n")
    assert summary(run(page, region="常德市", published="2018-06-26")) == {("常德市", 2017, "retail_sales", 1172.6)}


def test_it_reads_a_bare_half_after_a_named_year_as_that_years_half():
    text = "2021年全区实现生产总值752.14亿元。一季度、上半年、前三季度和全年GDP增速分别为18.8%、9.6%、8.7%和6.2%。"
    assert [m.year for m in year_mentions(text, date(2022, 7, 18))] == [2021, 2021]
    # with no year named before it, 上半年 printed in July is that year's
    assert [m.year for m in year_mentions("上半年,全区实现生产总值300亿元。", date(2022, 7, 18))] == [2022]


def test_growth_on_the_base_year_of_a_five_year_plan_dates_nothing():
    page = "渝中区\n\n一、“十四五”时期工作回顾\n\n地区生产总值实现1781.8亿元、较2020年增长30%。\n"
    assert {(f.metric, f.year) for f in metric_facts(page, published="2026-01-26", region="渝中区")} == {
        ("gdp", 2025)}


def test_a_bracketed_year_and_month_under_a_bulletins_title_is_when_it_was_signed():
    page = ("青岛西海岸新区 2022年国民经济和社会发展统计公报\n\n  青岛西海岸新区统计局\n\n  (2023 年 4 月)\n\n"
            "  一 、综 合\n\n  全区实现生产总值 4691.85 亿元,比上年增长 4.8%。其中城镇常住人口 165.18 万人,"
            "其中城镇居民人均可支配收入增长5%。\n")
    assert summary(run(page, published=None, region="黄岛区")) == {
        ("黄岛区", 2022, "gdp", 4691.85), ("黄岛区", 2022, "gdp_growth_pct", 4.8)}


def test_the_first_months_of_the_year_in_a_page_of_march_are_of_this_year():
    page = ("红塔区1-2月经济运行\n\n1-2月红塔区统筹推进疫情防控,受2020年同期基数较低等因素影响,主要指标增速较高。\n"
            "1-2月,全区工业总产值(现价,下同)完成241.94亿元,同比增长25.5%,比2019年1-2月份增长32.1%。"
            "其中:全区规模以上工业总产值完成234.21亿元,比去年同期增长26.3%。\n")
    assert {(f.metric, f.year) for f in metric_facts(page, published="2021-03-22", region="红塔区")} == {
        ("industrial_output", 2021), ("industrial_output_growth_pct", 2021),
        ("industrial_output_above_scale", 2021), ("industrial_output_above_scale_growth_pct", 2021)}


def test_a_milestone_passed_in_an_earlier_year_dates_nothing_after_it():
    page = ("金溪县经济\n\n初步测算,2022年,我县地区生产总值达到115.77亿元,这是继2021年突破100亿元之后,又跃上新的台阶。"
            "其中,第一产业增加值15.17亿元。\n")
    assert {(f.metric, f.year) for f in metric_facts(page, published="2023-02-20", region="金溪县")} == {
        ("gdp", 2022), ("va_primary", 2022)}


def test_a_lead_that_describes_its_place_first_takes_its_year_from_the_sentence_that_opens_with_one():
    page = ("运粮湖管理区概况\n\n运粮湖管理区是潜江市西部口子镇,总人口1.44万人。2021年,运粮湖管理区贯彻落实各项部署。\n"
            "全年全区地区生产总值11.38亿元,增长10.3%。\n")
    assert {(f.metric, f.year) for f in metric_facts(page, published="2023-11-29", region="潜江市")} == {
        ("gdp", 2021), ("gdp_growth_pct", 2021)}


def test_it_dates_an_undated_whole_year_result_in_a_page_printed_before_the_year_ends_to_the_year_before():
    page = ("甘 霖 镇\n【概况】位于市区西南部,辖71个行政村。全年实现地区生产总值40.49亿元,增长16.8%。"
            "完成全社会固定资产投资9.9亿元。\n")
    facts = summary(run(page, region="嵊州市", published="2014-09-03"))
    assert ("甘霖镇", 2013, "gdp", 40.49) in facts and ("甘霖镇", 2013, "fixed_asset_investment", 9.9) in facts
    # The year's task or plan is no result: the quarter's figure stays of the year under way.
    page = ("一季度平坝固定资产投资25.4亿\n平坝县一季度共完成固定资产投资25.4亿元,同比增长308.36%,"
            "为完成全年固定资产投资任务奠定了坚实的基础。\n")
    facts = summary(run(page, region="平坝县", published="2013-04-22"))
    assert ("平坝县", 2013, "fixed_asset_investment", 25.4) in facts


def test_it_dates_a_count_said_to_stand_now_to_the_printing_even_in_a_review_of_the_year_before():
    page = ("邢台开发区提高养老服务机构覆盖率\n邢台经济开发区2014年大力建设社区居家养老服务中心。"
            "目前,该区已有4所社区居家养老服务中心和80所农村互助幸福院。\n")
    facts = summary(run(page, region="邢台经济开发区", published="2015-01-26"))
    assert ("邢台经济开发区", 2015, "elderly_care_sites", 4) in facts


def test_it_dates_the_first_month_of_the_new_year_to_the_year_just_begun():
    page = "临泽镇开门红\n近日,该镇再次传来喜讯:新年的首月,临泽镇实现工业总产值2.4亿元,同比上升40%。\n"
    assert ("临泽镇", 2008, "industrial_output", 2.4) in summary(run(page, region="高邮市", published="2008-03-03"))


def test_it_dates_an_estimate_in_a_january_report_on_the_year_just_ended_to_that_year():
    page = ("某区人代会开幕\n某区正式挂牌成立一年以来,圆满完成了全年目标任务。"
            "预计地区生产总值超过2100亿元,增长8.8%左右。\n")
    facts = summary(run(page, region="龙华区", published="2018-01-24"))
    assert ("龙华区", 2017, "gdp", 2100) in facts


def test_it_dates_what_stands_after_a_span_since_an_earlier_year_to_the_printing():
    assert _years("2019年以来,该乡在全乡建立了28个网格", published="2021-01-04") == [None]
    # The span of the year under way is that year.
    assert _years("2021年以来,全乡新建网格28个", published="2021-09-04") == [2021]
    page = "龙溪乡织密网格\n2019年以来,该乡在全乡建立了28个网格,将393名党员纳入网格。\n"
    assert ("龙溪乡", 2021, "grid_count", 28) in summary(run(page, region="天台县", published="2021-01-04"))


def test_it_reads_a_year_typed_with_chinese_and_arabic_digits_mixed():
    assert _years("截止二000年底,全镇国民生产总值达10.7亿元", published="2008-05-01") == [2000]


def test_it_does_not_take_a_year_a_rate_is_said_to_beat_as_the_year():
    assert _years("增长46.2%,增幅高于去年同期3.2个百分点,快于2019年", published="2008-04-18") == []


def test_it_dates_no_count_by_the_year_a_road_opened_or_a_township_was_set_up():
    page = ("纸厂乡\n\n纸厂乡是1984年新成立的小乡,仅有一条县乡公路与外界相连,1994年才建成通车。有党员608名。"
            "2005年,农民人均纯收入956元。\n")
    facts = summary(run(page, region="会泽县", published=None))
    assert ("纸厂乡", 2005, "party_members", 608) in facts
    page = ("乾丰乡\n\n1940年8月改联保设乾丰乡,1983年改乾丰人民公社为乾丰乡。全乡下辖5个行政村。建有党支部7个,"
            "有党员314名。\n")
    assert ("乾丰乡", 2010, "party_members", 314) in summary(run(page, region="南川区", published="2010-04-22"))


def test_it_reads_a_breadcrumb_trail_as_no_headline():
    page = ("首页  >  专题专栏  >  已归档专题  >  2020年文昌两会  >  解读报告\n\n"
            "2020年文昌市政府工作报告解读(一):经济社会保持平稳健康发展\n\n"
            "一年来,我市坚持稳中求进。全市地区生产总值257.02亿元,增长5.2%。\n")
    assert ("文昌市", 2019, "gdp", 257.02) in summary(run(page, region="文昌市", published="2020-05-14"))


def test_it_dates_nothing_by_the_year_of_a_visit_recalled():
    page = ("习近平总书记2024年6月在宁夏考察时指出,各族人民要像石榴籽一样紧紧抱在一起。银川市深学细悟笃行。\n"
            "强化党建引领力。全市5743个基层党组织在疫情防控中开展服务。\n")
    assert ("银川市", 2025, "party_organizations", 5743) in summary(run(page, region="银川市", published="2025-06-16"))


def test_it_dates_nothing_by_the_year_prices_or_exchange_rates_are_reckoned_in():
    page = ("2022年大武口区国民经济和社会发展统计公报\n\n"
            "初步核算,大武口区完成地区生产总值2435313万元,按2020年不变价格计算,同比增长3%。\n")
    facts = summary(run(page, region="大武口区", published=None))
    assert ("大武口区", 2022, "gdp", 243.5313) in facts and ("大武口区", 2022, "gdp_growth_pct", 3) in facts
    page = "莲花镇\n\n2020年,莲花镇地区生产总值12.5亿元,比2019年增长6%。\n"
    assert ("莲花镇", 2020, "gdp", 12.5) in summary(run(page, region="江津区", published=None))


def test_it_reads_a_year_by_its_last_two_digits_at_its_end_but_not_a_number_of_years():
    page = "拖顶乡\n\n党委下设12个支部,在06年末共有435名党员。\n"
    facts = summary(run(page, region="香格里拉市", published="2008-01-01"))
    assert ("拖顶傈僳族乡", 2006, "party_members", 435) in facts
    page = "拖顶乡\n\n2007年,经过10年努力,全乡共有党员435名。\n"
    facts = summary(run(page, region="香格里拉市", published="2008-01-01"))
    assert ("拖顶傈僳族乡", 2007, "party_members", 435) in facts


def test_a_date_stamp_dates_the_parts_after_其中_of_the_total_it_dates():
    page = ("化州市\n\n2023年,化州市常住人口131.06万人。截至2022年,化州市地区生产总值651.57亿元。"
            "其中:第一产业增加值152.29亿元。\n")
    assert ("化州市", 2022, "va_primary", 152.29) in summary(run(page, region="化州市", published="2024-05-01"))


def test_it_dates_no_later_clause_by_the_plan_a_figure_is_compared_with():
    page = ("市中区经济\n\n2015年,全区生产总值预计达到739亿元,是“十一五”末的1.6倍,年均增长10%;"
            "社会消费品零售总额预计达到437亿元。\n")
    assert ("市中区", 2015, "retail_sales", 437) in summary(run(page, published="2016-01-10", region="市中区"))


def test_it_dates_a_full_year_after_a_past_year_以来_by_that_year():
    page = "马寨经济\n\n2019年以来,马寨镇全年规模以上工业总产值完成120.7亿元;固定资产投资完成56.4亿元。\n"
    assert summary(run(page, published="2020-10-10", region="二七区")) == {
        ("马寨镇", 2019, "industrial_output_above_scale", 120.7), ("马寨镇", 2019, "fixed_asset_investment", 56.4)}


def test_it_dates_a_count_since_a_past_month_to_the_time_of_writing():
    page = "建邺治理\n\n2017年8月以来,南京市建邺区推进网格化社会治理,共划分网格792个。\n"
    assert summary(run(page, published="2019-05-10", region="建邺区")) == {("建邺区", 2019, "grid_count", 792)}
