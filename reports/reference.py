"""Reference data: the metric catalogue and the gazetteer, synced from the extractor's own definitions."""

from django.db import transaction

from reports.extract.catalogue import default_catalogue
from reports.extract.gazetteer import default_gazetteer
from reports.models import District, Metric, Subdistrict
from reports.places import DISTRICT_KINDS, short_name


def sync_metrics() -> int:
    """Create or update one Metric row per catalogue entry; return how many there are."""
    catalogue = default_catalogue()
    existing = {m.key: m for m in Metric.objects.all()}
    for position, spec in enumerate(catalogue.metrics):
        values = {"name_zh": spec.name_zh, "name_en": spec.name_en, "unit": spec.unit,
                  "category": spec.category, "description": spec.description, "position": position}
        row = existing.get(spec.key)
        if row is None:
            Metric.objects.create(key=spec.key, **values)
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            row.save()
    return len(catalogue.metrics)


@transaction.atomic
def sync_gazetteer(*, region: str = "重庆市") -> tuple[int, int]:
    """Load every district and subdistrict of ``region`` (a province or city); admin codes where JioNLP has them."""
    places = list(default_gazetteer().places_in(region))
    districts = {}
    for place in places:
        if place.kind not in DISTRICT_KINDS:
            continue
        city = place.name if place.kind == "city" else (place.city or "")
        row, _ = District.objects.update_or_create(
            city=city, name=place.name,
            defaults={"kind": place.kind, "province": place.province or "", "admin_code": place.admin_code or None},
        )
        districts[(city, place.name)] = row
    existing = {(s.district_id, s.name) for s in Subdistrict.objects.all()}
    new_rows = []
    taken_codes = set(Subdistrict.objects.exclude(admin_code=None).values_list("admin_code", flat=True))
    for place in places:
        if place.kind in DISTRICT_KINDS:
            continue
        district = districts.get((place.city or "", place.district))
        if district is None or (district.pk, place.name) in existing:
            continue
        code = place.admin_code if place.admin_code and place.admin_code not in taken_codes else None
        if code:
            taken_codes.add(code)
        existing.add((district.pk, place.name))
        new_rows.append(Subdistrict(name=place.name, short_name=short_name(place.name), kind=place.kind,
                                          district=district, admin_code=code))
    Subdistrict.objects.bulk_create(new_rows)
    return len(districts), len(new_rows)


def metrics_by_key() -> dict[str, Metric]:
    """Every Metric row by key, syncing first when the catalogue has keys the table lacks."""
    metrics = {m.key: m for m in Metric.objects.all()}
    if any(spec.key not in metrics for spec in default_catalogue().metrics):
        sync_metrics()
        metrics = {m.key: m for m in Metric.objects.all()}
    return metrics
