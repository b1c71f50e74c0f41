"""Which place a figure belongs to when the sentence names none: pieces opened by "<place>:" headlines, 全镇 /
bare 街道 standing for the subdistrict being written about, 我市 in a county-level city's paper, and street-named
subdistricts printed without their 街."""

from .helpers import metric_facts, run, summary

DISTRICT_THEN_TOWN = """余杭新闻

余杭区经济运行稳中有进

本报讯（记者 张三 通讯员 余宣）10月20日，记者从区统计局获悉，今年前三季度，
余杭区实现地区生产总值1650.2亿元，同比增长6.3%。



径山镇：茶产业带动农民增收

走进径山镇的茶园，采茶工人正忙着采摘新茶。今年以来，镇里持续优化营商环境。前三季度，全镇新增市场主体520户；截至9月底，全镇企业总数达1860家。

（记者 张三 通讯员 径宣）



良渚街道：文化遗址旁的“网格+”

良渚街道按照“规模适度”原则，对网格进行重新划分。目前，街道已建成老年食堂6家。
"""


def test_a_place_colon_headline_after_a_district_story_starts_a_piece_about_that_place():
    result = run(DISTRICT_THEN_TOWN, published="2023-10-25", region="杭州市")
    places = [a.place.name if a.place else None for a in result.articles]
    assert places == ["余杭区", "径山镇", "良渚街道"]
    got = summary(result)
    assert ("径山镇", 2023, "market_entities_new", 520.0) in got
    assert ("径山镇", 2023, "enterprises_total", 1860.0) in got
    assert ("良渚街道", 2023, "elderly_care_sites", 6.0) in got


def test_a_bare_jiedao_in_a_district_story_is_the_subdistrict_named_before_it():
    text = ("本报讯（记者 李四）11月3日，余杭区召开营商环境大会。会上，良渚街道作了交流发言。"
            "2022年，街道集聚企业逾6500家，全年新增市场主体两千余户。")
    got = {(f.place.name if f.place else None, f.metric) for f in metric_facts(text, published="2023-11-05",
                                                                              region="杭州市")}
    assert ("良渚街道", "enterprises_total") in got
    assert ("良渚街道", "market_entities_new") in got


def test_quan_zhen_never_falls_back_to_the_district():
    text = "本报讯（记者 李四）今年以来，余杭区持续优化营商环境。截至9月底，全镇企业总数达900家。"
    found = [f for f in metric_facts(text, published="2023-10-05", region="杭州市")
             if f.metric == "enterprises_total"]
    assert found and all(f.place is None or f.place.name != "余杭区" for f in found)


def test_two_jiedao_sharing_a_border_is_not_a_subject():
    text = ("本报讯 今年以来，良渚街道与相邻的仓前街道建立联动机制，共同管理两街道交界处的9个边界网格。"
            "目前，街道已建成老年食堂4家。")
    got = {(f.place.name if f.place else None, f.metric, float(f.value))
           for f in metric_facts(text, published="2023-10-05", region="杭州市")}
    assert ("良渚街道", "elderly_care_sites", 4.0) in got


WRAPPED = """余杭·街道巡礼

仓前街道：科创新城里的“网格+”

记者 王五

仓前街道地处科创走廊核心区，人口增长很
快。2023年，街道共有网格员168名，网格
党支部40个，辖区企业总数超过3千家。

闲林街道：老小区焕发新活力治理有新招

通讯员 赵六

闲林街道辖区老旧小区多，近年来通过改造
提升，居民满意度不断提高。2023年，街道
新建社区老年食堂5家，辖区网格员210名。
"""


def test_a_near_full_width_place_headline_on_a_wrapped_page_is_not_glued_to_the_body():
    result = run(WRAPPED, published="2024-01-10", region="杭州市")
    assert [a.place.name for a in result.articles] == ["仓前街道", "闲林街道"]
    got = summary(result)
    assert ("仓前街道", 2023, "grid_workers", 168.0) in got
    assert ("闲林街道", 2023, "grid_workers", 210.0) in got


def test_a_subdistrict_named_after_its_street_is_found_without_the_street_character():
    text = "本报讯 截至10月底，金顶街道辖区共有专职网格员96名。"
    found = [f for f in metric_facts(text, published="2023-11-10", region="北京市") if f.metric == "grid_workers"]
    assert [f.place.name for f in found] == ["金顶街街道"]


def test_wo_shi_in_a_county_level_city_paper_is_that_city():
    text = "本报讯（记者 周七）今年以来，我市深入推进网格化服务管理，全市划分网格1800余个，配备网格员2000余名。"
    got = {(f.place.name, f.metric) for f in metric_facts(text, published="2023-07-10", region="宁乡市")}
    assert got == {("宁乡市", "grid_count"), ("宁乡市", "grid_workers")}
    city = {f.place.name for f in metric_facts(text, published="2023-07-10", region="长沙市")}
    assert city == {"长沙市"}


def test_a_community_named_with_an_everyday_word_run_into_a_noun_is_no_place():
    text = ("良渚街道：老街焕新颜\n\n今年以来，良渚街道推进老旧街区改造。"
            "目前，街道结合新街社区改造提升，建成老年食堂5家。\n")
    found = [f for f in metric_facts(text, published="2023-10-10", region="杭州市") if f.metric == "elderly_care_sites"]
    assert [f.place.name for f in found] == ["良渚街道"]


def test_a_community_of_another_district_does_not_take_over_a_story():
    text = "良渚街道：助餐服务进小区\n\n今年以来，良渚街道学习借鉴华睦社区的经验，建成老年食堂5家。\n"
    found = [f for f in metric_facts(text, published="2023-10-10", region="杭州市") if f.metric == "elderly_care_sites"]
    assert [f.place.name for f in found] == ["良渚街道"]


