"""Stage 7: named local initiatives."""

from reports.extract.initiatives import categorize, find_initiatives

from .helpers import run, seed


def _names(sentence):
    return [i.name for i in find_initiatives(sentence)]


def test_it_finds_quoted_names_introduced_by_verbs_of_creation():
    assert _names("打造全区首个“津新驿站”,为基层社会治理注入新活力。") == ["津新驿站"]
    assert _names("几江街道推出“一刻钟党群服务圈”,让服务一网汇聚。") == ["一刻钟党群服务圈"]
    assert _names("形成“2121服务为你”为民服务活动品牌。") == ["2121服务为你"]
    assert _names("创新推行红色党务、绿色政务等“四色四务”20项对企服务。") == ["四色四务"]
    assert _names("街道创新“红岩能量值”网格激励机制。") == ["红岩能量值"]
    assert _names("打造了有暖心齐全设施、关怀备至服务的“小哥驿站”。") == ["小哥驿站"]


def test_it_finds_all_the_named_initiatives_of_the_seed_pages():
    names = {i.name for prefix in ("000", "001", "002", "003") for i in seed(prefix).initiatives}
    assert {"津新驿站", "2121服务为你", "一刻钟党群服务圈", "四色四务", "红岩能量值", "小哥驿站"} <= names


def test_it_does_not_take_slogans_for_initiatives():
    assert _names("紧扣“疫情要防住,经济要稳住,发展要安全”工作思路。") == []
    assert _names("探索“排查、整改、培训、演练”四步工作法。") == []
    assert _names("建立“区—镇街—村居—网格员—社工”五级机制。") == []
    assert _names("以用好“八张问题清单”、建立“八张报表”、构建“五项机制”为关键抓手。") == []


def test_it_does_not_take_honours_for_initiatives():
    assert _names("三河村劝导站获评“全市文明交通安全劝导站”。") == []
    assert _names("成功创建首批江津区“银龄健康之家”。") == []
    assert _names("创建“全国文明城市”称号。") == []
    assert _names("申报创建“五星级”党支部2个,申报创建“和谐宜居之家”1个。") == []
    assert _names("成功创建2个“基层党建先锋”、1个“服务群众先锋”。") == []
    assert _names("成功打造“邻里驿站”。") == ["邻里驿站"]


def test_it_does_not_take_document_titles_or_goals_for_initiatives():
    assert _names("制定《圣泉街道综治中心智慧化运行实施方案》,建立工作台账。") == []
    assert _names("作题为《创新发展“晋江经验”高质量打造“产城人”融合发展的梅岭样板》的报告。") == []
    assert _names("街道打造“产城人”融合发展品牌。") == ["产城人"]
    assert _names("聚焦打造“城郊乡村振兴示范地”。") == []
    assert _names("形成“6+X”的大综治中心格局。") == []


def test_it_needs_a_verb_of_creation():
    assert _names("在“学”上突出凝心铸魂,弘扬“博爱”精神。") == []


def test_it_categorizes_initiatives():
    assert categorize("津新驿站", "") == "便民服务"
    assert categorize("一刻钟党群服务圈", "") == "党建"
    assert categorize("红岩能量值", "街道创新“红岩能量值”网格激励机制", head="网格激励机制") == "网格治理"
    assert categorize("家门口的养老站", "") == "养老"
    assert categorize("四色四务", "以党群服务中心为阵地,推行红色党务、绿色政务,建强楼宇党组织") == "党建"
    assert categorize("万企万商", "招商引资,企业发展") == "经济发展"
    assert categorize("某某", "") == "其他"


def test_it_keeps_the_sentence_as_description_with_offsets():
    extraction = seed("000")
    (station,) = [i for i in extraction.initiatives if i.name == "津新驿站"]
    text = extraction.articles[station.article].text
    assert text[station.start:station.end] == station.description
    assert station.description.startswith("打造全区首个“津新驿站”")
    assert station.place.name == "圣泉街道" and station.year == 2023
    assert 0 < station.confidence <= 1


