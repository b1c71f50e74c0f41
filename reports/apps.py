from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("报纸数据")

    def ready(self):
        from reports.groups import ensure_staff_groups

        post_migrate.connect(ensure_staff_groups, sender=self, dispatch_uid="reports.ensure_staff_groups")