def test_a_column_wide_headline_between_blank_lines_after_a_finished_sentence_is_a_headline():
    from reports.extract.layout import paragraphs

    text = ("闲林街道辖区老旧小区多，近年来通过改\n造提升，居民满意度不断提高，老年食堂\n"
            "已经覆盖全部社区，服务老人三千余人。\n\n"
            "老小区加装电梯让居民出行更方便更安心\n\n"
            "今年以来，街道持续推进老旧小区加装电\n梯工作，累计完成加装电梯42台，惠及\n"
            "居民一千余户，群众获得感明显增强，\n\n"
            "街道还将继续推进老旧小区改造提升工作\n\n"
            "和社区养老服务设施建设，让居民生活更\n加舒心，让老人安享晚年生活更加幸福。\n")
    kinds = [(p.kind, p.text[:6]) for p in paragraphs(text)]
    assert ("headline", "老小区加装电") in kinds
    # The same shape in the middle of an unfinished sentence stays part of it.
    assert not any(k == "headline" and t.startswith("街道还将") for k, t in kinds)


def test_a_district_colon_headline_after_a_city_story_starts_a_piece_about_the_district():
    text = ("杭州新闻\n\n杭州市网格员队伍持续壮大\n\n本报讯（记者 方圆）截至2023年底，全市共有专职网格员2.3万名。\n\n"
            "滨江区：“数智网格”提升治理效能\n\n滨江区依托城市大脑，2023年全区划分网格486个，配备专职网格员520名。\n")
    got = summary(run(text, published="2024-01-07", region="杭州市"))
    assert ("杭州市", 2023, "grid_workers", 23000.0) in got
    assert ("滨江区", 2023, "grid_workers", 520.0) in got


def test_a_headline_naming_a_subdistrict_after_a_district_story_starts_a_piece_without_a_colon():
    text = ("余杭区上半年经济稳中向好\n\n本报讯（记者 张三）今年上半年，余杭区实现地区生产总值1020亿元。\n\n"
            "仓前街道打造科创人才社区\n\n走进仓前的人才公寓，处处是创新氛围。上半年，全街道新增市场主体1300户，"
            "截至6月底，街道企业总数达6200家。\n")
    result = run(text, published="2023-07-20", region="杭州市")
    assert [a.place.name for a in result.articles] == ["余杭区", "仓前街道"]
    assert ("仓前街道", 2023, "enterprises_total", 6200.0) in summary(result)


def test_quan_zhen_after_a_time_phrase_is_the_town_named_before():
    text = "本报讯 近日，余杭区召开会议，径山镇作交流发言。去年以来，全镇新增企业85家。"
    found = [f for f in metric_facts(text, published="2023-02-01", region="杭州市") if f.metric == "enterprises_new"]
    assert [f.place.name for f in found] == ["径山镇"]


def test_a_place_headline_with_a_bar_separator_starts_a_piece():
    text = ("杭州新闻\n\n杭州市网格员队伍持续壮大\n\n本报讯（记者 方圆）截至2023年底，全市共有专职网格员2.3万名。\n\n"
            "滨江区丨“数智网格”提升治理效能\n\n2023年全区划分网格486个，配备专职网格员520名。\n")
    result = run(text, published="2024-01-07", region="杭州市")
    assert [a.place.name for a in result.articles] == ["杭州市", "滨江区"]
    assert ("滨江区", 2023, "grid_count", 486.0) in summary(result)


def test_xiang_li_and_gai_xiang_are_the_township_named_before():
    text = ("本报讯（记者 吴越）近日，淳安县召开山区治理现场会，屏门乡作典型发言。"
            "乡里建成老年食堂5家。2023年，该乡新增市场主体86户。")
    got = {(f.place.name if f.place else None, f.metric) for f in metric_facts(text, published="2024-02-07",
                                                                              region="淳安县")}
    assert got == {("屏门乡", "elderly_care_sites"), ("屏门乡", "market_entities_new")}


def test_a_subdistrict_listed_by_its_office_is_found_by_its_jiedao_name_inside_the_region():
    text = "本报讯 截至11月底，长青街道辖区共有专职网格员58名。"
    found = [f for f in metric_facts(text, published="2023-12-10", region="天津市") if f.metric == "grid_workers"]
    assert [(f.place.name, f.place.district) for f in found] == [("长青办事处", "津南区")]


def test_jiedao_organs_opening_a_clause_speak_for_the_subdistrict_but_not_after_ge():
    text = ("本报讯 近日，余杭区召开党建工作会议，仓前街道作交流发言。街道党工委下设基层党组织86个。"
            "各街道党工委共有党员3.2万名。")
    got = {(f.place.name, f.metric) for f in metric_facts(text, published="2023-02-01", region="杭州市")}
    assert got == {("仓前街道", "party_organizations"), ("余杭区", "party_members")}


def test_it_settles_a_town_and_a_district_several_provinces_share_by_each_other_without_a_region():
    from .helpers import run, summary
    page = ("2024年长寿路街道社区代表会议报告\n\n现在,我代表普陀区人民政府长寿路街道办事处作报告。"
            "2023年,街道累计新落地企业179家。\n")
    facts = summary(run(page, published="2024-02-02", region=None))
    assert facts == {("长寿路街道", 2023, "enterprises_new", 179)}
    (fact,) = [f for f in run(page, published="2024-02-02", region=None).facts if f.metric]
    assert fact.place.district == "普陀区" and fact.place.city == "上海市"


def test_it_places_a_zone_paper_in_its_city_and_reads_a_town_behind_the_zone_word():
    from .helpers import run, summary
    page = ("淮南高新区深化党建+网格模式\n\n2023年以来,安徽省淮南市高新区三和镇深化探索党建+网格治理模式。"
            "三和镇组建网格党支部23个。全区共划分网格120个。\n")
    facts = summary(run(page, published="2023-10-01", region="淮南高新区"))
    assert facts == {("三和镇", 2023, "grid_party_branches", 23), ("淮南高新区", 2023, "grid_count", 120)}


def test_it_does_not_let_villages_in_a_list_decide_what_a_district_report_is_about():
    from .helpers import run, summary
    page = ("区政府:\n\n1.积极引进知名企业。2022年,共签约48个项目,协议引资338.91亿元。\n"
            "2.推进乡村振兴,在歌乐村、金刚村、茅山峡村、四楞碑村等地建设示范点。\n")
    assert summary(run(page, published="2023-01-20", region="沙坪坝区")) == {
        ("沙坪坝区", 2022, "attracted_investment", 338.91)}