def test_it_deduplicates_initiatives_per_place_and_year():
    page = ("玉林街道便民服务\n\n玉林街道打造“邻里驿站”,服务居民。街道还打造“邻里驿站”二期。\n\n"
            "簇桥街道经验\n\n本报讯 簇桥街道打造“邻里驿站”。\n")
    extraction = run(page, region="武侯区")
    assert sorted((i.place.name, i.name) for i in extraction.initiatives) == [
        ("玉林街道", "邻里驿站"), ("簇桥街道", "邻里驿站")]


def test_it_takes_numeric_codes_with_the_method_they_name():
    assert _names("大力培育“1422”工作法,现辖区监控视频全覆盖。") == ["1422工作法"]
    assert _names("街道打造“741”志愿兵团。") == ["741志愿兵团"]
    assert _names("建立健全“三级五星”晾晒交流机制。") == ["三级五星"]
    # numerals naming a layout or a result are no method
    assert _names("镇区内形成了“三纵四横”的道路网络。") == []
    assert _names("形成“6+X”的大综治中心格局。") == []


def test_it_takes_a_name_branded_as_the_places_own_without_a_verb():
    assert _names("福建路社区“移动办公桌”党建引领民主协商议事品牌深受好评。") == ["移动办公桌"]
    assert _names("以“我为小哥讲党课”为载体,开展学习。") == ["我为小哥讲党课"]
    assert _names("社区“移动办公桌”受到好评。") == []


def test_it_does_not_take_generic_units_formulas_bodies_or_metaphors():
    assert _names("建立起以楼栋长为成员的“微网格长”队伍。") == []
    assert _names("在小区设立4个“车库”党小组。") == []
    assert _names("建立“专岗+轮值”“平时+战时”运行模式。") == []
    assert _names("共同组建的“首科蓉智研究院”正式揭牌。") == []
    assert _names("田南镇以创建“省卫生乡镇”为契机,推动环境整治。") == []
    assert _names("圣泉街道打造“卫生服务驿站”。") == ["卫生服务驿站"]
    assert _names("搭建起党与人民的“连心桥”。") == []
    assert _names("创建了南明区社区“党建工作示范点”1家。") == []


def test_it_does_not_take_campaigns_of_a_higher_level():
    assert _names("建立健全“我为群众办实事”长效机制。") == []
    assert _names("打造新时代“红岩先锋”变革型组织。") == []
    assert _names("持续开展招商引资“百日会战”等专项行动。") == []
    assert _names("开展村社区换届“回头看”。") == []


def test_it_lists_no_five_year_plan_no_two_character_word_and_no_national_programme_but_keeps_a_short_code_method():
    from reports.extract.initiatives import find_initiatives
    assert find_initiatives("2023年是实施“十四五”规划承前启后的关键一年。") == []
    assert find_initiatives("推动形成“善治”与“善智”互构的新图景,打造“四纵”综合信息平台。") == []
    assert find_initiatives("大东区将打造5个“完整社区”,推进“一村一品”。") == []
    assert find_initiatives("探索“共建共治共享”新路径,打造基层治理“升级版”。") == []
    assert [i.name for i in find_initiatives("打造“邻里升级版”服务品牌。")] == ["邻里升级版"]
    assert [i.name for i in find_initiatives("朝天门街道创新双网格“三缘”工作法。")] == ["三缘工作法"]


def test_it_leaves_out_quotes_that_describe_rather_than_name():
    # a layout, a structure or a manner
    assert _names("构建起内畅外联、四通八达的“四铁三高两快”城市骨干路网。") == []
    assert _names("形成了“一江多湖多公园”的剑江绿色生态景观带。") == []
    assert _names("华州街道积极构建“党建一体”格局。") == []
    assert _names("建立“选育管用”全链条。") == []
    assert _names("以构建“互嵌式”社会结构为着力点。") == []
    # steps of work, metaphors, phrases and projects
    assert _names("通过“建立一份关心关爱台账”“确定一对一志愿服务员”等举措。") == []
    assert _names("搭建起基层治理的“四梁八柱”。") == []
    assert _names("持续为老年人打造“舌尖上的幸福晚年”。") == []
    assert _names("启动建设“农科芯城”。") == []
    # and still a name where a verb of creation or a brand noun says so
    assert _names("打造了有暖心齐全设施、关怀备至服务的“小哥驿站”。") == ["小哥驿站"]


