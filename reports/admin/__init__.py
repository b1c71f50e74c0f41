"""The staff side: upload newsletter issues, watch them being processed, review what was extracted.

Thin by design: every decision lives in reports.services (ingest) and reports.review.
"""

from django.contrib import admin

admin.site.site_header = "govdash 数据管理"
admin.site.site_title = "govdash 管理"
admin.site.index_title = "报纸、数据与审核"
# The review queue and the issue list are wide tables; the app sidebar would squeeze them into narrow columns.
admin.site.enable_nav_sidebar = False

from reports.admin import facts, issues, reference  # noqa: E402,F401  (registration side effects)