def test_it_lets_a_list_of_one_town_s_villages_vote_for_that_town():
    from .helpers import run, summary
    page = ("温州3个镇获评优秀\n\n苍南县钱库镇、永嘉县桥头镇获评优秀。钱库镇在项东村、来谊村、后谢村建设示范带。"
            "钱库镇打造商贸重镇。桥头镇发展纽扣产业。\n\n2021年完成地区生产总值42.24亿元。\n")
    assert ("钱库镇", 2021, "gdp", 42.24) in summary(run(page, published="2022-11-10", region=None))


def test_it_gives_a_province_s_or_the_country_s_figure_to_no_place():
    from .helpers import run, summary
    page = "江津区网格化\n\n全省共划分网格8万个,全区共划分网格1200个。\n"
    assert summary(run(page, region="江津区")) == {("江津区", 2023, "grid_count", 1200)}


def test_it_gives_an_article_to_its_town_when_the_district_is_named_only_by_its_offices():
    page = ("今年以来,陕西省西安市雁塔区委、区政府高度重视养老服务体系建设,小寨路街道紧紧围绕区委、区政府的安排部署,"
            "全力推进养老助餐工作。截至目前,辖区26个社区建成运营老年助餐点32个。\n")
    assert summary(run(page, published="2024-05-02", region="雁塔区")) == {
        ("小寨路街道", 2024, "elderly_care_sites", 32)}
    district_wide = ("今年以来,雁塔区全面推进养老助餐工作,小寨路街道率先试点。截至目前,全区建成老年助餐点132个。\n")
    assert summary(run(district_wide, published="2024-05-02", region="雁塔区")) == {
        ("雁塔区", 2024, "elderly_care_sites", 132)}


def test_it_gives_no_district_the_figures_of_an_article_that_speaks_as_a_subdistrict_it_never_names():
    page = ("经济工作\n\n在经济工作方面,街道始终坚持一手抓开源,一手抓节流。\n\n"
            "2019年完成固定资产投资15.6亿元,招商引资完成8.5亿元。\n")
    facts = [f for f in run(page, published=None, region="昌江区").facts if f.metric]
    assert {(f.place, f.metric, f.place_source) for f in facts} == {
        (None, "fixed_asset_investment", "reference"), (None, "attracted_investment", "reference")}


def test_it_lets_quan_qu_inside_a_figures_clause_scope_it_but_not_a_rank():
    page = "衢化街道将支部建在网格上,通过小网格大治理,推动了全区579个网格全部实现一网格一党支部。\n"
    assert summary(run(page, published="2018-01-10", region="柯城区")) == {("柯城区", 2018, "grid_count", 579)}
    ranked = "衢化街道\n\n衢化街道打造全区首个网格服务中心,划分网格36个。\n"
    assert summary(run(ranked, published="2018-01-10", region="柯城区")) == {("衢化街道", 2018, "grid_count", 36)}


def test_it_gives_the_figures_of_an_article_about_one_community_to_that_community_not_its_subdistrict():
    page = ("在上城区紫阳街道新工社区,居民们每天都能感到小区在逆生长。新工社区的房屋建造于上世纪80年代。"
            "新工社区成立了居民议事会。以停车问题为例,通过更新停车系统,新增了402个停车位。\n")
    facts = [f for f in run(page, published="2019-06-01", region="上城区").facts if f.metric]
    assert facts == []
    (candidate,) = [f for f in run(page, published="2019-06-01", region="上城区").facts if f.value == 402]
    assert candidate.label.startswith("新工社区")


def test_it_gives_the_figures_of_an_article_about_an_unlisted_community_to_that_community():
    page = ("甘州区北街街道东湖社区:社区建设新风尚\n\n"
            "今年来,甘州区北街街道东湖社区以党建为引领。东湖社区通过建强组织、整合资源,推动形成治理理念。\n\n"
            "深化网格精细治理。划分7个网格,建立队伍。组建7支志愿服务队,吸纳600余名注册志愿者。\n\n"
            "东湖社区还设立了零工驿站。\n")
    facts = run(page, published="2026-03-13", region="甘州区").facts
    assert [f for f in facts if f.metric] == []
    assert {f.label[:4] for f in facts if f.value in (7, 600)} == {"东湖社区"}
    # A subdistrict's story that names one of its communities in passing keeps its own figures.
    page = ("北街街道:治理新风尚\n\n今年来,北街街道东湖社区以党建为引领。北街街道划分7个网格,组建7支志愿服务队。"
            "北街街道还设立了零工驿站。\n")
    assert ("北街街道", 2026, "grid_count", 7) in summary(run(page, published="2026-03-13", region="甘州区"))


def test_it_reads_a_subdistrict_of_the_papers_district_by_its_one_character_form():
    page = "志愿服务\n\n五里桥街注册志愿者约万人,志愿者队伍182支。\n"
    assert summary(run(page, published="2023-01-01", region="黄浦区")) == {
        ("五里桥街道", 2023, "registered_volunteers", 10000), ("五里桥街道", 2023, "volunteer_organizations", 182)}


def test_it_does_not_read_a_town_inside_a_word_that_holds_its_name():
    page = "菜园集镇\n\n【概况】2014年,全镇积极打造省级文明村镇,全年实现社会固定资产投资30亿元。\n"
    assert summary(run(page, published=None, region="东明县")) == {("菜园集镇", 2014, "fixed_asset_investment", 30)}


def test_it_gives_a_citys_figure_said_of_its_communities_together_to_the_city():
    page = "网格化管理\n\n全市共划分综合网格3079个。社区配备专兼职网格员约4325名。\n"
    assert summary(run(page, published="2023-06-01", region="包头市")) == {
        ("包头市", 2023, "grid_count", 3079), ("包头市", 2023, "grid_workers", 4325)}


def test_it_reads_the_zone_a_paper_is_for_by_any_of_its_names_after_its_city():
    page = ("2015年重庆市万盛经开区国民经济和社会发展统计公报\n\n全年实现地区生产总值(GDP)92.06亿元,"
            "按可比价格计算,同比增长9.1%。\n")
    assert summary(run(page, published="2016-03-01", region="万盛经济技术开发区")) == {
        ("万盛经济技术开发区", 2015, "gdp", 92.06), ("万盛经济技术开发区", 2015, "gdp_growth_pct", 9.1)}
    # In another paper the city stays the subject.
    assert {place for place, *_ in summary(run(page, published="2016-03-01", region="綦江区"))} == {"重庆市"}