def test_it_leaves_out_honours_programmes_of_a_province_and_organisation_forms():
    assert _names("荣获“中国鞋都”“世界茄克之都”等15项“国字号”区域产业品牌。") == []
    assert _names("乾州古城非遗园成功创建“湖南省特色文化产业示范园区”。") == []
    assert _names("报告称,广东实施“百千万工程”以来,全省镇域工业实力不断增强。") == []
    assert _names("横向推行街道“大工委”、社区“联合党委”。") == []
    assert _names("福建路社区“移动办公桌”党建引领民主协商议事品牌深受好评。") == ["移动办公桌"]


def test_it_leaves_out_conjunctions_resources_generic_mechanisms_and_national_frameworks():
    assert _names("崇武镇通过建立“督查与通报”“红黑榜”等定期通报制度。") == []
    assert _names("天府街道创新整合“校地企”资源,加强“校地企”联动。") == []
    assert _names("构建志愿服务“红色引擎”。") == []
    assert _names("殷涧镇推行“三治融合”,完善“一约四会”。") == []
    assert _names("采用漫画打造以和谐为主题的“和文化”社区。") == []
    # a mechanism noun after the quote still makes it a name
    assert _names("金家岭街道构建完善“一核三圈四治”社区惠民服务体系。") == ["一核三圈四治"]


def test_it_leaves_out_one_example_of_a_kind_and_keeps_a_mechanism_described_by_de():
    assert _names("健全完善“第一议题”“理论学习中心组”“三会一课”等理论学习制度。") == []
    assert _names("培育孵化“群防群治”等8支专项队伍。") == []
    assert _names("在二桥西社区,创新推行“逢四说事”的协商机制。") == ["逢四说事"]


def test_it_leaves_out_formulas_scales_structures_and_the_words_of_the_countrys_leaders():
    assert _names("落实“四个一”工作机制,实施“五个一”推进行动。") == []
    assert _names("建立“红橙黄蓝”四色预警机制。") == []
    assert _names("构建起“区中心-街道所-社区站”三级文明实践工作体系。") == []
    assert _names("今年是习近平总书记作出“湾底嘱托”20周年。") == []
    assert _names("坚定不移实施“八八战略”,设立“应急微网格”14个,构建“四篇文章”工作推进机制。") == []
    assert _names("街道创新“红岩能量值”网格激励机制。") == ["红岩能量值"]


def test_it_leaves_out_documents_titles_with_a_level_generic_bodies_and_national_concepts():
    assert _names("制定全域网格化实施办法“1+5”文件。") == []
    assert _names("成功创建“全国最美农村公路”。") == []
    assert _names("推行党建引领下“居民理事会”治理模式,全面推行“党支部建在网格上”。") == []
    assert _names("打造“社会治理共同体”,推行“微治理”。") == []
    assert _names("创新推行“院落微治理”机制。") == ["院落微治理"]
    assert _names("创立“丰文人语议事会”制度。") == ["丰文人语议事会"]


def test_it_leaves_out_a_quote_whose_verb_is_separated_from_it_by_a_description():
    assert _names("践行为民宗旨,打造便民多元“幸福网”。") == []
    assert _names("与研究院共建“产学研用”平台,新引进人才7名。") == []
    # a place, a count or a rank between them says where or how many; a code names what the noun before it is
    assert _names("推进红白喜事简办,打造殷北村“新风堂”,传播文明新风。") == ["新风堂"]
    assert _names("白沙洲街道全面推行网格管理组团服务“580”。") == ["580"]


def test_it_reads_the_noun_after_a_run_of_quotes_as_what_each_of_them_names():
    assert _names("大力实施“产业富区”、“三产强区”和“总部经济”发展战略。") == []
    assert _names("近年来,江油着力构建“3+6”现代农业体系。") == []
    assert _names("街道探索“红色管家”“邻里议事”工作法。") == ["红色管家", "邻里议事"]


