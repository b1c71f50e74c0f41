"""Stage 3: place mentions and which place each figure belongs to."""

from reports.extract.gazetteer import Scope, default_gazetteer, town_short_name
from reports.extract.places import PlaceFinder

from .helpers import metric_facts, run, seed


def _found(text, region):
    gazetteer = default_gazetteer()
    return [(m.text, m.place.name if m.place else None)
            for m in PlaceFinder(gazetteer, gazetteer.scope_for(region)).find(text)]


def test_it_loads_districts_and_subdistricts_with_their_parents():
    gazetteer = default_gazetteer()
    (place,) = gazetteer.lookup("化龙桥街道")
    assert (place.kind, place.district, place.city, place.province) == ("subdistrict", "渝中区", "重庆市", "重庆市")
    (district,) = [p for p in gazetteer.lookup("江北区") if p.city == "重庆市"]
    assert district.admin_code == "500105"
    names = {p.name for p in gazetteer.places_in("重庆市")}
    assert {"重庆市", "江津区", "圣泉街道", "鼎山街道", "三江街道", "华新街街道"} <= names


def test_it_builds_the_gazetteer_once():
    assert default_gazetteer() is default_gazetteer()


def test_it_resolves_regions_given_as_district_city_short_name_or_province():
    gazetteer = default_gazetteer()
    assert gazetteer.scope_for("江津区") == Scope("重庆市", "重庆市", "江津区")
    assert gazetteer.scope_for("重庆市") == Scope("重庆市", "重庆市", None)
    assert gazetteer.scope_for("成都") == Scope("四川省", "成都市", None)
    assert gazetteer.scope_for("武侯区") == Scope("四川省", "成都市", "武侯区")
    assert gazetteer.scope_for("四川省") == Scope("四川省", None, None)
    assert gazetteer.scope_for("不存在的地方") is None


def test_it_shortens_town_names_only_to_real_stems():
    assert town_short_name("圣泉街道") == "圣泉"
    assert town_short_name("华新街街道") == "华新街"
    assert town_short_name("贾镇") is None


def test_it_finds_short_forms_of_places_the_page_names_in_full():
    found = _found("几江街道推进城市更新。几江作为江津老城区,是城市更新的主战场。", "江津区")
    assert ("几江", "几江街道") in found
    assert ("江津", "江津区") in found


def test_it_reads_short_forms_圣泉_三江_化龙桥():
    assert ("圣泉", "圣泉街道") in _found("圣泉街道获评示范街道。平安圣泉和谐稳定。", "江津区")
    assert ("三江", "三江街道") in _found("三江街道干在实处。打造活力三江。", "綦江区")
    assert ("化龙桥", "化龙桥街道") in _found("化龙桥街道以党建引领。优质企业持续涌入化龙桥。", "重庆市")


def test_it_does_not_read_the_start_of_a_longer_town_name_as_a_listed_town_s_short_one():
    found = _found("几江街道推进城市更新。几江坝街道也在推进。", "江津区")
    assert ("几江", "几江街道") not in found


def test_it_does_not_read_common_words_as_short_place_names():
    # 先锋镇 is a town of 江津区, but 红岩先锋 is a campaign name.
    assert _found("打造新时代“红岩先锋”变革型组织。", "江津区") == []


def test_it_does_not_find_a_town_inside_an_ordinary_phrase():
    assert _found("申报区级美丽宜居乡村2个。", "綦江区") == []


def test_it_reads_a_town_inside_a_phrase_when_the_page_names_another_town_of_its_district():
    text = "此次滨海新区出动电城镇党员志愿服务队伍46支,博贺镇党员志愿服务队伍15支。"
    assert ("电城镇", "电城镇") in _found(text, "茂名市")
    found = metric_facts(text, region="茂名市")
    assert [(f.place.name, f.value) for f in found] == [("电城镇", 46), ("博贺镇", 15)]