def test_it_settles_a_district_several_cities_have_by_the_short_name_of_its_city_before_it():
    page = "宁波江北区2022年国民经济和社会发展统计公报\n\n全年全区实现地区生产总值860.3亿元。\n"
    (fact,) = [f for f in run(page, published="2023-03-01", region="江北区").facts if f.metric]
    assert (fact.place.name, fact.place.city, float(fact.value)) == ("江北区", "宁波市", 860.3)


def test_it_leaves_out_a_provinces_figure_but_not_a_place_it_holds_nor_a_name_holding_the_province():
    province = "志愿服务\n\n湖南实名注册志愿者达1289万人。\n"
    assert summary(run(province, published="2021-06-01", region="天心区")) == set()
    assert summary(run("志愿服务\n\n湖南省长沙市天心区实名注册志愿者达12万人。\n", published="2021-06-01",
                       region="天心区")) == {("天心区", 2021, "registered_volunteers", 120000)}
    page = "蛟桥街道概况\n\n江西财经大学等15所院校驻境内;企业6120家,个体户13874户。\n"
    assert ("蛟桥街道", 2024, "enterprises_total", 6120) in summary(run(page, published="2024-05-01", region="新建区"))


def test_it_gives_respective_figures_to_the_districts_listed_before_them():
    page = ("经济排名\n\n常熟市和吴江区2023年GDP总量分别为2800.16亿元、2377.28亿元。"
            "昆山市2023年GDP总量高达5140.60亿元。\n")
    assert summary(run(page, published="2024-03-01", region="苏州市")) == {
        ("常熟市", 2023, "gdp", 2800.16), ("吴江区", 2023, "gdp", 2377.28), ("昆山市", 2023, "gdp", 5140.6)}


def test_it_reads_the_short_name_of_the_papers_city_right_before_a_figure_as_its_subject():
    page = ("东莞3106个基础网格已有6524名网格员\n\n记者在道滘镇见到网格员黄少毅。"
            "作为道滘镇小河村网格员,他每天巡逻。\n\n道滘镇网格员在巡查。\n")
    assert summary(run(page, published="2017-07-17", region="东莞市")) == {
        ("东莞市", 2017, "grid_count", 3106), ("东莞市", 2017, "grid_workers", 6524)}


def test_it_reads_全镇_in_the_profile_of_a_subdistrict_that_was_a_town_as_that_subdistrict():
    page = ("南江街道\n\n南江街道地处玉林市城区南郊,属城乡结合部乡镇。目前,全镇共有企业1363家;2004年,实现国内生产总值"
            "11.89亿元,与去年同期比增长17.8%。\n")
    facts = summary(run(page, published="2005-03-01", region="玉州区"))
    assert ("南江街道", 2004, "gdp", 11.89) in facts
    assert {place for place, *_ in facts} == {"南江街道"}


def test_it_takes_a_table_cell_border_as_the_start_of_a_clause():
    page = ("中枢镇\n\n中枢镇位于泸西县中部。总面积117平方公里。\n\n"
            "|金马镇位于泸西县境西北部,东接白水镇,南接中枢镇、午街铺镇,距县城12公里,镇党委下设41个党支部,有党员845名。\n")
    assert summary(run(page, published="2010-03-01", region="泸西县")) == {
        ("金马镇", 2010, "party_organizations", 41), ("金马镇", 2010, "party_members", 845)}


def test_it_takes_no_place_named_inside_a_quoted_name_for_the_subject():
    page = ("大足区志愿服务\n\n截至目前,大足区共有“青蓝足税志愿服务队”"
            "“国梁镇中心小学‘英雄国梁小解说’志愿服务队”等队伍414支、志愿者注册88813人。\n")
    assert summary(run(page, published="2024-06-01", region="大足区")) == {
        ("大足区", 2024, "volunteer_organizations", 414), ("大足区", 2024, "registered_volunteers", 88813)}


def test_it_reads_an_unlisted_subdistrict_after_its_district_whole_not_as_the_listed_name_it_ends_with():
    page = "网格党建\n\n赛罕区兴安南路街道党工委坚持把党组织建在网格上,在辖区138个网格内全面建立党支部。\n"
    (fact,) = [f for f in run(page, published="2025-01-01", region="呼和浩特市").facts if f.metric]
    assert (fact.place.name, fact.place.district, fact.metric, float(fact.value)) == (
        "兴安南路街道", "赛罕区", "grid_party_branches", 138)


def test_it_takes_no_neighbour_named_to_say_where_a_place_lies_for_the_subject():
    page = "泸西县乡镇巡礼\n\n这里东邻白水镇,西接中枢镇,距县城12公里。全镇有党支部41个。\n"
    places = {place for place, *_ in summary(run(page, published="2010-03-01", region="泸西县"))}
    assert not places & {"白水镇", "中枢镇"}
    # a place the subject is said to border only after 与 is still the subject itself
    page = "湖塘镇\n\n湖塘镇与遥观镇相邻。2015年,湖塘镇实现地区生产总值193.6亿元。\n"
    assert summary(run(page, published="2016-03-01", region="武进区")) == {("湖塘镇", 2015, "gdp", 193.6)}


def test_it_reads_a_town_printed_right_after_its_district_even_when_the_gazetteer_lacks_it():
    page = "乡镇发展\n\n内容\n\n邹城市平阳寺镇位于邹城市西郊,距城区12公里。该镇物阜粮丰。2006年,国内生产总值16亿元。"
    assert summary(run(page, published="2007-06-01", region="邹城市")) == {("平阳寺镇", 2006, "gdp", 16)}


