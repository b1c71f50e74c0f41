from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    """A city, district or county: the level above a subdistrict, or a place facts are about."""

    class Kind(models.TextChoices):
        CITY = "city", _("市")
        DISTRICT = "district", _("区")
        COUNTY = "county", _("县")

    name = models.CharField(_("名称"), max_length=64)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices, default=Kind.DISTRICT)
    city = models.CharField(_("所属市"), max_length=64, blank=True)
    province = models.CharField(_("所属省"), max_length=64, blank=True)
    admin_code = models.CharField(_("行政区划代码"), max_length=12, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("区县")
        verbose_name_plural = _("区县")
        ordering = ["admin_code", "name"]
        constraints = [
            # Two cities each have a 江北区: a name is unique only within its city.
            models.UniqueConstraint(fields=["city", "name"], name="district_unique_name_in_city"),
        ]

    def __str__(self):
        return self.name


class Subdistrict(models.Model):
    class Kind(models.TextChoices):
        SUBDISTRICT = "subdistrict", _("街道")
        TOWN = "town", _("镇")
        TOWNSHIP = "township", _("乡")

    name = models.CharField(_("名称"), max_length=64)
    short_name = models.CharField(_("简称"), max_length=32, blank=True)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices, default=Kind.SUBDISTRICT)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="subdistricts",
                                 verbose_name=_("所属区县"))
    admin_code = models.CharField(_("行政区划代码"), max_length=12, unique=True, null=True, blank=True)
    aliases = ArrayField(models.CharField(max_length=64), default=list, blank=True, verbose_name=_("别名"))

    class Meta:
        verbose_name = _("街道/镇")
        verbose_name_plural = _("街道/镇")
        ordering = ["district__admin_code", "admin_code", "name"]
        constraints = [
            # Ingest looks places up by (district, name); concurrent uploads rely on this to create a place once.
            models.UniqueConstraint(fields=["district", "name"], name="subdistrict_unique_name_in_district"),
        ]

    def __str__(self):
        return self.name


class Publication(models.Model):
    name = models.CharField(_("报纸"), max_length=64, unique=True)
    region = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="publications", verbose_name=_("覆盖地区"))

    class Meta:
        verbose_name = _("报纸")
        verbose_name_plural = _("报纸")
        ordering = ["name"]

    def __str__(self):
        return self.name