def test_it_reads_a_county_s_seat_town_printed_right_after_the_county():
    # 城关镇 is a town of nearly every county; 县城 is also a word.
    assert _found("高台县城关镇划分网格20个。", "张掖市") == [("高台县城关镇", "城关镇")]
    found = metric_facts("高台县城关镇划分网格20个。", region="张掖市")
    assert [(f.place.name, f.place.district) for f in found] == [("城关镇", "高台县")]


def test_it_uses_the_region_to_settle_names_found_in_several_districts():
    assert _found("江北区民政局建成养老助餐点。", "重庆市") == [("江北区", "江北区")]
    gazetteer = default_gazetteer()
    (m,) = PlaceFinder(gazetteer, gazetteer.scope_for("宁波市")).find("江北区民政局建成养老助餐点。")
    assert m.place.city == "宁波市"
    (m,) = PlaceFinder(gazetteer, gazetteer.scope_for("重庆市")).find("江北区民政局建成养老助餐点。")
    assert m.place.city == "重庆市"


def test_it_gives_a_community_to_its_subdistrict():
    facts = metric_facts("圣泉街道持续推进养老服务\n\n浒溪社区建成社区养老服务站2个。\n", region="江津区")
    assert [(f.place.name, f.value) for f in facts] == [("圣泉街道", 2)]


def test_it_keeps_jiangbei_figures_off_huayongqiao():
    extraction = seed("003")
    for fact in extraction.facts:
        if fact.article == 1:
            assert fact.place is None or fact.place.name != "化龙桥街道", fact.evidence


def test_it_keeps_dingshan_figures_off_shengquan():
    extraction = seed("002")
    for fact in extraction.facts:
        if fact.article == 2:
            assert fact.place is not None and fact.place.name == "鼎山街道", fact.evidence


def test_it_treats_the_typo_jiangbei_city_civil_affairs_bureau_as_jiangbei_district():
    page = "江北民政 书写民生答卷\n\n江北市民政局建成养老助餐点87个,实现全覆盖。江北区民政局负责人表示。\n"
    facts = metric_facts(page, region="重庆市")
    assert [(f.place.name, f.place.city, f.value) for f in facts] == [("江北区", "重庆市", 87)]


def test_it_tells_huaxinjie_subdistrict_from_the_jiangbei_article():
    extraction = seed("003")
    canteen = [f for f in extraction.facts if "桥北社区" in f.evidence and f.unit == "%"]
    assert canteen and all(f.place.name == "华新街街道" for f in canteen)
    assert all(f.place.name == "江北区" for f in extraction.facts if f.metric == "elderly_care_sites")


def test_it_gives_district_figures_to_the_district_not_to_a_subdistrict():
    page = ("玉林街道养老服务\n\n玉林街道建成老年食堂3个。全区共建成老年食堂120个,武侯区民政局建成养老服务站40个。\n")
    facts = metric_facts(page, region="武侯区")
    assert [(f.place.name, f.value) for f in facts] == [("玉林街道", 3), ("武侯区", 120), ("武侯区", 40)]


def test_it_gives_a_neighbours_figures_to_the_neighbour():
    page = "玉林街道结对共建\n\n玉林街道新建网格驿站6个。街道与簇桥街道结对,簇桥街道已建成日间照料中心5个。\n"
    facts = metric_facts(page, region="武侯区")
    assert [(f.place.name, f.value) for f in facts] == [("玉林街道", 6), ("簇桥街道", 5)]


def test_it_leaves_figures_of_an_unnamed_place_unattributed():
    facts = metric_facts("某街道加强网格治理\n\n街道新建网格30个。\n", region=None, published=None)
    assert [(f.place, f.year, f.value) for f in facts] == [(None, None, 30)]


def test_it_does_not_read_party_and_government_words_as_places():
    found = _found("在区委、区政府的坚强领导下,落实市委部署,区民政局联合区社会工作指导中心举办活动。", "江津区")
    assert found == []


def test_it_reads_我区_as_the_publications_district():
    assert seed("002").articles[3].place.name == "江津区"
    extraction = run("我区推进网格化治理\n\n全区共划分网格1523个,配备网格员2100余名。\n", region="武侯区")
    assert {(f.place.name, f.metric) for f in extraction.facts} == {
        ("武侯区", "grid_count"), ("武侯区", "grid_workers")}