def test_it_reads_a_town_on_a_line_of_its_own_as_the_subject_of_the_section_below():
    page = ("常州三强镇\n\n赶紧来看看常州是哪三个镇呢?\n\n\n 常州市武进区湖塘镇 \n\n"
            "常州排名第1,全国排名第23湖塘镇隶属江苏省常州市武进区,东邻遥观,西接牛塘。\n\n"
            "2015年全镇实现地区生产总值193.6亿元。\n\n"
            " 常州市武进区遥观镇 \n\n常州排名第2,全国排名第65遥观镇位于武进区东南部。\n\n"
            "2013年末,全镇实现地区生产总值150亿元。\n")
    assert summary(run(page, published="2017-05-18", region="武进区")) == {
        ("湖塘镇", 2015, "gdp", 193.6), ("遥观镇", 2013, "gdp", 150)}


def test_it_reads_an_everyday_town_name_as_the_papers_own_town_where_its_county_has_one():
    page = "安徽蒙城城关街道:“保姆式”服务打造有温度的城市\n\n城关街道建设10个助餐点,开展老年助餐服务。\n"
    (fact,) = [f for f in run(page, published="2025-08-18", region="蒙城县").facts if f.metric]
    assert (fact.place.name, fact.place.district, float(fact.value)) == ("城关街道", "蒙城县", 10)


def test_it_gives_a_figure_summed_over_several_towns_to_their_district():
    page = "几江街道停车\n\n截至目前,已在德感、双福等街镇新增停车位3173个。几江街道新增停车位300个。\n"
    assert summary(run(page, published="2025-06-01", region="江津区")) == {
        ("江津区", 2025, "parking_spaces_added", 3173), ("几江街道", 2025, "parking_spaces_added", 300)}


def test_it_gives_respective_figures_to_the_cities_listed_before_them():
    page = "成都都市圈\n\n2023年,德阳市、眉山市、资阳市分别实现社会消费品零售总额1114.1亿元、645.2亿元、470.9亿元。\n"
    assert summary(run(page, published="2024-03-01", region="成都市")) == {
        ("德阳市", 2023, "retail_sales", 1114.1), ("眉山市", 2023, "retail_sales", 645.2),
        ("资阳市", 2023, "retail_sales", 470.9)}


def test_it_leaves_out_a_sum_over_several_places_and_全区_of_an_autonomous_region():
    page = "成都都市圈\n\n2023年成都都市圈所包括的成都、德阳、眉山、资阳4市共完成地区生产总值27845.35亿元。\n"
    assert summary(run(page, published="2024-03-01", region="成都市")) == set()
    page = "双城经济圈\n\n2023年,川渝两省市经济总量突破9万亿元。\n"
    assert summary(run(page, published="2024-01-20", region="重庆市")) == set()
    # (31个省市级重点项目 are projects of a rank, not a sum over provinces)
    page = "项目建设\n\n2023年,推动31个省市级重点项目,全县完成固定资产投资80亿元。\n"
    assert ("大荔县", 2023, "fixed_asset_investment", 80) in summary(run(page, published="2024-01-20", region="大荔县"))
    page = "基层治理\n\n“广西织密织牢织细基层网格,全区社区网格2.51万个、乡村网格8.81万个。”\n"
    assert summary(run(page, published="2023-06-01", region="贵港市")) == set()
    # 全区 of a district stays the district's
    page = "网格\n\n2023年,全区社区网格251个、乡村网格881个。\n"
    assert ("港北区", 2023, "grid_count", 251) in summary(run(page, published="2023-06-01", region="港北区"))


def test_it_gives_no_place_to_the_figures_of_a_town_that_speaks_as_我镇_without_naming_itself():
    page = ("经济运行简况\n\n根据东莞市地区生产总值统一核算结果,2024年,我镇地区生产总值140.33亿元,同比增长2.6%。"
            "其中,第一产业增加值0.13亿元。\n")
    assert {place for place, *_ in summary(run(page, published="2025-01-20", region="东莞市"))} == {None}
    # named, the town takes them all
    named = summary(run("石龙镇经济运行\n\n" + page.split("\n\n", 1)[1], published="2025-01-20", region="东莞市"))
    assert ("石龙镇", 2024, "va_primary", 0.13) in named


def test_it_takes_the_paper_s_city_named_short_as_the_subject_of_its_headline_for_what_the_article_is_about():
    page = ("柳州加装电梯从难产到量产\n\n柳州市柳南区70多岁的刘阿姨很高兴。柳州市的电梯加装工作走在前列。\n\n"
            "2019年启动加装电梯33台。\n\n柳南区柳铁木材厂小区,居住的大多为退休职工。\n")
    assert summary(run(page, published="2022-12-05", region="柳州市")) == {("柳州市", 2019, "elevators_installed", 33)}
    # a name that only starts with the city's is no mention of it
    page = "柳州电子科技公司扩产\n\n柳南区柳铁木材厂小区加装电梯33台。\n"
    assert {place for place, *_ in summary(run(page, published="2022-12-05", region="柳州市"))} == {"柳南区"}


def test_it_tells_an_ambiguous_region_apart_by_the_places_the_page_names_and_keeps_its_name_where_not():
    page = "观湖街道工作总结\n\n2022年,观湖街道全年规上工业总产值478.78亿元,全区率先试行预约服务。\n"
    # 龙华区 is a district of 深圳 and of 海口; 观湖街道 is one of 深圳's
    assert summary(run(page, published="2023-01-10", region="龙华区")) == {
        ("观湖街道", 2022, "industrial_output_above_scale", 478.78)}
    page = "全区经济\n\n2022年,全区实现地区生产总值568.7亿元。\n"
    # Where the page never says which, its 全区 is still 龙华区, of no city known.
    (fact,) = [f for f in run(page, published="2023-01-10", region="龙华区").facts if f.metric]
    assert (fact.place.name, fact.place.city, fact.year, float(fact.value)) == ("龙华区", None, 2022, 568.7)
    (fact,) = [f for f in run("深圳" + page, published="2023-01-10", region="龙华区").facts if f.metric]
    assert (fact.place.name, fact.place.city, fact.year, float(fact.value)) == ("龙华区", "深圳市", 2022, 568.7)