def test_it_leaves_out_an_award_named_long_after_its_verb():
    assert _names("该做法获评全国第六届基层党建创新典型案例“优秀案例”。") == []


def test_it_leaves_out_concepts_titles_reaches_of_service_metaphors_and_generic_records():
    assert _names("东升街道率先探索引入“OSM”现场管理理念。") == []
    assert _names("成功创建“四好农村路”(8)省级示范县。") == []
    assert _names("打造“家门口5分钟服务圈”。") == []
    assert _names("商贸业成为街道经济发展的“三驾马车”。") == []
    assert _names("分类建立“民生档案”,夯实民情数据基础。") == []
    assert _names("以“微网实格”为载体,深入开展“敲门”行动。") == []


def test_it_keeps_a_name_set_beside_its_kind_by_a_dash():
    assert _names("黄岛街道首创网格共享驿站—“民生小站”,方便居民办事。") == ["民生小站"]


def test_it_leaves_out_names_made_of_generic_words_and_more_frameworks_of_a_higher_level():
    assert _names("以“多元联动”为抓手提质增效。") == []
    assert _names("建立了强大的“网格化组织网络”。") == []
    assert _names("基本形成道路“村村通”立体网络。") == []
    assert _names("王庄乡举办“一中心一张网十联户”现场观摩活动。") == []


def test_it_leaves_out_kinds_of_things_counted_and_common_formulas_of_work():
    assert _names("目前,汕头已建成“长者饭堂”85家。") == []
    assert _names("街道打造3个“红色驿站”。") == []
    assert _names("完善“一企一档”“一企一策”动态监测体系。") == []
    assert _names("推行“点对点”服务。") == []
    assert _names("园林街道将打造便民“生活圈”、壮大社区“经济圈”。") == []
    # a numeral code of that shape, and a single one named, still count
    assert _names("完善“一五一十”快反快处机制。") == ["一五一十"]
    assert _names("打造一个“幸福里”服务品牌。") == ["幸福里"]


def test_it_takes_a_quoted_platform_or_app_for_a_name_and_leaves_out_those_named_after_a_province():
    assert _names("通过“格事会”平台,居民线上议事。") == ["格事会"]
    assert _names("开发“平安并州”支付宝小程序。") == ["平安并州"]
    assert _names("通过“掌上海淀”客户端构建数字社区。") == ["掌上海淀"]
    assert _names("“志愿江苏”平台志愿者登记人数突破124万人。") == []
    assert _names("用好“天门·中国时尚服装特色小镇”平台。") == []


def test_a_name_merely_carried_out_is_none_unless_invented_or_an_action_of_the_places_own():
    assert _names("全区大力实施“七增计划”,全面推进“五大工程”。") == []
    assert _names("继续实施“交钥匙工程”和“千万元以上项目审批代理制度”。") == []
    assert _names("七里街道党工委创新实施党建引领“三联三治”模式。") == ["三联三治"]
    assert _names("实施“幸福小江”行动强化未成年人保护。") == ["幸福小江"]


def test_a_city_layout_is_no_initiative_but_a_system_of_work_is():
    assert _names("同安区将加快构建“一圈一轴双翼”城市发展格局。") == []
    assert _names("着力构建“三带三心”城市格局。") == []
    assert _names("天津武清区下伍旗镇构建“三进三提升”网格化治理体系。") == ["三进三提升"]


def test_how_a_task_office_is_staffed_is_no_initiative():
    assert _names("迅速成立疫情管控工作“一办七组”,召开专题会议40余次。") == []


def test_a_reach_in_minutes_is_no_initiative():
    assert _names("卫生医疗保障融入服务站,构建起“三分钟”家门口的网格服务圈。") == []


def test_a_numeral_code_names_a_system_of_work_with_its_noun():
    assert _names("该区创新推出“1234”工作体系,打造基层治理新格局。") == ["1234工作体系"]
    assert _names("该区创新推出“1234”体系文件汇编。") != ["1234体系文件汇编"]


