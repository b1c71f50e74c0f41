"""Newsletter issues: the 上传报纸 page, the processing status list, retry and re-extraction."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from reports import background, review, services
from reports.admin.uploads import SizeLimitUploadHandler
from reports.models import District, NewsletterIssue, Publication, ReextractRun
from reports.readers import supported_extensions

Status = NewsletterIssue.Status
STATUS_COLOURS = {Status.QUEUED: "#6c757d", Status.PROCESSING: "#0d6efd", Status.DONE: "#198754",
                  Status.FAILED: "#dc3545"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(supported_extensions())}))
        # Empty files get the ingest service's own explanation, not the form's generic one.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class UploadForm(forms.Form):
    files = MultipleFileField(label="文件", required=False,
                              help_text="可一次选择多个文件，或上传 .zip 压缩包。支持：文本（各种中文编码）、"
                                        "带文字层的 PDF、Word（.docx）、网页（.html，含公众号文章）。")
    publication = forms.ModelChoiceField(Publication.objects.all(), label="报纸", required=False,
                                         empty_label="（选择已有报纸）")
    new_publication = forms.CharField(label="或新建报纸", max_length=64, required=False,
                                      help_text="列表中没有时填写报纸名称，例如：江津日报")
    published = forms.DateField(label="出版日期", widget=forms.DateInput(attrs={"type": "date"}))
    region = forms.ModelChoiceField(District.objects.all(), label="地区", required=False,
                                    empty_label="（报纸的覆盖地区）",
                                    help_text="这一期报道的区县或城市，用于识别文中的街道/镇；不填则使用报纸的覆盖地区。")

    def clean(self):
        cleaned = super().clean()
        publication, new_name = cleaned.get("publication"), (cleaned.get("new_publication") or "").strip()
        if publication and new_name:
            raise forms.ValidationError("请选择已有报纸或填写新报纸名称，二者只填一个。")
        if not publication and not new_name:
            raise forms.ValidationError("请选择报纸，或填写新报纸的名称。")
        cleaned["new_publication"] = new_name
        return cleaned


def _seconds(milliseconds: int | None) -> str:
    if milliseconds is None:
        return "—"
    return f"{milliseconds / 1000:.1f} 秒" if milliseconds < 60_000 else f"{milliseconds / 60_000:.1f} 分钟"


@admin.register(NewsletterIssue)
class NewsletterIssueAdmin(admin.ModelAdmin):
    list_display = ["original_name", "publication", "published", "status_badge", "took", "counts",
                    "uploaded_by", "uploaded_at"]
    list_display_links = ["original_name"]
    list_filter = ["status", "publication", "file_format"]
    search_fields = ["original_name", "sha256", "publication__name"]
    ordering = ["-uploaded_at"]
    list_select_related = ["publication", "uploaded_by"]
    actions = ["retry", "reextract", "accept_repeats"]
    fields = ["publication", "published", "region", "status_badge", "original_name",
              "original_file", "file_format", "encoding", "sha256", "counts", "uploaded_by", "uploaded_at",
              "processed_at", "took", "warnings", "extractor_version", "task_id"]
    readonly_fields = [f for f in fields if f not in ("publication", "published", "region")]
    change_list_template = "admin/reports/newsletterissue/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            article_count=Count("articles", distinct=True),
            fact_count=Count("articles__facts", distinct=True),
            unattributed_count=Count("articles__facts", distinct=True,
                                     filter=Q(articles__facts__subdistrict=None, articles__facts__district=None)),
            held_count=Count("articles__facts", distinct=True, filter=Q(articles__facts__held=True)),
        )

    @admin.display(description="状态", ordering="status")
    def status_badge(self, issue):
        badge = format_html('<strong class="issue-status" data-status="{}" style="color:{}">{}</strong>',
                            issue.status, STATUS_COLOURS[issue.status], issue.get_status_display())
        if issue.status == Status.FAILED and issue.error_message:
            return format_html('{}<div class="issue-error" style="color:#842029;max-width:40em">{}</div>', badge,
                               issue.error_message)
        if issue.status == Status.DONE and not getattr(issue, "fact_count", 1):
            # Done, but nothing to show for it: say so, or the issue looks like a success with data.
            if not getattr(issue, "article_count", 1):
                found, hint = "未找到文章", "文件读出的文字里没有可识别的文章。请确认上传的是报纸版面。"
            else:
                found, hint = "未找到数据", "文章已导入，但没有识别出任何数字指标；文章仍可在站内搜索。"
            badge = format_html('<strong class="issue-status" data-status="{}" data-warning="empty" style="color:{}">'
                                '{}（{}）</strong><div class="issue-warning" style="color:#664d03;max-width:40em">'
                                '{}</div>', issue.status, "#b35c00", issue.get_status_display(), found, hint)
        if getattr(issue, "held_count", 0):
            url = reverse("admin:reports_fact_changelist") + f"?article__issue__id__exact={issue.pk}&repeat=held"
            badge = format_html('{}<div class="issue-repeat" style="color:#664d03">⚠ 疑似重复：<a href="{}">{} 条数据'
                                '待审核</a>，暂不公开</div>', badge, url, issue.held_count)
        if issue.warnings:
            # Done, but something was left out (a cap, a value too large to store): say so where staff look.
            return format_html('{}<div class="issue-warning" style="color:#664d03;max-width:40em">{}</div>', badge,
                               format_html_join("", "<div>⚠ {}</div>",
                                                ((line,) for line in issue.warnings.splitlines())))
        return badge

    @admin.display(description="耗时", ordering="duration_ms")
    def took(self, issue):
        return _seconds(issue.duration_ms)

    @admin.display(description="文章 / 数据（未归属）")
    def counts(self, issue):
        if issue.status != Status.DONE:
            return "—"
        facts_url = reverse("admin:reports_fact_changelist") + f"?article__issue__id__exact={issue.pk}"
        return format_html('{} 篇 / <a href="{}">{} 条</a>（{}）', issue.article_count, facts_url, issue.fact_count,
                           issue.unattributed_count)

    def add_view(self, request, form_url="", extra_context=None):
        # Issues are only ever created by uploading a file.
        return HttpResponseRedirect(reverse("admin:reports_newsletterissue_upload"))

    def get_urls(self):
        upload = self.admin_site.admin_view(csrf_exempt(self.upload_view))
        return [path("upload/", upload, name="reports_newsletterissue_upload"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        services.recover_stalled_work()
        pending = NewsletterIssue.objects.filter(status__in=[Status.QUEUED, Status.PROCESSING]).count()
        extra_context = {**(extra_context or {}), "pending_issues": pending}
        return super().changelist_view(request, extra_context=extra_context)

    # The size limit must be in place before anything reads the body, and the CSRF check reads it:
    # install the handler first, then check CSRF (Django's documented pattern for custom upload handlers).
    def upload_view(self, request):
        request.upload_handlers.insert(0, SizeLimitUploadHandler(request))
        if request.method == "POST":
            # Parse the body here: a body Django refuses (too many files or fields, malformed multipart) would
            # otherwise surface inside the CSRF check as a bare 400 page. Nothing is stored for such a request.
            try:
                request.POST  # noqa: B018 - parsing is the point
            except TooManyFilesSent:
                return self._refuse_body(request, f"一次最多上传 {settings.DATA_UPLOAD_MAX_NUMBER_FILES} 个文件，"
                                                  "本次没有导入任何文件。更多文件请打包成一个 .zip 压缩包上传。")
            except (TooManyFieldsSent, RequestDataTooBig, MultiPartParserError):
                return self._refuse_body(request, "上传的表单数据无法识别（可能不完整或过大），本次没有导入任何文件。"
                                                  "请刷新上传页面后重新选择文件上传。")
        return self._upload_view(request)

    def _refuse_body(self, request, message: str):
        if not self.has_add_permission(request):
            raise PermissionDenied
        messages.error(request, message)
        return HttpResponseRedirect(request.path)

    @method_decorator(csrf_protect)
    def _upload_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)  # the body was parsed in upload_view
        if request.method == "POST":
            refused = getattr(request, "refused_uploads", [])
            for name, size in refused:
                messages.error(request, services.oversize_error(filename=name, size=size).message_zh)
            if form.is_valid():
                outcomes = self._accept(request, form)
                if not form.cleaned_data["files"] and not refused:
                    form.add_error("files", "请选择要上传的文件。")
                elif any(o.status in (o.QUEUED, o.REQUEUED) for o in outcomes):
                    return HttpResponseRedirect(reverse("admin:reports_newsletterissue_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": "上传报纸",
            "form": form,
            "opts": self.model._meta,
            "max_upload": services.megabytes(services.max_upload_bytes()),
            "extensions": "、".join(supported_extensions()),
        }
        return TemplateResponse(request, "admin/reports/newsletterissue/upload.html", context)

    def _accept(self, request, form) -> list:
        data = form.cleaned_data
        publication = data["publication"] or services.get_publication(name=data["new_publication"],
                                                                      district=data["region"])
        files = (services.IncomingFile(name=f.name, data=f.read()) for f in data["files"])
        outcomes = services.accept_files(files=files, publication=publication, published=data["published"],
                                         region=data["region"], uploaded_by=request.user)
        level = {"queued": messages.SUCCESS, "requeued": messages.SUCCESS, "duplicate": messages.WARNING,
                 "refused": messages.ERROR, "ignored": messages.INFO}
        summary = services.summarise(outcomes)
        if summary:
            refused = any(o.status == o.REFUSED for o in outcomes)
            messages.add_message(request, messages.WARNING if refused else messages.INFO, summary)
        for outcome in outcomes:
            messages.add_message(request, level[outcome.status], outcome.message_zh)
            if outcome.status == outcome.QUEUED:
                # The admin's history then shows who uploaded what, like any other addition.
                self.log_addition(request, outcome.issue, [{"added": {}}])
        return outcomes

    @admin.action(description="重新处理选中的失败期次", permissions=["change"])
    def retry(self, request, queryset):
        failed = list(queryset.filter(status=Status.FAILED))
        skipped = queryset.count() - len(failed)  # counted before retrying turns the failed ones into 排队
        count = services.retry_issues(issues=failed)
        note = f"{skipped} 期不是失败状态，未处理。" if skipped else ""
        self.message_user(request, f"已重新排队 {count} 期。{note}")

    @admin.action(description="用当前抽取器重新抽取（保留审核结果）", permissions=["change"])
    def reextract(self, request, queryset):
        done = queryset.filter(status=Status.DONE)
        if done.count() > settings.GOVDASH_REEXTRACT_INLINE_ISSUES:
            # Many issues (all of them, after a new extractor): a task worker does it, the admin shows progress.
            run = background.start_reextract(issues=done, user=request.user)
            url = reverse("admin:reports_reextractrun_change", args=[run.pk])
            self.message_user(request, format_html(
                '已在后台开始重新抽取 {} 期（保留审核结果），进度见<a href="{}">后台重新抽取 #{}</a>。'
                '每期抽取完成后，看板即显示新结果。', run.total, url, run.pk), messages.SUCCESS)
            return
        summary = review.reextract(issues=done)
        self.message_user(request, summary.message_zh(), messages.SUCCESS if not summary.failed else messages.WARNING)

    @admin.action(description="接受选中期次中的疑似重复文章（公开其数据）", permissions=["change"])
    def accept_repeats(self, request, queryset):
        from reports.models import Article

        articles, facts = review.accept_repeats(articles=Article.objects.filter(issue__in=queryset),
                                                user=request.user)
        if not articles:
            self.message_user(request, "选中的期次中没有待审的疑似重复文章，未做改动。", messages.WARNING)
            return
        self.message_user(request, f"已接受 {articles} 篇疑似重复文章，其中 {facts} 条数据现已公开。"
                                   "如与其他来源不一致，会在“冲突”中列出。", messages.SUCCESS)

@admin.register(ReextractRun)
class ReextractRunAdmin(admin.ModelAdmin):
    """Background re-extractions and how far each has got; read-only, refreshed by reloading the page."""

    list_display = ["__str__", "status", "progress", "extractor_version", "started_by", "created_at", "finished_at"]
    fields = ["status", "progress", "total", "done", "failed", "extractor_version", "started_by", "created_at",
              "started_at", "finished_at", "message"]
    readonly_fields = fields

    @admin.display(description="进度")
    def progress(self, run):
        percent = 100 * run.done // run.total if run.total else 100
        left = ""
        if run.status == ReextractRun.Status.RUNNING and run.started_at and run.done:
            from django.utils import timezone

            elapsed = (timezone.now() - run.started_at).total_seconds()
            left = f"，约剩 {_seconds(int(elapsed / run.done * (run.total - run.done) * 1000))}"
        failed = f"，失败 {run.failed} 期" if run.failed else ""
        return format_html('<progress max="{}" value="{}"></progress> {}/{}（{}%{}{}）', run.total or 1, run.done,
                           run.done, run.total, percent, failed, left)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