def test_it_takes_a_district_placed_at_the_centre_of_something_for_no_office_of_it():
    page = ("区域概况\n\n环翠区历史悠久。东北村生活小区是国家级文明小区。以环翠区为中心的威海市先后评为卫生城市。\n\n"
            "2008年,实现地区生产总值196.6亿元。\n")
    assert summary(run(page, published=None, region="环翠区")) == {("环翠区", 2008, "gdp", 196.6)}


def test_it_reads_a_banners_own_voice_as_the_banner():
    page = "伊金霍洛旗\n\n伊金霍洛位于鄂尔多斯市中南部。2017年,全旗完成地区生产总值564.4亿元,增长6.9%。\n"
    assert summary(run(page, published="2018-09-26", region="伊金霍洛旗")) == {
        ("伊金霍洛旗", 2017, "gdp", 564.4), ("伊金霍洛旗", 2017, "gdp_growth_pct", 6.9)}


def test_a_place_after_a_contrasting_er_is_the_subject_of_its_clause():
    page = "陕西经济强镇\n\n2024年,神木市GDP1800亿,而铜川市GDP580亿。\n"
    assert summary(run(page, published="2025-01-10", region="神木市")) == {
        ("神木市", 2024, "gdp", 1800), ("铜川市", 2024, "gdp", 580)}


def test_a_figure_given_as_a_share_of_its_own_places_whole_is_a_part_but_a_towns_share_of_the_county_is_its_own():
    part = "萧县工业\n\n该县大力发展农副产品加工业,2011年实现工业产值138.3亿元,增长60.4%,占全县工业总产值的57.6%。\n"
    assert summary(run(part, published="2011-12-01", region="萧县")) == set()
    town = "萧县工业\n\n2011年,龙城镇实现工业产值38.3亿元,增长6.4%,占全县工业总产值的15.6%。\n"
    assert summary(run(town, published="2011-12-01", region="萧县")) == {
        ("龙城镇", 2011, "industrial_output", 38.3), ("龙城镇", 2011, "industrial_output_growth_pct", 6.4)}


def test_a_breakdown_over_each_county_gives_each_its_bare_figure_of_the_measure_the_page_is_about():
    page = ("晋城市投资\n\n上半年,我市固定资产投资增势强劲,累计完成投资202.3亿元,同比增长34.6%。\n\n"
            "同时,各县(市、区)投资增速趋于平衡,其中,阳城县完成投资25.3亿元,增长36.9%;沁水县完成投资26.6亿元,增长35.8%。\n")
    got = summary(run(page, published="2012-08-17", region="晋城市"))
    assert {("晋城市", 2012, "fixed_asset_investment", 202.3), ("阳城县", 2012, "fixed_asset_investment", 25.3),
            ("沁水县", 2012, "fixed_asset_investment", 26.6)} <= got


def test_an_experimental_zone_the_gazetteer_lacks_is_its_papers_own_district():
    page = "毛集网格\n\n该区创新网格化管理,以自然庄为单位建立网格238个。\n"
    assert summary(run(page, published="2020-02-20", region="毛集实验区")) == {
        ("毛集实验区", 2020, "grid_count", 238)}


def test_the_parts_after_qizhong_are_of_the_place_whose_total_came_just_before():
    page = ("天津市蓟州区下营镇乡村振兴示范区\n\n天津市蓟州区总面积1590平方公里。2022年,全区地区生产总值279.33亿元。"
            "其中,第一产业实现增加值53.55亿元,第二产业实现增加值60.99亿元。\n")
    got = summary(run(page, published="2023-05-01", region="蓟州区"))
    assert {place for place, *_ in got} == {"蓟州区"}
    assert ("蓟州区", 2022, "va_secondary", 60.99) in got


def test_a_community_someone_works_in_opening_the_sentence_keeps_its_own_count():
    page = "笋岗街道\n\n笋岗街道推进网格治理。欧梦婕所在的湖景社区有9个网格,1万5千人。\n"
    assert summary(run(page, published="2023-05-01", region="罗湖区")) == set()


def test_an_infobox_names_the_page_subject_and_its_fields_head_nothing():
    page = ("重庆城口\n\n中文名: 城口县\n\n行政区类别: 县\n\n"
            "下辖地区: 葛城街道、复兴街道、\n坪坝镇等2个街道、23个乡镇\n\n"
            "政府驻地: 葛城街道土城路北门口1号\n\n地区生产总值: 55.2 亿元(2020年)\n\n"
            "城口县隶属于重庆市。2020年,全年实现地区生产总值55.20亿元,同比增长1.8%。\n")
    got = summary(run(page, published=None, region="城口县"))
    assert got == {("城口县", 2020, "gdp", 55.2), ("城口县", 2020, "gdp_growth_pct", 1.8)}


def test_one_measure_listed_with_fenbie_for_places_named_in_a_clause_before_gives_each_its_value():
    page = "郑州\n\n巩义市和新密市排名第二和第三,GDP总量分别为784.08亿元和765.89亿元,分别同比增长9.0%和7.8%。\n"
    assert summary(run(page, published="2018-02-23", region="郑州市")) == {
        ("巩义市", 2018, "gdp", 784.08), ("新密市", 2018, "gdp", 765.89),
        ("巩义市", 2018, "gdp_growth_pct", 9.0), ("新密市", 2018, "gdp_growth_pct", 7.8)}


def test_a_source_url_line_is_part_of_no_text_so_the_heading_after_it_heads_its_section():
    page = ("镇、街道办事处等概况\n\nOriginal URL: http://lib.example.cn/bin/mse.exe?rec=396\n\n环秀街道办事处\n\n"
            "管区位于即墨市城区南部,面积29.1平方公里。2003年,\n完成生产总值28.2亿元,地方财政收入5268万元。\n")
    assert summary(run(page, published=None, region="即墨区")) == {("环秀街道", 2003, "gdp", 28.2)}


def test_a_paper_of_a_county_the_gazetteer_no_longer_lists_keeps_its_figures_under_its_name():
    page = "平坝固定资产投资\n\n平坝县一季度固定资产投资呈现高速增长态势,共完成固定资产投资25.4亿元,同比增长308.36%。\n"
    assert ("平坝县", 2013, "fixed_asset_investment", 25.4) in summary(run(page, published="2013-04-22",
                                                                           region="平坝县"))