def test_it_reads_a_name_quoted_in_corner_brackets():
    found = find_initiatives("黄浦区打造了一批「老字号长者餐厅」并实现全区通享服务。")
    assert [i.name for i in found] == ["老字号长者餐厅"]


def test_it_does_not_take_one_off_events_for_initiatives():
    assert _names("成功举办“渔村十景摄影大赛”和“首届渔民丰收节”活动。") == []
    assert _names("街道举办“同心·慈善之夜”活动,募集善款3万元。") == []
    assert _names("社区打造“朝霞·邻里节”活动品牌。") == ["朝霞·邻里节"]


def test_a_theme_is_no_initiative_but_a_carrier_is():
    assert _names("镇里以“经济攻坚年”为主题,深入推进产业升级。") == []
    assert _names("以“我为小哥讲党课”为载体,凝聚新就业群体。") == ["我为小哥讲党课"]


def test_samples_of_a_counted_kind_are_no_initiatives_but_counted_brands_are():
    assert _names("党员成立了“助老暖心”“红心向党”等22个特色志愿服务队。") == []
    names = _names("街道打造了“锋领楼道”“睦邻佳家”“青松苑”等15个志愿服务品牌。")
    assert "锋领楼道" in names and "睦邻佳家" in names


def test_what_something_is_turned_into_is_no_initiative():
    assert _names("真正把网格打造成发现风险、解决问题的“第一阵地”。") == []
    assert _names("把社区打造成“完整社区”。") == []


def test_goals_series_of_stories_records_and_names_built_on_a_metaphor_are_no_initiatives():
    assert _names("去年该镇以打造“工贸型特色名镇”为目标,加快推进。") == []
    assert _names("本报从今日起推出“强富美高新城关”系列报道。") == []
    assert _names("系统构建“建制镇综合实力指数”。") == []
    assert _names("通过“党建+”工作模式开启创建全国文明典范城市“城关加速度”。") == []
    assert _names("街道打造“城关驿站”,服务新就业群体。") == ["城关驿站"]


def test_it_takes_a_quality_before_the_place_s_own_name_for_a_slogan():
    page = "香河发展\n\n香河县坚持发展率先,全力打造“财富香河”。\n\n伍家岗区以“吾爱伍家”志愿服务品牌建设作为破题之钥。\n"
    assert [i.name for i in run(page, region="廊坊市").initiatives] == ["吾爱伍家"]


def test_it_takes_common_terms_roles_and_metaphors_for_no_names():
    assert _names("推行“小网格”为平台的“微治理”,优化基层社会治理格局。") == []
    assert _names("城市管理在全市率先推行街巷“路段长”管理责任制。") == []
    assert _names("书记领航构建“一盘棋”。") == []
    assert _names("全县上下奋力打造“重要窗口”。") == []
    assert _names("推广“工改工”和工业地产等发展模式建设专业园区。") == []


def test_it_finds_a_method_named_as_such_without_a_verb_of_creation():
    assert _names("在二桥西社区,“逢四说事”的协商机制已践行多年。") == ["逢四说事"]
    assert _names("“禾坪说事”基层治理模式在全县推广。") == ["禾坪说事"]


def test_it_takes_a_framework_the_place_follows_for_none_of_its_own():
    assert _names("该镇全力贯彻落实市“营商专员”驻企帮扶工作机制。") == []
    assert _names("该社区按照区“144N社区生活汇”创新治理模式,探索社区治理。") == []
    assert _names("认真贯彻县委、政府实行“三分之一”的工作机制的要求。") == []


def test_it_lists_every_brand_of_a_run_the_place_names_as_its_own():
    assert _names("子午镇做强“红扇子”“小挎包”两大核心品牌。") == ["红扇子", "小挎包"]
    assert _names("打造了“戚力同心”“睦邻驿家”等15个志愿服务品牌。") == ["戚力同心", "睦邻驿家"]
    assert _names("依托“板凳会”、“村民议事会”等多个平台。") == []
