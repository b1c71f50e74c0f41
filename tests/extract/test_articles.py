"""Stage 2: a page is split into its pieces, each with a title and a main place."""

from .helpers import run, seed


def _places(extraction):
    return [(a.place.name if a.place else None) for a in extraction.articles]


def test_it_splits_seed_002_into_its_seven_pieces():
    extraction = seed("002")
    titles = [a.title for a in extraction.articles]
    assert len(titles) == 7
    assert titles[0].startswith("圣泉街道多措并举")
    assert titles[1].startswith("江南职业学校")
    assert titles[2] == "鼎山街道:“阵地+服务+活动”打造温馨“小哥驿站”"
    assert titles[3].startswith("我区首届优秀社工人才评选落幕")
    assert titles[4].startswith("民革江津区委")
    assert titles[5] == "三级预防出生缺陷"
    assert titles[6].startswith("国网江津区供电公司")


def test_it_gives_each_piece_of_seed_002_its_own_place():
    assert _places(seed("002")) == ["圣泉街道", None, "鼎山街道", "江津区", "江津区", None, "江津区"]


def test_it_starts_a_new_article_at_headlines_before_a_byline_lead():
    page = ("甲街道推进网格治理\n\n本报讯(通讯员 张三)甲街道划分网格20个,配备网格员30名。\n\n"
            "乙街道:建成老年食堂\n\n本报讯(记者 李四)乙街道建成老年食堂3个,惠及老人500余人。\n")
    extraction = run(page)
    assert [a.title for a in extraction.articles] == ["甲街道推进网格治理", "乙街道:建成老年食堂"]


def test_it_splits_seed_003_into_hualongqiao_then_jiangbei():
    extraction = seed("003")
    assert _places(extraction) == ["化龙桥街道", "江北区"]
    assert extraction.articles[0].title == "渝中区化龙桥街道 党建引领聚合合力 整合资源促发展"
    assert extraction.articles[1].title == "江北民政 奋力书写民生“幸福答卷”"
    assert "江北市民政局" in extraction.articles[1].text
    assert "江北市民政局" not in extraction.articles[0].text


def test_it_closes_an_article_at_its_author_line_and_picture_credit():
    text = seed("003").articles[0].text
    assert text.rstrip().endswith("图片由渝中区化龙桥街道提供\n化龙桥街道与成都市友好街道进行党建联建,图为签约仪式现场")


def test_it_starts_a_new_article_at_a_headline_naming_another_place():
    page = ("江北区推进养老服务\n\n江北区建成养老助餐点87个,实现全区覆盖,受到群众欢迎。\n\n"
            "渝中区化龙桥街道 党建引领促发展\n\n化龙桥街道集聚企业超3200家,发展势头良好。\n")
    extraction = run(page, region="重庆市")
    assert _places(extraction) == ["江北区", "化龙桥街道"]


def test_it_keeps_section_headings_of_one_article_together():
    extraction = seed("000")
    assert len(extraction.articles) == 1
    assert extraction.articles[0].place.name == "圣泉街道"
    assert extraction.articles[0].title == "创新开展特色工作成效显著"


def test_it_joins_a_kicker_to_its_headline_for_the_title():
    assert seed("001").articles[0].title == "锚定打造新时代“红岩先锋”变革型组织目标——几江,跑起来!"


def test_it_does_not_take_a_dash_subtitle_for_the_title():
    assert seed("004").articles[0].title == "砥砺前行勇担当 凝心聚力谋发展"


def test_it_does_not_make_a_page_credit_or_trailing_captions_into_articles():
    assert len(seed("001").articles) == 1
    assert len(seed("003").articles) == 2


def test_it_cuts_a_box_closed_by_its_own_credit_from_the_article_before():
    articles = seed("002").articles
    assert "(由区疾控中心提供)" in articles[5].text
    assert "失独" not in articles[5].text
    assert "出生缺陷" not in articles[4].text


def test_it_indexes_offsets_into_the_article_text():
    extraction = seed("002")
    for fact in extraction.facts:
        text = extraction.articles[fact.article].text
        assert text[fact.start:fact.end] == fact.evidence
        assert fact.start <= fact.value_start < fact.value_end <= fact.end


def test_it_does_not_take_a_posts_or_pages_running_header_for_its_headline():
    headline = "数说2023丨湖坊镇这份年度“成绩单”请查收!"
    post = (headline + "\n\n青山湖发布 2024-01-26 08:30 发表于江西\n\n👆点击蓝字 关注我们\n\n"
            "2023年,湖坊镇实现地区生产总值158.3亿元。全年新增市场主体3612户。\n")
    extraction = run(post, published="2024-01-26", region="青山湖区")
    assert [(a.place.name, a.title) for a in extraction.articles] == [("湖坊镇", headline)]
    assert {f.place.name for f in extraction.facts if f.metric} == {"湖坊镇"}
    page = "城关报 2024年1月12日 星期五 第2版 街道·社区\n\n雁南街道:党建引领基层治理\n\n街道共划分网格89个。\n"
    titles = [a.title for a in run(page, published="2024-01-12", region="城关区").articles]
    assert titles == ["雁南街道:党建引领基层治理"]


def test_it_keeps_a_byline_on_its_own_line_out_of_the_evidence():
    page = ("小河街道:网格连民心\n本报记者 张华\n2023年,小河街道以党建引领基层治理,\n"
            "将辖区划分为网格108个,选优配强专兼职\n网格员246名。\n")
    facts = [f for f in run(page, published="2024-01-18", region="花溪区").facts if f.metric]
    assert {(f.metric, float(f.value)) for f in facts} == {("grid_count", 108), ("grid_workers", 246)}
    assert all(f.evidence.startswith("2023年,小河街道") for f in facts)


def test_it_reads_each_line_of_a_figures_table_as_its_own_paragraph():
    page = ("陈埭镇上半年经济成绩单\n\n上半年陈埭镇主要经济指标完成情况\n地区生产总值:186.42亿元,同比增长6.1%\n"
            "第一产业增加值:0.21亿元\n工业总产值:512.6亿元,同比增长8.4%\n市场主体总量:3.42万户\n企业总数:1.08万家\n")
    facts = {(f.metric, float(f.value)) for f in run(page, published="2024-07-26", region="晋江市").facts if f.metric}
    assert facts == {("gdp", 186.42), ("gdp_growth_pct", 6.1), ("va_primary", 0.21), ("industrial_output", 512.6),
                     ("industrial_output_growth_pct", 8.4), ("market_entities_total", 34200),
                     ("enterprises_total", 10800)}


def test_it_skips_a_pdf_pages_date_header_page_number_and_jump_lines():
    page = ("6\n2023年3月16日 星期四\n解放街道:老城区跑出治理加速度\n\n2022年,街道将辖区划分为92个网格,配备专职网格员\n"
            "(下转第7版)\n赣南日报 GANNAN DAILY\n2023年3月16日 星期四\n7\n(上接第6版)\n"
            "街道建成社区居家养老服务站14个。\n")
    extraction = run(page, published="2023-03-16", region="赣州市")
    assert {(f.metric, float(f.value), f.year) for f in extraction.facts if f.metric} == {
        ("grid_count", 92, 2022), ("elderly_care_sites", 14, 2022)}