def test_bracketed_section_labels_of_a_profile_keep_its_sections_in_one_article():
    page = ("山东省德州市乐陵市花园镇概况\n\n花园镇位于乐陵市东南部,总面积88.96平方公里。\n\n"
            "【农业】2018年,实现农业总产值42073.31万元。\n\n"
            "【工业】2018年,全镇工业企业14家。工业总产值37012万元,其中规模以上企业总产值1.33亿元。\n")
    got = summary(run(page, published=None, region="乐陵市"))
    assert ("花园镇", 2018, "industrial_output", 3.7012) in got
    assert {place for place, *_ in got} == {"花园镇"}


def test_it_gives_a_county_the_body_keeps_speaking_of_the_figures_over_a_town_named_in_passing():
    page = ("虽然文昌与发达地区相比基数较低,但文昌未来发展是可期的。文昌有华侨之乡等美誉。\"东走西走,不如海口铺前\","
            "文昌铺前镇历史上曾与海口并起并坐。文昌已成为交通最发达的市县,文昌区位优势进一步提升。文昌一直是比较发达的区域。"
            "文昌加油,文昌明天会更好。\n"
            "2022年完成地区生产总值343.99亿元,增长3.9%。\n")
    assert summary(run(page, published="2023-03-01", region="文昌市")) == {
        ("文昌市", 2022, "gdp", 343.99), ("文昌市", 2022, "gdp_growth_pct", 3.9)}


def test_the_towns_an_infobox_lists_as_parts_or_seat_are_not_what_the_page_is_about():
    page = ("韶山 编辑\n\n湖南省辖县级市\n\n韶山是毛泽东故乡。2020年,韶山全市地区生产总值97.08亿元,比上年增长4.2%。\n\n"
            "基本信息\n\n中文名:韶山\n\n下辖地区:清溪镇,银田镇,韶山乡\n\n政府驻地:清溪镇\n\n"
            "地区生产总值:97.08亿元(2020年)\n")
    assert {place for place, *_ in summary(run(page, published=None, region="韶山市"))} == {"韶山市"}


def test_the_city_around_a_districts_paper_is_no_subject_of_its_report():
    page = ("政府工作报告\n\n过去一年,我们用心办实事。省定市定19件民生实事全部完成,区定10件民生实事大头落地。"
            "建成区级综合养老服务中心1所、社区日间照料中心24个。全市适老化现场会在召陵召开。\n")
    assert summary(run(page, published="2024-01-10", region="召陵区")) == {
        ("召陵区", 2023, "elderly_care_sites", 1), ("召陵区", 2023, "elderly_care_sites", 24)}


def test_a_sites_breadcrumb_trail_names_no_subject():
    page = ("当前位置:首页 > 重庆市电子地图 >\n双桥区地图\n\n土地资源\n\n"
            "2008年共实现地区生产总值300008万元,比上年同期增长15.6%。\n")
    assert summary(run(page, published=None, region="双桥区")) == {
        ("双桥区", 2008, "gdp", 30.0008), ("双桥区", 2008, "gdp_growth_pct", 15.6)}


def test_a_sentence_opened_by_a_town_and_one_of_its_communities_reports_the_communitys_own_figures():
    page = ("社区风采\n\n黑龙江省齐齐哈尔市富拉尔基区红岸街道奋斗社区位于富江路100号,共有居民2660户,"
            "划分综合网格7个,配备网格员7名。良庆镇新兰村打造“微网格”工作模式,把农户分为4个网格。"
            "红岸街道共划分网格58个。\n")
    assert summary(run(page, published="2023-05-01", region="富拉尔基区")) == {
        ("红岸街道", 2023, "grid_count", 58)}


def test_it_reads_a_list_of_the_citys_districts_by_their_short_names():
    page = ("珠海经济\n\n2011年,分区域看,香洲、金湾和斗门三个行政区分别实现地区生产总值863.48亿元、351.27亿元"
            "和188.49亿元。香洲发展更快。\n")
    assert summary(run(page, published="2012-03-01", region="珠海市")) == {
        ("香洲区", 2011, "gdp", 863.48), ("金湾区", 2011, "gdp", 351.27), ("斗门区", 2011, "gdp", 188.49)}


def test_it_keeps_the_town_a_sentence_opens_with_when_the_county_is_named_to_rank_it():
    # 安溪四大中心市场: the county counts its market towns; 四大中心 is no office of the county.
    page = "长坑乡是安溪四大中心市场、七大卫星集镇和内安溪的主要商贸集散地之一,2002年有基层党支部38个,党员1092人。"
    facts = summary(run(page, region="安溪县"))
    assert ("长坑乡", 2002, "party_organizations", 38) in facts and ("长坑乡", 2002, "party_members", 1092) in facts


def test_it_reads_我县_in_a_county_paper_as_the_county_when_the_visitors_come_from_a_city():
    page = ("常宁市党政代表团来祁东县调研考察\n"
            "7月8日,常宁市市委书记率党政代表团来我县考察调研重点项目工程。1-6月,我县完成社会固定资产投资58.18亿元,增长32.1%。\n")
    facts = summary(run(page, region="祁东县", published="2015-07-10"))
    assert ("祁东县", 2015, "fixed_asset_investment", 58.18) in facts
    assert not any(f[0] == "常宁市" for f in facts)


def test_it_reads_a_municipality_by_its_short_name_in_another_citys_paper_but_not_in_a_list_of_venues():
    facts = summary(run("2022年上海共完成加装电梯2303台,超额完成2000台的年度目标任务。", region="太原市",
                        published="2023-01-05"))
    assert ("上海市", 2022, "elevators_installed", 2303) in facts
    page = "2009年,义县先后在沈阳、天津、温州等地召开招商会,全年招商引资到位资金42.5亿元。"
    assert ("义县", 2009, "attracted_investment", 42.5) in summary(run(page, region="义县"))


def test_it_does_not_take_the_seat_of_a_district_for_the_place_a_profile_is_about():
    page = ("检视原始码\n宣州区隶属于安徽省宣城市,总面积2533平方千米。宣州区人民政府驻济川街道。\n"
            "2021年,三次产业协同发展,第一产业增加值51.1亿元,增长6.8%。\n")
    facts = summary(run(page, region="宣州区", published=None))
    assert ("宣州区", 2021, "va_primary", 51.1) in facts


