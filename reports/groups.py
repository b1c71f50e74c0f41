"""The two staff groups: 编辑 upload and review, 查看 reads everything and changes nothing.

Kept in step by a post_migrate handler rather than a data migration: it runs after
every migrate (so new models' permissions join the groups) and after the flush of a
transactional test, which would otherwise leave the groups gone.
"""

EDITOR_PERMISSIONS = [
    "view_newsletterissue", "add_newsletterissue", "change_newsletterissue",
    "view_fact", "change_fact",
    "view_article", "view_initiative",
    "view_publication", "add_publication",
    "view_district", "view_subdistrict", "view_metric", "view_reextractrun",
]
VIEWER_PERMISSIONS = [
    "view_newsletterissue", "view_fact", "view_article", "view_initiative", "view_publication", "view_district",
    "view_subdistrict", "view_metric", "view_reextractrun",
]
GROUPS = {"编辑": EDITOR_PERMISSIONS, "查看": VIEWER_PERMISSIONS}


def ensure_staff_groups(**kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="reports", codename__in=codenames))
