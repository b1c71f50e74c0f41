"""Stage 1b: NFKC with an offset map, and page lines back into paragraphs."""

from reports.extract.layout import paragraphs
from reports.extract.normalize import normalize


def test_it_turns_full_width_digits_and_punctuation_into_ascii():
    norm = normalize("增速５％，新增市场主体１８．６万户；")
    assert norm.text == "增速5%,新增市场主体18.6万户;"


def test_it_maps_normalized_offsets_back_to_the_original():
    original = "总量…近１０００家\r\n第二行"
    norm = normalize(original)
    assert norm.text == "总量...近1000家\n第二行"
    start = norm.text.index("1000")
    src_start, src_end = norm.to_source(start, start + 4)
    assert original[src_start:src_end] == "１０００"
    dots = norm.text.index("...")
    assert norm.to_source(dots, dots + 3) == (2, 3)  # three dots come from one character


def test_it_drops_control_characters_but_keeps_line_breaks():
    assert normalize("网格\x00员\u200b33名\r\n").text == "网格员33名\n"


def test_it_rejoins_number_split_across_lines():
    page = ("利用数字重庆建设的 V 模型，在 133 个网格的基础上，拓展 3310 个微网\n"
            "格，将高层建筑拆解网格治理最小颗粒度。\n"
            "营商环境持续优化，辖区新增市场主体近1000家，市场主体总量近\n5000个。项目用地有力保障，完成拆迁项目22个。\n")
    texts = [p.text for p in paragraphs(normalize(page).text)]
    assert "拓展 3310 个微网格,将高层建筑" in texts[0]
    assert "市场主体总量近5000个。" in texts[1]


def test_it_rejoins_a_sentence_across_a_blank_line():
    page = ("巧用“排查、整改、培训、演练”四步工作法，组织三支基层治理核心队伍\n\n"
            "开展“地毯式”隐患排查 120 余次，开展高层建筑消防演练78场。\n")
    paras = paragraphs(normalize(page).text)
    assert len(paras) == 1
    assert "核心队伍开展“地毯式”隐患排查" in paras[0].text


def test_it_keeps_a_break_after_a_line_that_ends_a_sentence():
    page = ("城乡品质大幅跃升，打造各具特色的“津彩大院”5个。\n"
            "民生福祉持续增进。聚焦“一老一小”，加快养老服务，建成投用养老\n"
            "服务中心。\n")
    paras = paragraphs(normalize(page).text)
    assert [p.text[:6] for p in paras] == ["城乡品质大幅", "民生福祉持续"]


def test_it_keeps_headline_lines_apart_from_the_paragraphs_around_them():
    page = ("党的建设坚强有力，举办“圣泉讲堂”26 期，引导各级党员干部增强\n“四个意识”，思想政治建设持续加强。\n\n"
            "高质量发展亮点纷呈\n\n"
            "2023 年，圣泉街道党工委、办事处坚持以习近平新时代中国特色社会主义思想\n为指导，全面贯彻落实。\n")
    paras = paragraphs(normalize(page).text)
    assert [p.kind for p in paras] == ["body", "headline", "body"]
    assert paras[1].text == "高质量发展亮点纷呈"


def test_it_rejoins_a_sentence_that_a_photo_caption_interrupts():
    page = ("近年来，通过“小哥心愿墙”共收集意见建议127条。其中，小哥进小区难等问题在街道党\n\n\n\n"
            "外卖小哥在“小哥驿站”看书 通讯员 庞涓涓 摄\n\n工委的多方协调下得到有效解决。\n")
    paras = paragraphs(normalize(page).text)
    assert paras[0].text.endswith("在街道党工委的多方协调下得到有效解决。")
    assert paras[1].kind == "caption"


def test_it_rejoins_a_sentence_that_a_subheading_interrupts():
    page = ("其中,在强化品牌建设方面,该局加强对接、开展调研,党建统领“三合一”(岗位综合、资源整合、管服结\n\n"
            "抓实基本民生保障 让幸福更有深度\n\n"
            "合、信息化)基层治理经验入选重庆市民政领域创新项目全市推广……\n")
    paras = paragraphs(normalize(page).text)
    assert "管服结合、信息化)" in paras[0].text
    assert paras[1].kind == "headline"


def test_it_recognizes_bylines_authors_and_credits():
    page = ("通讯员 冯娟 陈德静\n\n正文第一段写了很多内容,并且以句号结束。\n\n"
            "詹米璐 陈佳佳\n图片由渝中区化龙桥街道提供\n\n"
            "本版图文由袁孝椿\n肖彦 刘彦麟提供\n")
    kinds = [(p.kind, p.page_credit) for p in paragraphs(normalize(page).text)]
    assert kinds == [("byline", False), ("body", False), ("author", False), ("credit", False), ("credit", True)]


def test_it_maps_variant_forms_that_script_conversion_leaves_alone():
    norm = normalize("2022年陜西省安康市寧陜縣國民經濟和社會發展統計公報")
    assert norm.text == "2022年陕西省安康市宁陕县国民经济和社会发展统计公报"
    assert len(norm.source) == len(norm.text)


def test_it_drops_a_gloss_of_several_syllables_with_tone_marks_but_not_a_word_in_brackets():
    assert normalize("组建“洪城红(hóngchénghóng)管家”队伍").text == "组建“洪城红管家”队伍"
    assert normalize("采用(software)方式").text == "采用(software)方式"


def test_it_joins_groups_of_three_digits_a_yearbook_spaces_apart_before_a_unit():
    assert normalize("地区生产总值360 513万元,人口23 971户").text == "地区生产总值360513万元,人口23971户"
    assert normalize("2023 100个网格,第3 期").text == "2023 100个网格,第3 期"
    # A traditional page's units are read before it is converted.
    assert normalize("全旗生產總值完成151 442萬元,第二產業增加值75 686萬元").text \
        == "全旗生产总值完成151442万元,第二产业增加值75686万元"