def test_it_does_not_let_a_city_mentioned_in_passing_take_the_figures():
    facts = metric_facts("化龙桥街道 商务\n\n化龙桥街道积极对接成都天府之窗等优质企业,片区新增市场主体804家。\n",
                         region="重庆市")
    assert [(f.place.name, f.value) for f in facts] == [("化龙桥街道", 804)]


def test_it_settles_a_town_name_shared_within_the_region_by_the_district_the_page_names():
    gazetteer = default_gazetteer()
    scope = gazetteer.scope_for("重庆市")
    shared = [p for p in gazetteer.places_in("重庆市") if p.is_subdistrict_level and p.name.endswith("街道")
              and sum(q.city == "重庆市" for q in gazetteer.lookup(p.name)) > 1]
    town = shared[0]
    alone = PlaceFinder(gazetteer, scope).find(f"{town.name}建成老年食堂3个。")
    assert alone[0].place is None
    found = PlaceFinder(gazetteer, scope).find(f"{town.district}召开会议。{town.name}建成老年食堂3个。")
    assert [m.place for m in found if m.text == town.name] == [town]


def test_it_keeps_a_communitys_own_grids_and_workers_apart_from_its_subdistricts():
    page = ("圣泉街道网格治理见实效\n\n圣泉街道共划分网格133个。浒溪社区划分了12个网格。"
            "在中渡社区,社区配备专职网格员8名。在享堂社区,街道新建网格驿站2个。浒溪社区建成社区养老服务站2个。\n")
    facts = [f for f in run(page, region="江津区").facts if f.value in (133, 12, 8, 2)]
    by_value = {float(f.value): (f.place.name, f.metric, f.label) for f in facts if f.place}
    assert by_value[133] == ("圣泉街道", "grid_count", "网格数")
    # the community's own figures stay with the subdistrict, but as that community's, not the subdistrict's count
    assert by_value[12] == ("圣泉街道", None, "浒溪社区网格数")
    assert by_value[8] == ("圣泉街道", None, "中渡社区网格员")
    # a care site built in a community is one of the subdistrict's
    assert ("圣泉街道", "elderly_care_sites", 2) in {(f.place.name, f.metric, float(f.value)) for f in facts}


def test_it_never_takes_the_bare_word_街道_for_a_place():
    # JioNLP lists a subdistrict of 灵台县 named just "街道"
    assert "街道" not in default_gazetteer().by_name
    facts = metric_facts("雁南街道:党建引领\n\n街道配备专职网格员89名。\n", published="2024-01-12", region="城关区")
    assert [(f.place.name, f.place.district) for f in facts] == [("雁南街道", "城关区")]


def test_it_takes_a_town_missing_from_the_gazetteer_as_a_place_of_the_papers_district():
    # 路美邑镇 is not in JioNLP's 石林彝族自治县; its figures must not fall to the county or to 西街口镇 beside it
    page = ("路美邑镇:产业兴旺添活力\n\n2023年,路美邑镇实现地区生产总值26.8亿元。与相邻的西街口镇相比,路美邑镇工业基础"
            "更为雄厚,西街口镇全年地区生产总值为18.2亿元。作为商贸重镇,目前全镇市场主体总量达3000户。\n")
    facts = metric_facts(page, published="2024-01-22", region="石林彝族自治县")
    assert [(f.place.name, f.place.kind, f.place.district, float(f.value)) for f in facts] == [
        ("路美邑镇", "town", "石林彝族自治县", 26.8), ("西街口镇", "town", "石林彝族自治县", 18.2),
        ("路美邑镇", "town", "石林彝族自治县", 3000)]


