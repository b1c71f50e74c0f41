"""Map the extractor's places onto District and Subdistrict rows, creating them when new."""

from reports.extract import Place
from reports.models import District, Subdistrict

DISTRICT_KINDS = {"city": District.Kind.CITY, "district": District.Kind.DISTRICT, "county": District.Kind.COUNTY}
SUBDISTRICT_SUFFIXES = ("街道办事处", "街道", "镇", "乡")


def short_name(name: str) -> str:
    for suffix in SUBDISTRICT_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def district_for_region(region: str) -> District | None:
    """The District row a publication's region names (a district, county or city), created from the gazetteer."""
    from reports.extract.gazetteer import default_gazetteer

    region = region.strip()
    matches = list(District.objects.filter(name=region)[:2])
    if len(matches) == 1:
        return matches[0]
    candidates = [p for p in default_gazetteer().lookup(region) if p.kind in DISTRICT_KINDS]
    if len(candidates) != 1:
        return None  # unknown or ambiguous (two cities have a 江北区): the user picks it in the admin
    _, district = PlaceResolver().resolve(candidates[0])
    return district


class PlaceResolver:
    """Resolves places for one ingest, caching rows so each place costs one query."""

    def __init__(self):
        self._districts: dict[tuple, District] = {}
        self._subdistricts: dict[tuple, Subdistrict] = {}

    def resolve(self, place: Place | None) -> tuple[Subdistrict | None, District | None]:
        if place is None:
            return None, None
        if place.kind in DISTRICT_KINDS:
            city = place.name if place.kind == "city" else (place.city or "")
            return None, self._district(name=place.name, kind=DISTRICT_KINDS[place.kind], city=city,
                                        province=place.province or "", admin_code=place.admin_code)
        district = None
        if place.district:
            kind = District.Kind.COUNTY if place.district.endswith("县") else District.Kind.DISTRICT
            district = self._district(name=place.district, kind=kind, city=place.city or "",
                                      province=place.province or "", admin_code=None)
        elif place.city:
            district = self._district(name=place.city, kind=District.Kind.CITY, city=place.city,
                                      province=place.province or "", admin_code=None)
        if district is None:
            return None, None
        return self._subdistrict(place, district), district

    def _district(self, *, name, kind, city, province, admin_code) -> District:
        key = (city, name)
        if key not in self._districts:
            district = District.objects.filter(city=city, name=name).first()
            if district is None:
                # A code another row already holds would break the unique constraint; keep the name only then.
                if admin_code and District.objects.filter(admin_code=admin_code).exists():
                    admin_code = None
                district, _ = District.objects.get_or_create(
                    city=city, name=name,
                    defaults={"kind": kind, "province": province, "admin_code": admin_code or None},
                )
            self._districts[key] = district
        return self._districts[key]

    def _subdistrict(self, place: Place, district: District) -> Subdistrict:
        key = (district.pk, place.name)
        if key not in self._subdistricts:
            subdistrict = Subdistrict.objects.filter(district=district, name=place.name).first()
            if subdistrict is None:
                admin_code = place.admin_code
                if admin_code and Subdistrict.objects.filter(admin_code=admin_code).exists():
                    admin_code = None
                # get_or_create retries the read after an IntegrityError, so two concurrent
                # uploads naming the same new place end with one row.
                subdistrict, _ = Subdistrict.objects.get_or_create(
                    district=district, name=place.name,
                    defaults={
                        "kind": place.kind if place.kind in Subdistrict.Kind.values else Subdistrict.Kind.SUBDISTRICT,
                        "short_name": short_name(place.name),
                        "admin_code": admin_code or None,
                    },
                )
            self._subdistricts[key] = subdistrict
        return self._subdistricts[key]
