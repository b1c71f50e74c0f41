"""Fill locale/en/LC_MESSAGES/django.po from the table below, then compile with `manage.py compilemessages`.

Chinese is the source language; run `manage.py makemessages -l en --ignore=.venv --ignore=var` first when
strings change, then this script, so translations live in one reviewable table.
"""

import re
import sys
from pathlib import Path

PO = Path(__file__).resolve().parent / "en" / "LC_MESSAGES" / "django.po"

EN = {
    "简体中文": "简体中文",
    "English": "English",
    "报纸数据": "Newspaper data",
    "来源不一致": "Sources disagree",
    "未报告": "Not reported",
    "未分类": "Unclassified",
    "TF-IDF 权重": "TF-IDF weight",
    "市": "City",
    "区": "District",
    "县": "County",
    "名称": "Name",
    "类型": "Type",
    "所属市": "City",
    "所属省": "Province",
    "行政区划代码": "Administrative code",
    "区县": "District",
    "街道": "Subdistrict",
    "镇": "Town",
    "乡": "Township",
    "简称": "Short name",
    "所属区县": "District",
    "别名": "Aliases",
    "街道/镇": "Subdistrict/town",
    "报纸": "Newspaper",
    "覆盖地区": "Area covered",
    "排队": "Queued",
    "处理中": "Processing",
    "完成": "Done",
    "失败": "Failed",
    "出版日期": "Published",
    "地区": "Area",
    "原始文件": "Original file",
    "文件名": "File name",
    "SHA-256": "SHA-256",
    "格式": "Format",
    "编码": "Encoding",
    "状态": "Status",
    "错误信息": "Error message",
    "上传人": "Uploaded by",
    "上传时间": "Uploaded at",
    "处理完成时间": "Processed at",
    "处理耗时(毫秒)": "Processing time (ms)",
    "抽取器版本": "Extractor version",
    "任务编号": "Task id",
    "报纸期次": "Newspaper issue",
    "期次": "Issue",
    "版内序号": "Position on the page",
    "标题": "Title",
    "正文": "Text",
    "主要街道": "Main subdistrict",
    "年份": "Year",
    "文章": "Articles",
    "网格治理": "Grid governance",
    "养老服务": "Elderly care",
    "经济发展": "Economy",
    "党的建设": "Party building",
    "市场主体": "Market entities",
    "其他": "Other",
    "代码": "Key",
    "中文名称": "Chinese name",
    "英文名称": "English name",
    "单位": "Unit",
    "类别": "Category",
    "说明": "Description",
    "排序": "Order",
    "指标": "Metrics",
    "确数": "Exact",
    "约": "About",
    "以上": "Over",
    "以下": "Under",
    "自动抽取": "Extracted",
    "已确认": "Confirmed",
    "已驳回": "Rejected",
    "已更正": "Corrected",
    "名目": "Label",
    "未归入指标目录的数量的名词短语": "Noun phrase of a quantity outside the metric catalogue",
    "数值": "Value",
    "上限": "Upper value",
    "限定": "Qualifier",
    "备注": "Note",
    "原文句子": "Source sentence",
    "句子起点": "Sentence start",
    "句子终点": "Sentence end",
    "数字起点": "Number start",
    "数字终点": "Number end",
    "置信度": "Confidence",
    "审核状态": "Review status",
    "审核人": "Reviewed by",
    "审核时间": "Reviewed at",
    "原始抽取结果": "Extracted values",
    "数据": "Facts",
    "特色举措": "Initiatives",
    "数据明细（含出处）": "Facts with sources",
    "对比宽表（街道 × 指标）": "Wide table (subdistrict × metric)",
    "参数 metric：没有代码为 %(keys)s 的指标。": "Parameter metric: there is no metric with key %(keys)s.",
    "最多同时比较 %(limit)s 个指标。": "Compare at most %(limit)s metrics at once.",
    "对比宽表需要指定年份，例如 ?year=2023。": "The wide table needs a year, for example ?year=2023.",
    "%(metric)s：%(year)s年各街道": "%(metric)s by subdistrict, %(year)s",
    "%(metric)s：历年变化": "%(metric)s over the years",
    "%(metric)s：%(year)s年各区县": "%(metric)s by district, %(year)s",
    "各区县对比柱状图": "Bar chart comparing districts",
    "%(year)s年没有街道一级的数据，图中是区县的全区数值。":
        "%(year)s has no subdistrict figures; the chart shows whole-district figures.",
    "图中各地只有一个年份的数据，历年变化图要有两个年份以上的数据才画出。":
        "Each place here has figures for one year only; the change over the years is drawn once there are two.",
    "%(year)s年没有“%(metric)s”的数据。请在上方选择有数据的年份。":
        "No figures for “%(metric)s” in %(year)s. Choose a year with data above.",
    "当前筛选条件下没有“%(metric)s”的数据；不加筛选时共有 %(count)s 条。请放宽或清除筛选条件。":
        "No figures for “%(metric)s” match the current filters; without filters there are %(count)s. "
        "Widen or clear the filters.",
    "还没有任何报道给出“%(metric)s”的数值。上传含有这一指标的报纸后，这里会显示图表。":
        "No report has given a figure for “%(metric)s” yet. Once a newspaper with it is uploaded, "
        "the chart appears here.",
    "清除筛选，查看全部数据": "Clear the filters and see all data",
    "下载图片（PNG）": "Download plot as a PNG",
    "下载日期": "downloaded",
    "对比宽表需要指定年份，例如 ?year=2023，或年份范围 ?year_from=2021&year_to=2023。":
        "The wide table needs a year, e.g. ?year=2023, or a range, ?year_from=2021&year_to=2023.",
    "输入街道、区县名称或拼音筛选": "Name or pinyin, e.g. Sanjiang",
    "搜索街道/镇": "Search subdistricts and towns",
    "已选 __N__ 个，最多 %(max)s 个。有所选指标数据的街道排在前面。":
        "__N__ chosen, at most %(max)s. Places with data for the chosen metrics come first.",
    "已选 %(n)s 个，最多 %(max)s 个。有所选指标数据的街道排在前面。":
        "%(n)s chosen, at most %(max)s. Places with data for the chosen metrics come first.",
    "已选": "Chosen",
    "有所选指标数据": "With data for the chosen metrics",
    "无所选指标数据": "No data for the chosen metrics",
    "没有名称或拼音含这些字的街道。": "No place name or pinyin contains that.",
    "括号里是所选 %(count)s 个街道中有这一指标数据的个数。": (
        "In brackets: how many of the %(count)s chosen place report it.",
        "In brackets: how many of the %(count)s chosen places report it."),
    "（无数据）": " (no data)",
    "（%(n)s/%(total)s）": " (%(n)s/%(total)s)",
    "链接已复制，可以粘贴给别人。": "Link copied; paste it to share this view.",
    "还没有选择街道。请在上方“街道/镇”框中输入名称或拼音找到街道，勾选 1 到 12 个，再点“更新对比”。":
        "No place chosen yet. Find places by name or pinyin in the Subdistrict/town box above, tick 1 to 12 "
        "and press Update.",
    "还没有选择指标。请在上方“指标”中至少勾选一个，再点“更新对比”。":
        "No metric chosen yet. Tick at least one under Metrics above and press Update.",
    "未报告“%(metric)s”：": "Not reporting “%(metric)s”: ",
    "%(place)s 未报告": "%(place)s not reported",
    "%(year)s年未报告的街道（%(count)s 个）": ("Not reported in %(year)s (%(count)s)",
                                               "Not reported in %(year)s (%(count)s)"),
    "未报告的街道（%(count)s 个）": ("Not reported (%(count)s)", "Not reported (%(count)s)"),
    "等，共 %(rest)s 个": "and more, %(rest)s in all",
    "%(metric)s（按设施类型）": "%(metric)s by type of facility",
    "%(family)s：各街道最新报告值": "%(family)s: latest reported value per subdistrict",
    "参数 %(name)s 应为整数，收到“%(value)s”。": "Parameter %(name)s must be a whole number, got “%(value)s”.",
    "参数 %(name)s 应在 %(min)s 到 %(max)s 之间，收到 %(value)s。":
        "Parameter %(name)s must be between %(min)s and %(max)s, got %(value)s.",
    "参数 %(name)s 应为编号（正整数），收到“%(value)s”。":
        "Parameter %(name)s must be an id (a positive whole number), got “%(value)s”.",
    "参数 %(name)s 最多可选 %(limit)s 项，收到 %(count)s 项。":
        "Parameter %(name)s takes at most %(limit)s values, got %(count)s.",
    "参数 %(name)s 的取值“%(value)s”无效，可选：%(choices)s。":
        "“%(value)s” is not a valid value for %(name)s; choose one of: %(choices)s.",
    "参数 %(name)s：没有编号为 %(ids)s 的%(label)s。": "Parameter %(name)s: there is no %(label)s with id %(ids)s.",
    "起始年份 %(start)s 晚于结束年份 %(end)s。": "The first year %(start)s is after the last year %(end)s.",
    "已驳回的数据不对外显示，不能按此状态筛选。": "Rejected facts are never shown, so they cannot be filtered on.",
    "参数 status 的取值“%(value)s”无效，可选：%(choices)s。":
        "“%(value)s” is not a valid status; choose one of: %(choices)s.",
    "筛选条件": "Filters",
    "全部（不含已驳回的数据）": "Everything (rejected facts excluded)",
    "指标类别": "Metric category",
    "搜索词过长：最多 %(limit)s 个字。": "The search is too long: at most %(limit)s characters.",
    "%(place)s：报道关键词（TF-IDF 前 %(count)s）": "%(place)s: top %(count)s keywords of its coverage (TF-IDF)",
    "Home": "Home",
    "Django site admin": "Django site admin",
    "Django administration": "Django administration",
    "街道治理数据看板": "Subdistrict governance dashboard",
    "主导航": "Main navigation",
    "概览": "Overview",
    "对比": "Compare",
    "搜索": "Search",
    "搜索文章和举措": "Search articles and initiatives",
    "数据来自各区县报纸，每个数字可追溯到原文句子。":
        "Figures come from district newspapers; every number links to the sentence it came from.",
    "未报告：报纸没有给出该数字，图表中不画作零。":
        "Not reported: the newspapers give no figure; charts never draw it as zero.",
    "（无标题）": "(untitled)",
    "当前查看": "Selected",
    "点击高亮文字查看对应记录。": "Click highlighted text to open its record.",
    "本文数据": "Facts in this article",
    "未归属": "Unattributed",
    "查看记录": "record",
    "本文没有识别到数据。": "No facts were found in this article.",
    "请求参数有误": "Bad request",
    "去掉参数重新打开本页": "Open this page without parameters",
    "返回概览": "Back to the overview",
    "自选对比": "Compare",
    "选择街道、指标和年份。页面地址记录全部选择，复制链接即可让别人看到完全相同的视图。":
        "Pick subdistricts, metrics and years. The address records every choice: share the link and others see "
        "exactly this view.",
    "按住 Ctrl（Mac 上为 ⌘）可多选，最多 12 个。": "Hold Ctrl (⌘ on a Mac) to pick several, up to 12.",
    "年份与图形": "Years and chart",
    "起": "from",
    "止": "to",
    "柱状图": "Bars",
    "折线图": "Lines",
    "更新对比": "Update",
    "复制链接": "Copy link",
    "图表": "Chart",
    "表格": "Table",
    "请至少选择一个街道。": "Pick at least one subdistrict.",
    "下载数据": "Download the data",
    "下载内容与当前筛选一致。": "Downloads contain what the current filters show.",
    "下载全部数据（不含已驳回的数据）。": "Downloads contain every fact (rejected ones excluded).",
    "CSV 为带 BOM 的 UTF-8，可直接用 Excel 打开；XLSX 第二页记录筛选条件和导出时间。":
        "CSV is UTF-8 with a BOM, so Excel shows Chinese; the second XLSX sheet records the filters and the "
        "export time.",
    "审核": "Review",
    "来源": "Source",
    "（区县级）": "(district level)",
    "同一街道、年份和指标，不同来源给出的数值不一致": "Sources give different values for this place, year and metric",
    "没有符合筛选条件的数据。": "Nothing matches these filters.",
    "全部区县": "All districts",
    "全部类别": "All categories",
    "全部（不含已驳回）": "All (rejected excluded)",
    "筛选": "Filter",
    "清除筛选": "Clear filters",
    "分页": "Pages",
    "上一页": "Previous",
    "第 %(page)s / %(pages)s 页": "Page %(page)s of %(pages)s",
    "下一页": "Next",
    "柱状图年份": "Year of the bar chart",
    "%(reporting)s 个街道报告了这一指标，图中显示数值最大的 %(shown)s 个；全部数值见“表格”。":
        "%(reporting)s subdistricts report this metric; the chart shows the %(shown)s largest. The table lists "
        "them all.",
    "各街道对比柱状图": "Bar chart by subdistrict",
    "历年变化折线图": "Line chart over the years",
    "点击柱形或数据点打开报道原文中的句子。红框与菱形表示不同来源给出的数值不一致。":
        "Click a bar or point to open the sentence it came from. A red outline and diamonds mark sources that "
        "disagree.",
    "共 %(count)s 条数据": ("%(count)s fact", "%(count)s facts"),
    "指标目录": "Metric catalogue",
    "govdash 从报道中识别的指标，按类别列出。点击指标查看各街道的对比和历年变化。":
        "The metrics govdash finds in the coverage, by category. Open one to compare subdistricts and years.",
    "还没有指标目录。": "There is no metric catalogue yet.",
    "街道治理数据概览": "Overview of subdistrict governance",
    "比较 %(count)s 个街道/镇报告的网格、养老和经济指标。": (
        "Grids, elderly care and the economy as reported by %(count)s subdistrict.",
        "Grids, elderly care and the economy as reported by %(count)s subdistricts."),
    "每个柱形显示该街道最新报告的数值和年份；点击柱形可打开报道原文中的句子。":
        "Each bar shows a subdistrict's latest reported value and its year; click it to open the source sentence.",
    "本页的街道都未报告这一组指标。": "None of the subdistricts on this page reports these metrics.",
    "数据覆盖": "Coverage",
    "每格列出该街道报告该指标的年份；空格表示未报告。":
        "Each cell lists the years a subdistrict reports a metric; an empty cell means not reported.",
    "全文搜索": "Full-text search",
    "例如：微网格、养老服务站、津新驿站": "e.g. 微网格, 养老服务站, 津新驿站",
    "搜索词": "Search words",
    "超过 %(count)s 条结果：下面是最新 %(count)s 条中最相关的":
        "More than %(count)s results: the most relevant of the newest %(count)s",
    "单位：%(unit)s": "unit: %(unit)s",
    "%(count)s 条结果": ("%(count)s result", "%(count)s results"),
    "分词": "Words",
    "没有找到相关内容。": "Nothing found.",
    "请输入有意义的搜索词。": "Enter a word to search for.",
    "%(count)s 篇相关报道": ("%(count)s article", "%(count)s articles"),
    "与其他街道对比": "Compare with other subdistricts",
    "各项指标": "Metrics",
    "关键词画像": "Keyword profile",
    "关键词": "Keywords",
    "按 jieba 分词计算 TF-IDF（逆文档频率取自 jieba 词库），已去掉数字、常用套话和地名。":
        "TF-IDF over jieba's segmentation (IDF from jieba's dictionary), without numbers, stock phrases and place "
        "names.",
    "还没有相关报道。": "No articles yet.",
    "没有识别到特色举措。": "No initiatives found.",
    "相关报道": "Articles",
    "显示最新的 %(shown)s 篇。": "Showing the latest %(shown)s.",
    "搜索全部": "Search them all",
    "开始处理时间": "Processing started at",
    "登录已暂时锁定": "Login temporarily locked",
    "密码连续输错 %(limit)s 次，此账户从当前网络地址的登录已暂时锁定。":
        "After %(limit)s wrong passwords in a row, logins to this account from your network address are locked.",
    "请 %(minutes)s 分钟后再试；锁定期间即使输入正确的密码也无法登录。":
        "Try again in %(minutes)s minutes; while locked, even the right password is refused.",
    "如急需登录，请联系管理员解除锁定（python manage.py axes_reset_username 用户名），或用 python manage.py "
    "changepassword 用户名 重设密码。":
        "If you need to log in now, ask an administrator to lift the lock (python manage.py axes_reset_username "
        "NAME) or to reset your password (python manage.py changepassword NAME).",
    "返回登录页": "Back to the login page",
    # Error pages and the skip link
    "找不到这个页面": "Page not found",
    "地址可能写错了，或者这一页已经移走。": "The address may be mistyped, or the page has moved.",
    "服务器出错了": "Server error",
    "页面暂时打不开，错误已经记录。请稍后再试。":
        "The page cannot be shown right now; the error has been logged. Please try again later.",
    "跳到正文": "Skip to content",
    "约数": "approximate",
    "超过此数": "more than this",
    "不足此数": "less than this",
    "预计": "estimate",
    # Publication rule and near-repeat articles
    "未审核": "unreviewed",
    "自动抽取，尚未经人工审核": "Read automatically, not yet checked by a reviewer",
    "已由审核数值取代": "replaced by a reviewed value",
    "同一街道、年份和指标已有审核过的数值，图表显示审核后的数值":
        "A reviewed value exists for this subdistrict, year and metric; charts show the reviewed value",
    "已审核（已确认或已更正）": "Reviewed (confirmed or corrected)",
    "未审核（自动抽取）": "Unreviewed (read automatically)",
    "疑似重复于": "Near-repeat of",
    "相似度": "Similarity",
    "接受重复的审核人": "Repeat accepted by",
    "接受重复的时间": "Repeat accepted at",
    "待审重复": "Held as a near-repeat",
    # Data dictionary
    "截至当时累计": "running total to date",
    "累计数": "Running total",
    "仅%(part)s": "%(part)s only",
    "只统计了该指标的一部分，与统计全部的数值口径不同":
        "Counts only a part of what the metric counts: not the same measure as a whole count",
    "指标定义": "Metric definition",
    "定义": "Definition",
    "包括": "Includes",
    "口径提示": "Not the same measure",
    "全部指标的定义见数据字典": "Definitions of every metric are in the data dictionary",
    "数据字典": "Data dictionary",
    "每个指标统计什么、包括什么，以及报道中哪些相近的数字口径不同、不能直接比较。":
        "What each metric counts and includes, and which similar figures in the reports measure something else "
        "and cannot be compared directly.",
    "数据字典：每个指标的定义和口径": "Data dictionary: what each metric counts",
    "浅色带边框的柱形和空心点：自动抽取、尚未审核的数值；斜线：约数或预计。同一街道、年份和指标有审核过的数值时，只显示审核后的数值。":
        "Pale outlined bars and open points: values read automatically and not yet reviewed; hatching: approximate "
        "or estimated values. Where a subdistrict, year and metric has a reviewed value, only the reviewed value "
        "is shown.",
}


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _msgid(block: str) -> str | None:
    match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
    if not match:
        return None
    raw = "".join(re.findall(r'"(.*)"', match.group(1)))
    return raw.replace('\\"', '"').replace("\\n", "\n")


