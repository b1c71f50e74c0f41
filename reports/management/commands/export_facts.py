from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reports.exports import iter_csv, iter_jsonl, write_xlsx
from reports.selectors import FACT_COLUMNS, iter_fact_rows


class Command(BaseCommand):
    help = ("Export every public fact (a catalogued metric, not rejected) with its provenance as CSV, JSON Lines or "
            "XLSX. Unclassified candidates stay in the admin for review.")

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "jsonl", "xlsx"], required=True)
        parser.add_argument("--output", help="file to write; default standard output (not for xlsx)")

    def handle(self, *args, format, output, **options):
        rows = iter_fact_rows()
        if format == "xlsx":
            if not output:
                raise CommandError("xlsx needs --output FILE")
            write_xlsx(rows, FACT_COLUMNS, output, about={"导出时间": timezone.localtime().isoformat(),
                                                          "筛选条件": "全部已归入指标的数据（不含已驳回）"})
            return
        chunks = iter_csv(rows, FACT_COLUMNS) if format == "csv" else iter_jsonl(rows, FACT_COLUMNS)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.writelines(chunks)
        else:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