def test_it_reads_a_towns_office_a_short_township_name_and_the_subdistrict_opening_a_sentence():
    # 镇党委 opening a clause is the town written about, not the district
    facts = metric_facts("拉堡镇:党建引领\n\n镇党委下设基层党组织158个,在网格中建立网格党支部64个。\n",
                         published="2024-08-06", region="柳江区")
    assert {(f.place.name, f.metric) for f in facts} == {("拉堡镇", "party_organizations"),
                                                         ("拉堡镇", "grid_party_branches")}
    # 拉乌乡 is how papers print 拉乌彝族乡
    facts = metric_facts("州城镇:网格化治理\n\n为此,拉乌乡共划分网格25个。拉乌乡还设立网格党支部8个。\n",
                         published="2022-12-30", region="宾川县")
    assert {f.place.name for f in facts} == {"拉乌彝族乡"}
    # a bare 全街道 in a sentence another subdistrict opened is that subdistrict
    page = ("钱清街道:养老服务\n\n钱清街道建成老年食堂5个。华舍街道今年新增市场主体1100余户;"
            "街道新建老年食堂2个,目前全街道共有老年食堂9个。\n")
    facts = metric_facts(page, published="2023-07-26", region="柯桥区")
    assert [(f.place.name, float(f.value)) for f in facts if f.metric == "elderly_care_sites"] == [
        ("钱清街道", 5), ("华舍街道", 9)]


def test_it_keeps_the_figures_of_a_community_named_only_as_社区_or_该村_apart():
    page = ("城月镇:乡村振兴\n\n城月镇共划分网格56个。该村划分3个网格,村里有市场主体80余户。"
            "社区将辖区划分为微网格42个。\n")
    facts = metric_facts(page, published="2024-02-22", region="遂溪县")
    assert [(f.metric, float(f.value)) for f in facts] == [("grid_count", 56)]


def test_it_knows_autonomous_counties_and_prefectures_by_their_short_names():
    from reports.extract import default_config
    gazetteer = default_config().gazetteer
    assert [p.name for p in gazetteer.lookup("景谷县")] == ["景谷傣族彝族自治县"]
    assert [p.name for p in gazetteer.lookup("黔东南州")] == ["黔东南苗族侗族自治州"]
    assert [p.name for p in gazetteer.lookup("酉阳县")] == ["酉阳土家族苗族自治县"]


def test_it_takes_no_town_of_another_province_out_of_qizhong_chengzhen():
    text = "常住人口199.35万人,其中城镇常住人口165.18万人。其中城镇居民人均可支配收入增长5%。"
    assert [m for m in _found(text, "黄岛区") if m[1] is not None] == []


def test_it_names_a_subdistrict_listed_with_a_trailing_diqu_as_it_is_printed():
    gazetteer = default_gazetteer()
    [place] = gazetteer.lookup("州城街道")
    assert (place.name, place.district) == ("州城街道", "东平县")
    assert gazetteer.lookup("州城街道地区") == ()


def test_it_finds_ethnic_districts_and_townships_by_their_short_names():
    gazetteer = default_gazetteer()
    assert [p.name for p in gazetteer.lookup("管城区")] == ["管城回族区"]
    assert [p.name for p in gazetteer.lookup("汇源乡")] == ["汇源瑶族乡"]


def test_it_finds_development_zones_by_their_usual_abbreviations():
    gazetteer = default_gazetteer()
    assert [p.name for p in gazetteer.lookup("巴中经开区")] == ["巴中经济开发区"]
    assert [p.name for p in gazetteer.lookup("郑州高新区")] == ["郑州高新技术产业开发区"]


def test_it_reads_a_district_by_the_county_name_it_had_in_older_pages():
    page = "荣昌县2014年统计公报\n\n2014年,荣昌县实现地区生产总值3004235万元,比2013年增长12.0%。\n"
    assert ("荣昌县", 2014, "gdp", 300.4235) in {(f.place.name, f.year, f.metric, float(f.value))
                                               for f in metric_facts(page, region="荣昌区", published="2015-05-01")}
    # The former name is indexed for itself only: the district's towns keep their district.
    [town] = [p for p in default_gazetteer().lookup("盘龙镇") if p.city == "重庆市"]
    assert town.district == "荣昌区"
