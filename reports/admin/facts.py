"""The review queue: facts filtered every useful way, confirmed or rejected in bulk, corrected one by one."""

import re

from django.contrib import admin, messages
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from reports import review
from reports.models import District, Fact, Subdistrict

Status = Fact.ReviewStatus
STATUS_COLOURS = {Status.AUTO: "#6c757d", Status.CONFIRMED: "#198754", Status.REJECTED: "#dc3545",
                  Status.CORRECTED: "#b35c00"}
QUALIFIER_SIGNS = {"exact": "", "about": "约", "over": "超", "under": "不足"}


def plain(number) -> str:
    """A Decimal without the trailing zeros of its four stored decimal places."""
    if number is None:
        return ""
    return f"{number.normalize():f}"


def highlighted(fact: Fact):
    before, number, after = review.evidence_parts(fact)
    return format_html('<span class="evidence">{}<mark>{}</mark>{}</span>', before, number, after)


class MetricFilter(RelatedOnlyFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Facts without a catalogue metric carry only a noun-phrase label.
        self.empty_value_display = "未归入指标（只有名目）"


class ClassifiedFilter(admin.SimpleListFilter):
    """The queue opens on catalogued figures; numbers the catalogue could not name wait under 候选 until a reviewer
    assigns a metric (which teaches the extractor the phrase) or rejects them."""

    title = "归类"
    parameter_name = "classified"
    CANDIDATES = "candidates"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [(self.CANDIDATES, "候选（未归入指标目录）"), (self.ALL, "全部")]

    def choices(self, changelist):
        # The default (no parameter) is the catalogued view, so the first choice names it instead of "全部".
        yield {"selected": self.value() is None, "query_string": changelist.get_query_string(
            remove=[self.parameter_name]), "display": "已归入指标目录"}
        for lookup, title in self.lookup_choices:
            yield {"selected": self.value() == lookup,
                   "query_string": changelist.get_query_string({self.parameter_name: lookup}), "display": title}

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.ALL or request.GET.get("article__id__exact") or request.GET.get("article__issue__id__exact"):
            return queryset
        if value == self.CANDIDATES:
            return queryset.filter(metric__isnull=True)
        return queryset.filter(metric__isnull=False)


REASON_WORDS = {
    "rule": {"before": "数字前的指标名", "after": "量词后的指标名", "list": "分别/并列",
             "previous_clause": "前一分句的指标名", "label_line": "“指标：数值”行", "growth": "增速跟随指标",
             "part": "其中部分", "regrouped": "调整后数值", "dated_start": "起始年份的数值",
             "part_of_other_place": "另一地点的其中部分", "table": "表格行与表头",
             "breakdown": "分地区列出", "place_share": "按地点分列", "section": "小标题所示指标",
             "total_of_earlier": "前文指标的总量", "value_added_topic": "前文产业的增加值",
             "before_in_context": "上下文中的指标名", "named_facility": "设施名称"},
    "place": {"sentence": "句中地名", "reference": "该街道/全镇等指代", "article": "文章主地点",
              "paragraph": "段首地名", "region": "报纸所属区县", "list": "并列的多个地点", "table": "表格行的地名",
              "none": "无"},
    "year": {"sentence": "句中年份", "heading": "小标题年份", "article": "文章开头年份", "publication": "出版年份",
             "table": "表头或表格行的年份", "none": "无"},
}


def reason_text(reasons: dict) -> str:
    """依据 in words: 指标 量词后的指标名；地点 文章主地点；年份 出版年份."""
    if not reasons:
        return ""
    rule = reasons.get("rule", "")
    rule_words = f"同义词“{rule.removeprefix('synonym:')}”" if rule.startswith("synonym:") else \
        REASON_WORDS["rule"].get(rule, rule or "未归类")
    return (f"指标 {rule_words}；地点 {REASON_WORDS['place'].get(reasons.get('place', ''), '?')}；"
            f"年份 {REASON_WORDS['year'].get(reasons.get('year', ''), '?')}")


class PlaceFilter(admin.SimpleListFilter):
    title = "街道/镇"
    parameter_name = "place"
    DISTRICT_LEVEL = "district-level"
    UNATTRIBUTED = "none"

    def lookups(self, request, model_admin):
        rows = (Subdistrict.objects.filter(facts__isnull=False).distinct()
                .order_by("district__name", "name").values_list("pk", "name", "district__name"))
        return [(self.UNATTRIBUTED, "未归属（文中没有可识别的地点）"), (self.DISTRICT_LEVEL, "区县级数据"),
                *((str(pk), f"{name}（{district}）") for pk, name, district in rows)]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.UNATTRIBUTED:
            return queryset.filter(subdistrict=None, district=None)
        if value == self.DISTRICT_LEVEL:
            return queryset.filter(subdistrict=None).exclude(district=None)
        return queryset.filter(subdistrict_id=int(value)) if _whole(value) else queryset


def _whole(value) -> bool:
    # ASCII digits only, and few of them: str.isdigit() takes "²" and int() refuses 5,000 digits.
    return bool(value) and re.fullmatch(r"[0-9]{1,18}", value) is not None


class DistrictFilter(admin.SimpleListFilter):
    title = "区县"
    parameter_name = "district"

    def lookups(self, request, model_admin):
        rows = District.objects.filter(facts__isnull=False).distinct().order_by("admin_code", "name")
        return [(str(d.pk), d.name if not d.city or d.city == d.name else f"{d.name}（{d.city}）") for d in rows]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(district_id=int(value)) if _whole(value) else queryset


class YearFilter(admin.SimpleListFilter):
    title = "年份"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Fact.objects.exclude(year=None).values_list("year", flat=True).distinct().order_by("-year")
        return [("none", "未识别年份"), *((str(y), f"{y} 年") for y in years)]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "none":
            return queryset.filter(year=None)
        return queryset.filter(year=int(value)) if _whole(value) else queryset


class RepeatFilter(admin.SimpleListFilter):
    """Figures of articles that nearly repeat an earlier one: held off public pages until a reviewer accepts the
    article (or confirms or corrects the figure itself)."""

    title = "疑似重复文章"
    parameter_name = "repeat"

    def lookups(self, request, model_admin):
        return [("held", "待审（暂不公开）"), ("accepted", "已接受")]

    def queryset(self, request, queryset):
        if self.value() == "held":
            return queryset.filter(held=True)
        if self.value() == "accepted":
            return queryset.filter(article__duplicate_accepted_at__isnull=False)
        return queryset


@admin.register(Fact)
class FactAdmin(admin.ModelAdmin):
    list_display = ["evidence_column", "place", "year", "metric_column", "value_column", "status_badge",
                    "confidence_column", "source"]
    list_display_links = ["evidence_column"]
    list_filter = [ClassifiedFilter, "review_status", RepeatFilter, PlaceFilter, DistrictFilter,
                   ("metric", MetricFilter), YearFilter, ("article__issue__publication", RelatedOnlyFieldListFilter)]
    search_fields = ["evidence", "label", "subdistrict__name", "district__name"]
    list_select_related = ["subdistrict", "district", "metric", "article__issue__publication",
                           "article__duplicate_of"]
    list_per_page = 50
    # The weakest readings first: a reviewer's time goes where the extractor was least sure.
    ordering = ["confidence", "article", "start"]
    actions = ["confirm", "reject", "accept_repeats"]
    autocomplete_fields = ["metric", "subdistrict", "district"]
    fieldsets = [
        ("原文", {"fields": ["evidence_column", "article_link", "source"]}),
        ("数据（修改数值、指标、地点或年份即记为“已更正”）",
         {"fields": ["metric", "label", "value", "upper_value", "unit", "qualifier", "subdistrict", "district",
                     "year", "note"]}),
        ("审核", {"fields": ["status_badge", "reviewed_by", "reviewed_at", "original", "confidence",
                           "reasons_column", "extractor_version"]}),
    ]
    readonly_fields = ["evidence_column", "article_link", "source", "status_badge", "reviewed_by", "reviewed_at",
                       "original", "confidence", "reasons_column", "extractor_version"]
    change_list_template = "admin/reports/fact/change_list.html"

    def has_add_permission(self, request):
        # Facts come from extraction; reviewers correct them, nobody types them in.
        return False

    def lookup_allowed(self, lookup, value, request=None):
        # The issue and article pages link to "this issue's / this article's facts".
        return lookup in ("article__issue__id__exact", "article__id__exact") or super().lookup_allowed(
            lookup, value, request)

    @admin.display(description="原文句子（数字高亮）")
    def evidence_column(self, fact):
        return highlighted(fact)

    @admin.display(description="地点", ordering="subdistrict__name")
    def place(self, fact):
        if fact.subdistrict_id:
            return f"{fact.subdistrict.name}（{fact.district.name}）" if fact.district_id else fact.subdistrict.name
        if fact.district_id:
            return fact.district.name
        return format_html('<em class="unattributed">{}</em>', "未归属")

    @admin.display(description="指标", ordering="metric__position")
    def metric_column(self, fact):
        return fact.metric.name_zh if fact.metric_id else format_html("<em>{}</em>", fact.label)

    @admin.display(description="数值", ordering="value")
    def value_column(self, fact):
        shown = f"{QUALIFIER_SIGNS.get(fact.qualifier, '')}{plain(fact.value)}"
        if fact.upper_value is not None:
            shown += f"–{plain(fact.upper_value)}"
        shown += f" {fact.unit}".rstrip()
        original = (fact.extracted or {}).get("value")
        if fact.review_status == Status.CORRECTED and original is not None and original != str(fact.value):
            from decimal import Decimal

            return format_html('{} <del class="original-value" title="抽取结果">{}</del>', shown,
                               plain(Decimal(original)))
        return shown

    @admin.display(description="审核状态", ordering="review_status")
    def status_badge(self, fact):
        badge = format_html('<strong class="review-status" data-status="{}" style="color:{}">{}</strong>',
                            fact.review_status, STATUS_COLOURS[fact.review_status], fact.get_review_status_display())
        if not fact.held:
            return badge
        original = fact.article.duplicate_of
        repeats = "（原文已删除）" if original is None else format_html(
            '<a href="{}">第 {} 期第 {} 篇</a>', reverse("admin:reports_article_change", args=[original.pk]),
            original.issue_id, original.position + 1)
        return format_html('{}<div class="repeat-held" style="color:#664d03">疑似重复 {}（相似度 {}），暂不公开</div>',
                           badge, repeats, f"{fact.article.similarity or 0:.0%}")

    @admin.display(description="置信度", ordering="confidence")
    def confidence_column(self, fact):
        return format_html('<span class="confidence" title="{}">{}</span>', reason_text(fact.reasons),
                           f"{fact.confidence:.2f}")

    @admin.display(description="抽取依据")
    def reasons_column(self, fact):
        return reason_text(fact.reasons) or "（无记录）"

    @admin.display(description="来源", ordering="article__issue__published")
    def source(self, fact):
        issue = fact.article.issue
        return f"{issue.publication} {issue.published or ''}".strip()

    @admin.display(description="文章")
    def article_link(self, fact):
        url = reverse("admin:reports_article_change", args=[fact.article_id])
        return format_html('<a href="{}">{}</a>', url, fact.article)

    @admin.display(description="抽取器原始结果")
    def original(self, fact):
        if not fact.extracted:
            return "（与当前值相同）"
        snapshot = fact.extracted
        rows = [("指标", snapshot.get("metric") or snapshot.get("label")),
                ("数值", snapshot.get("value")), ("上限", snapshot.get("upper_value")),
                ("单位", snapshot.get("unit")),
                ("地点", snapshot.get("subdistrict") or snapshot.get("district") or "未归属"),
                ("年份", snapshot.get("year"))]
        return format_html_join("", "<div>{}：{}</div>", ((k, "" if v is None else v) for k, v in rows))

    def save_model(self, request, obj, form, change):
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in review.EDITABLE_FIELDS}
        review.correct_fact(fact_id=obj.pk, user=request.user, changes=changes)

    @admin.action(description="确认选中的数据", permissions=["change"])
    def confirm(self, request, queryset):
        count = review.confirm_facts(facts=queryset, user=request.user)
        self.message_user(request, f"已确认 {count} 条数据。", messages.SUCCESS)

    @admin.action(description="驳回选中的数据", permissions=["change"])
    def reject(self, request, queryset):
        count = review.reject_facts(facts=queryset, user=request.user)
        self.message_user(request, f"已驳回 {count} 条数据；驳回的数据不再出现在看板和导出中。", messages.SUCCESS)

    @admin.action(description="接受疑似重复文章（公开选中数据所在文章的数据）", permissions=["change"])
    def accept_repeats(self, request, queryset):
        from reports.models import Article

        articles, facts = review.accept_repeats(
            articles=Article.objects.filter(pk__in=queryset.values("article_id")), user=request.user)
        if not articles:
            self.message_user(request, "选中的数据不在待审的疑似重复文章中，未做改动。", messages.WARNING)
            return
        self.message_user(request, f"已接受 {articles} 篇疑似重复文章，其中 {facts} 条数据现已公开。"
                                   "如与其他来源不一致，会在“冲突”中列出。", messages.SUCCESS)

    def get_urls(self):
        conflicts = self.admin_site.admin_view(self.conflicts_view)
        return [path("conflicts/", conflicts, name="reports_fact_conflicts"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        _, conflict_count = review.conflicts(limit=0)
        extra_context = {**(extra_context or {}), "conflict_count": conflict_count}
        return super().changelist_view(request, extra_context=extra_context)

    def conflicts_view(self, request):
        if not self.has_view_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        groups, total = review.conflicts()
        changelist = reverse("admin:reports_fact_changelist")
        rows = []
        for group in groups:
            query = f"?year={group.year}&metric__id__exact={group.metric.pk}"
            query += f"&place={group.subdistrict.pk}" if group.subdistrict else f"&district={group.district.pk}"
            rows.append({"group": group, "filter_url": changelist + query,
                         "facts": [{"fact": f, "evidence": highlighted(f), "value": self.value_column(f),
                                    "status": self.status_badge(f), "source": self.source(f),
                                    "url": reverse("admin:reports_fact_change", args=[f.pk])} for f in group.facts]})
        context = {**self.admin_site.each_context(request), "title": "冲突：同一地点、年份、指标的不同数值",
                   "opts": self.model._meta, "rows": rows, "total": total, "shown": len(rows)}
        return TemplateResponse(request, "admin/reports/fact/conflicts.html", context)