class NewsletterIssue(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("排队")
        PROCESSING = "processing", _("处理中")
        DONE = "done", _("完成")
        FAILED = "failed", _("失败")

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="issues",
                                    verbose_name=_("报纸"))
    published = models.DateField(_("出版日期"), null=True, blank=True)
    # The area the issue reports on when it differs from the newspaper's usual region.
    region = models.ForeignKey(District, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("地区"))
    original_file = models.FileField(_("原始文件"), upload_to="issues/%Y/%m/", blank=True)
    original_name = models.CharField(_("文件名"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    file_format = models.CharField(_("格式"), max_length=16, blank=True)
    encoding = models.CharField(_("编码"), max_length=32, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    error_message = models.TextField(_("错误信息"), blank=True)
    # What processing left out without failing the issue (a cap reached, a value too large to store), one per line.
    warnings = models.TextField(_("处理警告"), blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    verbose_name=_("上传人"))
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    # When a worker claimed the issue: an issue left 处理中 long after it is one whose worker died.
    started_at = models.DateTimeField(_("开始处理时间"), null=True, blank=True)
    # The lease of the worker processing the issue: renewed by a heartbeat while it runs, so an issue is
    # stalled only once its lease has expired (the worker died), never merely because it takes long.
    lease_owner = models.CharField(_("处理进程"), max_length=64, blank=True)
    lease_expires_at = models.DateTimeField(_("租约到期时间"), null=True, blank=True)
    # Runs started on this issue since it was last queued by a person: a file that kills its worker every
    # time is failed after a few attempts instead of being retried for ever.
    attempts = models.PositiveSmallIntegerField(_("处理次数"), default=0)
    processed_at = models.DateTimeField(_("处理完成时间"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("处理耗时(毫秒)"), null=True, blank=True)
    extractor_version = models.CharField(_("抽取器版本"), max_length=32, blank=True)
    task_id = models.CharField(_("任务编号"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("报纸期次")
        verbose_name_plural = _("报纸期次")
        ordering = ["-published", "-uploaded_at"]
        indexes = [
            # The admin's status filter and the worker's pick-up of queued issues.
            models.Index(fields=["status"], name="issue_status_idx"),
        ]

    def __str__(self):
        return f"{self.publication} {self.published or ''} {self.original_name}".strip()


class WorkerHeartbeat(models.Model):
    """A task worker (``manage.py worker``) and when it was last seen alive: renewed by a thread every third of
    ``GOVDASH_LEASE_SECONDS``, so a task row RUNNING under a worker not seen for a lease is known to be lost."""

    worker_id = models.CharField(_("处理进程"), max_length=64, primary_key=True)
    hostname = models.CharField(_("主机"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("进程号"), null=True, blank=True)
    started_at = models.DateTimeField(_("启动时间"), auto_now_add=True)
    seen_at = models.DateTimeField(_("最近心跳"))

    class Meta:
        verbose_name = _("后台处理进程")
        verbose_name_plural = _("后台处理进程")

    def __str__(self):
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


class Article(models.Model):
    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="articles",
                              verbose_name=_("期次"))
    position = models.PositiveSmallIntegerField(_("版内序号"))
    title = models.CharField(_("标题"), max_length=500, blank=True)
    text = models.TextField(_("正文"))
    subdistrict = models.ForeignKey(Subdistrict, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="articles", verbose_name=_("主要街道"))
    district = models.ForeignKey(District, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="articles", verbose_name=_("所属区县"))
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    # MinHash signature of the article's text (reports/similarity.py); null for a text too short to compare.
    minhash = ArrayField(models.BigIntegerField(), null=True, blank=True, editable=False)
    # The earlier article this one nearly repeats, and how alike they are (estimated Jaccard of shingles).
    # Until a reviewer accepts the repeat, its facts are held off public pages (Fact.held).
    duplicate_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                     verbose_name=_("疑似重复于"))
    similarity = models.FloatField(_("相似度"), null=True, blank=True)
    duplicate_accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                              blank=True, related_name="+", verbose_name=_("接受重复的审核人"))
    duplicate_accepted_at = models.DateTimeField(_("接受重复的时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("文章")
        verbose_name_plural = _("文章")
        ordering = ["issue", "position"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "position"], name="article_unique_position_in_issue"),
        ]
        indexes = [
            # Full-text search over jieba-segmented article text.
            GinIndex(fields=["search_vector"], name="article_search_gin"),
        ]

    def __str__(self):
        return self.title or f"#{self.position}"

    @property
    def held_as_duplicate(self) -> bool:
        return self.duplicate_of_id is not None and self.duplicate_accepted_at is None


class ArticleBand(models.Model):
    """One LSH band key of an article's MinHash signature: articles sharing a key are near-duplicate
    candidates, found by an indexed lookup instead of a comparison with every stored article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bands")
    key = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["key"], name="article_band_key_idx")]

    def __str__(self):
        return f"{self.article_id}:{self.key}"


class Metric(models.Model):
    class Category(models.TextChoices):
        GRID = "grid", _("网格治理")
        ELDERLY = "elderly", _("养老服务")
        ECONOMY = "economy", _("经济发展")
        PARTY = "party", _("党的建设")
        MARKET = "market", _("市场主体")
        OTHER = "other", _("其他")

    key = models.SlugField(_("代码"), max_length=64, unique=True)
    name_zh = models.CharField(_("中文名称"), max_length=64)
    name_en = models.CharField(_("英文名称"), max_length=128)
    unit = models.CharField(_("单位"), max_length=16)
    category = models.CharField(_("类别"), max_length=16, choices=Category.choices, default=Category.OTHER)
    description = models.TextField(_("说明"), blank=True)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        ordering = ["position", "key"]

    def __str__(self):
        return self.name_zh


class Fact(models.Model):
    class Qualifier(models.TextChoices):
        EXACT = "exact", _("确数")
        ABOUT = "about", _("约")
        OVER = "over", _("以上")
        UNDER = "under", _("以下")

    class ReviewStatus(models.TextChoices):
        AUTO = "auto", _("自动抽取")
        CONFIRMED = "confirmed", _("已确认")
        REJECTED = "rejected", _("已驳回")
        CORRECTED = "corrected", _("已更正")

    subdistrict = models.ForeignKey(Subdistrict, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="facts", verbose_name=_("街道/镇"))
    # Always the district of the place (or the place itself for district-level facts), so
    # district filters need no join.
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="facts", verbose_name=_("区县"))
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True)
    metric = models.ForeignKey(Metric, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="facts", verbose_name=_("指标"))
    label = models.CharField(_("名目"), max_length=200, blank=True,
                             help_text=_("未归入指标目录的数量的名词短语"))
    value = models.DecimalField(_("数值"), max_digits=20, decimal_places=4)
    upper_value = models.DecimalField(_("上限"), max_digits=20, decimal_places=4, null=True, blank=True)
    unit = models.CharField(_("单位"), max_length=16, blank=True)
    qualifier = models.CharField(_("限定"), max_length=8, choices=Qualifier.choices, default=Qualifier.EXACT)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="facts", verbose_name=_("文章"))
    evidence = models.TextField(_("原文句子"))
    start = models.PositiveIntegerField(_("句子起点"))
    end = models.PositiveIntegerField(_("句子终点"))
    value_start = models.PositiveIntegerField(_("数字起点"), null=True, blank=True)
    value_end = models.PositiveIntegerField(_("数字终点"), null=True, blank=True)
    confidence = models.FloatField(_("置信度"), default=1.0)
    # Why the extractor read the figure this way: {"rule": …, "place": …, "year": …} (see FactResult.rule).
    reasons = models.JSONField(_("抽取依据"), default=dict, blank=True)
    extractor_version = models.CharField(_("抽取器版本"), max_length=32, blank=True)
    review_status = models.CharField(_("审核状态"), max_length=16, choices=ReviewStatus.choices,
                                     default=ReviewStatus.AUTO)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("审核人"))
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    # What the extractor said before a reviewer corrected it, so a correction can be audited.
    extracted = models.JSONField(_("原始抽取结果"), default=dict, blank=True)
    # Read from an article that nearly repeats an earlier one: kept off public pages (no new series, no new
    # conflicts) until a reviewer accepts the article or confirms or corrects the fact itself.
    held = models.BooleanField(_("待审重复"), default=False)
    # The sentence gives a running total (截至目前…共, 累计) rather than the figure of one year.
    cumulative = models.BooleanField(_("累计数"), default=False)

    class Meta:
        verbose_name = _("数据")
        verbose_name_plural = _("数据")
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(upper_value__isnull=True) | Q(upper_value__gte=models.F("value")),
                                   name="fact_upper_not_below_value"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="fact_evidence_span_ordered"),
            models.CheckConstraint(condition=Q(qualifier__in=["exact", "about", "over", "under"]),
                                   name="fact_qualifier_valid"),
            models.CheckConstraint(condition=Q(review_status__in=["auto", "confirmed", "rejected", "corrected"]),
                                   name="fact_review_status_valid"),
            models.CheckConstraint(condition=Q(metric__isnull=False) | ~Q(label=""),
                                   name="fact_metric_or_label"),
        ]
        indexes = [
            # Metric page and overview: one metric across places and years.
            models.Index(fields=["metric", "year", "subdistrict"], name="fact_metric_year_place_idx"),
            # Subdistrict page: every metric of one place by year.
            models.Index(fields=["subdistrict", "year"], name="fact_place_year_idx"),
            # District filter on every view.
            models.Index(fields=["district", "metric", "year"], name="fact_district_metric_idx"),
            # Review queue in the admin.
            models.Index(fields=["review_status"], name="fact_review_status_idx"),
            # The metric page counts a metric's public facts per year (its year picker), a first visit to the compare
            # page the places reporting the default metrics: from this index alone, not from every table page
            # holding one of those facts, which read most of the table at a million facts.
            models.Index(fields=["metric", "year"], include=["id", "review_status", "subdistrict"],
                         name="fact_public_metric_year_idx",
                         condition=Q(held=False, metric__isnull=False) & ~Q(review_status="rejected")),
        ]

    def __str__(self):
        # Values are stored with four decimal places; "133", not "133.0000", in admin titles and logs.
        value = f"{self.value.normalize():f}" if self.value is not None else ""
        return f"{self.subdistrict or self.district or '?'} {self.year or ''} {self.metric or self.label} {value}"


class MetricSynonym(models.Model):
    """A noun phrase a reviewer assigned to a metric: the next extraction reads figures named by it as that metric."""

    phrase = models.CharField(_("名目"), max_length=100, unique=True)
    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, related_name="synonyms", verbose_name=_("指标"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("添加人"))
    created_at = models.DateTimeField(_("添加时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("指标同义词")
        verbose_name_plural = _("指标同义词")
        ordering = ["metric", "phrase"]

    def __str__(self):
        return f"{self.phrase} → {self.metric}"


class Initiative(models.Model):
    subdistrict = models.ForeignKey(Subdistrict, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="initiatives", verbose_name=_("街道/镇"))
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="initiatives", verbose_name=_("区县"))
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True)
    name = models.CharField(_("名称"), max_length=100)
    category = models.CharField(_("类别"), max_length=32, blank=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="initiatives",
                                verbose_name=_("文章"))
    evidence = models.TextField(_("原文句子"))
    start = models.PositiveIntegerField(_("句子起点"))
    end = models.PositiveIntegerField(_("句子终点"))
    confidence = models.FloatField(_("置信度"), default=1.0)
    extractor_version = models.CharField(_("抽取器版本"), max_length=32, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("特色举措")
        verbose_name_plural = _("特色举措")
        ordering = ["article", "start"]
        constraints = [
            # The extractor deduplicates per place and year within an article.
            models.UniqueConstraint(fields=["article", "subdistrict", "year", "name"],
                                    name="initiative_unique_in_article", nulls_distinct=False),
        ]
        indexes = [
            # Subdistrict page: initiatives grouped by category.
            models.Index(fields=["subdistrict", "year"], name="initiative_place_year_idx"),
            # Full-text search over initiative names and descriptions.
            GinIndex(fields=["search_vector"], name="initiative_search_gin"),
        ]

    def __str__(self):
        return self.name


class DataVersion(models.Model):
    """One row whose ``version`` changes whenever anything the reader pages show changes.

    Deferred database triggers (migration 0007) set it from a sequence once per transaction that writes to the
    tables the pages read, at the writer's commit: the new version becomes visible with the new data, never before
    it, and no write path can forget to bump it. The page cache keys on it (reports/pagecache.py).
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("数据版本")
        verbose_name_plural = _("数据版本")

    def __str__(self):
        return str(self.version)


class ReextractRun(models.Model):
    """A re-extraction of many issues running in the background, with its progress for the admin."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队")
        RUNNING = "running", _("进行中")
        DONE = "done", _("完成")
        FAILED = "failed", _("失败")

    issue_ids = ArrayField(models.BigIntegerField(), default=list, verbose_name=_("期次"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("期数"), default=0)
    done = models.PositiveIntegerField(_("已处理"), default=0)
    failed = models.PositiveIntegerField(_("失败"), default=0)
    extractor_version = models.CharField(_("抽取器版本"), max_length=32, blank=True)
    message = models.TextField(_("结果"), blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("发起人"))
    created_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("后台重新抽取")
        verbose_name_plural = _("后台重新抽取")
        ordering = ["-created_at"]

    def __str__(self):
        return f"#{self.pk} {self.done}/{self.total}"
