"""A data version bumped by triggers on every table the reader pages read (see reports.models.DataVersion), and
background re-extraction runs with their progress."""

import django.contrib.postgres.fields
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# Tables whose rows the reader pages show. For issues only the columns the pages read: a worker's lease
# heartbeat (lease_expires_at) must not throw away every cached page every few seconds.
WATCHED = {
    "reports_district": "",
    "reports_subdistrict": "",
    "reports_publication": "",
    "reports_newsletterissue": "OF publication_id, published, region_id, original_name, status",
    "reports_article": "",
    "reports_metric": "",
    "reports_metricsynonym": "",
    "reports_fact": "",
    "reports_initiative": "",
}

BUMP = """
    -- A sequence value is never handed out twice, even to a transaction that rolls back, so every committed
    -- state of the data has a version no earlier state had. Readers see the new version only once the writer
    -- has committed, together with the new data.
    INSERT INTO reports_dataversion (id, version) VALUES (1, nextval('reports_data_version_seq'))
    ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version;
"""

# Run at commit (deferred), once per transaction: the version row is locked only while the writer commits, so
# concurrent ingests do not queue behind each other for the whole of their transactions.
DEFERRED_FUNCTION = f"""
CREATE OR REPLACE FUNCTION reports_bump_data_version_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('govdash.data_version_bumped', true) = '1' THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('govdash.data_version_bumped', '1', true);
    {BUMP}
    RETURN NULL;
END
$$;
"""

# TRUNCATE has no row-level trigger: it bumps at once.
FUNCTION = f"""
CREATE OR REPLACE FUNCTION reports_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {BUMP}
    RETURN NULL;
END
$$;
"""


def create_sql():
    statements = ["CREATE SEQUENCE IF NOT EXISTS reports_data_version_seq", FUNCTION, DEFERRED_FUNCTION,
                  "INSERT INTO reports_dataversion (id, version) VALUES (1, nextval('reports_data_version_seq')) "
                  "ON CONFLICT (id) DO NOTHING"]
    for table, columns in WATCHED.items():
        update = f"UPDATE {columns}" if columns else "UPDATE"
        statements.append(
            f"CREATE CONSTRAINT TRIGGER {table}_data_version AFTER INSERT OR {update} OR DELETE ON {table} "
            f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reports_bump_data_version_at_commit()")
        statements.append(
            f"CREATE TRIGGER {table}_data_version_truncate AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION reports_bump_data_version()")
    return statements


def drop_sql():
    statements = []
    for table in WATCHED:
        statements.append(f"DROP TRIGGER IF EXISTS {table}_data_version ON {table}")
        statements.append(f"DROP TRIGGER IF EXISTS {table}_data_version_truncate ON {table}")
    statements += ["DROP FUNCTION IF EXISTS reports_bump_data_version_at_commit()",
                   "DROP FUNCTION IF EXISTS reports_bump_data_version()",
                   "DROP SEQUENCE IF EXISTS reports_data_version_seq"]
    return statements


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_article_near_duplicates"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "数据版本", "verbose_name_plural": "数据版本"},
        ),
        migrations.RunSQL(sql=create_sql(), reverse_sql=drop_sql()),
        migrations.CreateModel(
            name="ReextractRun",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("issue_ids", django.contrib.postgres.fields.ArrayField(
                    base_field=models.BigIntegerField(), default=list, size=None, verbose_name="期次")),
                ("status", models.CharField(choices=[("queued", "排队"), ("running", "进行中"), ("done", "完成"),
                                                     ("failed", "失败")],
                                            default="queued", max_length=16, verbose_name="状态")),
                ("total", models.PositiveIntegerField(default=0, verbose_name="期数")),
                ("done", models.PositiveIntegerField(default=0, verbose_name="已处理")),
                ("failed", models.PositiveIntegerField(default=0, verbose_name="失败")),
                ("extractor_version", models.CharField(blank=True, max_length=32, verbose_name="抽取器版本")),
                ("message", models.TextField(blank=True, verbose_name="结果")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="发起时间")),
                ("started_at", models.DateTimeField(blank=True, null=True, verbose_name="开始时间")),
                ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="结束时间")),
                ("started_by", models.ForeignKey(blank=True, null=True,
                                                 on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                                                 to=settings.AUTH_USER_MODEL, verbose_name="发起人")),
            ],
            options={"verbose_name": "后台重新抽取", "verbose_name_plural": "后台重新抽取",
                     "ordering": ["-created_at"]},
        ),
    ]