def test_it_keeps_a_communitys_own_counts_from_its_subdistrict_when_the_community_is_the_topic():
    page = ("南城街道网格化管理\n南城街道推进网格化管理。中山社区有5058户居民,按居民楼划分成3个网格。"
            "王阔说,在中山社区,像他这样的网格员有11名。\n")
    assert not metric_facts(page, region="南关区", published="2019-05-01")


def test_it_keeps_a_villages_own_count_after_全村_from_its_town():
    page = "花石峡镇网格化管理\n疫情防控中,村党支部书记在村网格群内一声招呼,全村50名网格员迅速行动。\n"
    assert not metric_facts(page, region="玛多县", published="2020-06-01")


def test_it_reads_a_paper_s_own_subdistrict_by_its_one_character_form_where_a_profile_says_where_it_lies():
    page = "天塔街\n\n天塔街位于天津市河西区西南部,有14个居民社区。有社区党员8600余名。\n"
    assert ("天塔街道", 2023, "party_members", 8600) in summary(run(page, region="河西区"))


def test_it_reads_a_total_broken_down_by_place_after_分别为_and_gives_no_share_to_an_unknown_zone():
    page = ("岳阳170个老旧小区改造全部开工\n\n本报讯 今年全市改造的170个城镇老旧小区分别为:岳阳楼区95个,经开区2个,"
            "云溪区7个,君山区4个。\n")
    facts = summary(run(page, region="岳阳市", published="2021-11-12"))
    assert facts == {("岳阳市", 2021, "old_communities_renovated", 170),
                     ("岳阳楼区", 2021, "old_communities_renovated", 95),
                     ("云溪区", 2021, "old_communities_renovated", 7),
                     ("君山区", 2021, "old_communities_renovated", 4)}


def test_it_gives_a_zone_the_gazetteer_lacks_its_own_figures_not_its_county_s():
    page = ("保山产业园区工业总产值增长\n\n2022年,保山产业园区实现工业总产值432.76亿元,同比增长80.81%,"
            "完成固定资产投资46.6亿元。\n")
    facts = summary(run(page, region="保山市", published="2023-04-18"))
    assert ("保山产业园区", 2022, "industrial_output", 432.76) in facts
    assert ("保山产业园区", 2022, "fixed_asset_investment", 46.6) in facts
    # the city printed before the zone only says where it lies; a kind of zone (省级经济开发区) is no name
    page = ("2017年,青岛红岛经济区实现规模以上工业总产值246.3亿元。红岛经济区完成固定资产投资227.5亿元。"
            "全市省级经济开发区完成投资50亿元,省级经济开发区达到12个。\n")
    facts = summary(run(page, region="青岛市", published="2018-02-01"))
    assert ("红岛经济区", 2017, "industrial_output_above_scale", 246.3) in facts
    assert not [f for f in facts if f[0] and f[0].startswith("省级")]


def test_it_names_a_zone_by_the_longest_form_the_page_prints():
    page = ("梅州经济开发区\n\n2024年梅州经开区工业总产值达115.66亿元。梅州经开区新签约项目20个。\n")
    assert ("梅州经济开发区", 2024, "industrial_output", 115.66) in summary(run(page, region="梅江区",
                                                                               published="2025-01-10"))


def test_it_reads_the_shares_of_prefectures_and_leagues_after_a_regions_total():
    page = ("新疆各市州GDP\n\n2021年,新疆实现地区生产总值15983.65亿元,其中,乌鲁木齐市3691.57亿元,昌吉州1698.21亿元,"
            "阿克苏地区1564.54亿元,伊犁州1470.81亿元。\n")
    facts = summary(run(page, region="乌鲁木齐市", published="2022-03-01"))
    assert {("乌鲁木齐市", 2021, "gdp", 3691.57), ("昌吉回族自治州", 2021, "gdp", 1698.21),
            ("阿克苏地区", 2021, "gdp", 1564.54), ("伊犁哈萨克自治州", 2021, "gdp", 1470.81)} <= facts


def test_it_reads_no_town_from_where_a_road_runs_nor_a_county_road_as_a_county():
    page = ("蛟河报告\n\n社会消费品零售总额实现32亿元,同比增长10%。\n\n"
            "铺设302国道威虎岭至白石山26.7公里路面,新建县道白石山至琵河12公里。\n")
    assert summary(run(page, published=None, region="蛟河市")) == {("蛟河市", None, "retail_sales", 32)}


def test_it_reads_在农牧村_as_where_the_county_built_grids_not_as_a_village_speaking():
    page = "迭部治理\n\n今年以来,迭部县推行网格化治理。\n\n在农牧村建立1216个网格,设立网格员480个。\n"
    assert summary(run(page, published="2020-06-01", region="迭部县")) == {
        ("迭部县", 2020, "grid_count", 1216), ("迭部县", 2020, "grid_workers", 480)}


def test_it_reads_the_seat_of_a_county_s_government_as_no_subject_of_the_county_s_profile():
    page = ("2022卷\n\n【概况】 阿巴嘎旗位于锡林郭勒盟中北部。阿巴嘎旗委、旗人民政府所在地别力古台镇。\n"
            "2021年,全旗常住人口3.96万人。年实现地区生产总值43.3亿元,增长9.8%。\n")
    assert summary(run(page, published="2024-08-23", region="阿巴嘎旗")) == {
        ("阿巴嘎旗", 2021, "gdp", 43.3), ("阿巴嘎旗", 2021, "gdp_growth_pct", 9.8)}


def test_it_reads_a_teaser_for_another_story_as_the_page_s_frame():
    page = ("今日特推: 山东郯城县归昌乡全力应对高温 筑牢安全防线\n\n山东沂南县蒲汪镇:小胡同新管家 微网格大服务\n\n"
            "近日,山东省沂南县蒲汪镇持续推进落实胡同长制度。结合村庄实际,共划分网格468个。\n")
    assert summary(run(page, published="2023-06-28", region="沂南县")) == {("蒲汪镇", 2023, "grid_count", 468)}
