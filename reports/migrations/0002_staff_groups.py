"""The two staff groups: 编辑 upload and review, 查看 reads everything and changes nothing."""

from django.db import migrations

EDITOR_PERMISSIONS = [
    "view_newsletterissue", "add_newsletterissue", "change_newsletterissue",
    "view_fact", "change_fact",
    "view_article", "view_initiative",
    "view_publication", "add_publication",
    "view_district", "view_subdistrict", "view_metric",
]
VIEWER_PERMISSIONS = [
    "view_newsletterissue", "view_fact", "view_article", "view_initiative", "view_publication", "view_district",
    "view_subdistrict", "view_metric",
]
GROUPS = {"编辑": EDITOR_PERMISSIONS, "查看": VIEWER_PERMISSIONS}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations ran; on a fresh database they don't exist yet.
    app_config = apps.get_app_config("reports")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="reports", codename__in=codenames))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