def main() -> int:
    header, *blocks = PO.read_text(encoding="utf-8").split("\n\n")
    missing, out = [], []
    for block in blocks:
        msgid = _msgid(block)
        translation = EN.get(msgid) if msgid is not None else None
        if translation is None:
            if msgid is not None:
                missing.append(msgid)
            out.append(block)
            continue
        head = block.split("\nmsgstr")[0].replace("#, fuzzy\n", "").replace("#, fuzzy, ", "#, ")
        # makemessages' guess from a similar string ("#| msgid ...") goes with the fuzzy flag.
        head = "\n".join(line for line in head.split("\n") if not line.startswith("#| "))
        if "msgid_plural" in head:
            singular, plural = translation if isinstance(translation, tuple) else (translation, translation)
            out.append(f"{head}\nmsgstr[0] {quote(singular)}\nmsgstr[1] {quote(plural)}")
        else:
            out.append(f"{head}\nmsgstr {quote(translation)}")
    header = header.replace("#, fuzzy\n", "").replace('"Language: \\n"', '"Language: en\\n"')
    header = re.sub(r'"Plural-Forms: .*', lambda _m: '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', header)
    PO.write_text("\n\n".join([header, *out]).rstrip("\n") + "\n", encoding="utf-8")
    for msgid in missing:
        print("untranslated:", msgid, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
