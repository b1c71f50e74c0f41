"""Reference tables and the stored articles, mostly for looking things up and for autocomplete."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from reports.models import Article, District, Initiative, Metric, Publication, Subdistrict


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city", "province", "admin_code"]
    list_filter = ["kind", "city"]
    search_fields = ["name", "city", "admin_code"]


@admin.register(Subdistrict)
class SubdistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "district", "admin_code"]
    list_filter = ["kind", ("district", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "short_name", "aliases", "district__name", "admin_code"]
    list_select_related = ["district"]
    autocomplete_fields = ["district"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["name", "region"]
    search_fields = ["name"]
    autocomplete_fields = ["region"]


@admin.register(Metric)
class MetricAdmin(admin.ModelAdmin):
    list_display = ["name_zh", "key", "unit", "category", "position"]
    list_filter = ["category"]
    search_fields = ["name_zh", "name_en", "key"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "issue", "position", "subdistrict", "district", "year", "fact_count"]
    list_filter = [("issue__publication", admin.RelatedOnlyFieldListFilter), "year"]
    search_fields = ["title", "text"]
    list_select_related = ["issue__publication", "subdistrict", "district"]
    # The text is shown, never edited: facts point into it by character offsets.
    fields = ["issue", "position", "title", "subdistrict", "district", "year", "facts_link", "repeat", "text"]
    readonly_fields = ["issue", "position", "title", "facts_link", "repeat", "text"]
    autocomplete_fields = ["subdistrict", "district"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(fact_total=Count("facts"))

    def has_add_permission(self, request):
        return False

    @admin.display(description="数据", ordering="fact_total")
    def fact_count(self, article):
        return article.fact_total

    @admin.display(description="疑似重复")
    def repeat(self, article):
        original = article.duplicate_of
        if original is None:
            return "否"
        url = reverse("admin:reports_article_change", args=[original.pk])
        state = (f"已由 {article.duplicate_accepted_by or '审核人'} 接受" if article.duplicate_accepted_at
                 else "待审核，数据暂不公开")
        return format_html('与 <a href="{}">第 {} 期第 {} 篇《{}》</a> 几乎相同（相似度 {}）：{}', url,
                           original.issue_id, original.position + 1, original.title, f"{article.similarity or 0:.0%}",
                           state)

    @admin.display(description="本文数据")
    def facts_link(self, article):
        url = reverse("admin:reports_fact_changelist") + f"?article__id__exact={article.pk}"
        return format_html('<a href="{}">{} 条</a>', url, article.facts.count())


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "subdistrict", "district", "year", "article"]
    list_filter = ["category", "year"]
    search_fields = ["name", "evidence"]
    list_select_related = ["subdistrict", "district", "article"]
    autocomplete_fields = ["subdistrict", "district"]
    readonly_fields = ["article", "evidence", "start", "end", "confidence", "extractor_version"]

    def has_add_permission(self, request):
        return False
