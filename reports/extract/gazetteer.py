"""China's administrative divisions, from JioNLP's location dictionary.

JioNLP's ``china_location_loader()`` reads ``dictionary/china_location.txt`` (province → city → county → 街道/镇/乡 →
社区/村, indented by tabs, codes on the upper three levels). With ``detail=True`` it builds 650,000 village dicts
(0.9 s, +150 MB) although the extractor needs villages of one region at a time, and importing ``jionlp`` prints a
banner on stdout and loads its NLP models. So this module reads the same file directly, once per process: the
upper four levels become ``Place`` rows, and each town keeps only a pointer to its block of village lines, split
into an index on first use for the publication's region.
"""

from __future__ import annotations

import importlib.util
import os
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .types import Place

_LINE = re.compile(r"^(\t{0,3})([^\t\n]+)(?:\t(\d+)\t([^\t\n]*))?$", re.M)
_TOWN_SUFFIXES = ("街道办事处", "街道", "苏木", "镇", "乡")


# The 55 minority nationalities, longest first, as they appear in the names of autonomous areas.
_NATIONALITIES = sorted(
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 "
    "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 "
    "京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各".split(), key=len, reverse=True)
_AUTONOMOUS = re.compile("^([\u4e00-\u9fff]{2,}?)(?:(?:" + "|".join(_NATIONALITIES) + ")族?)+自治(县|旗|州)$")
_ZONE_ABBREVIATIONS = (("经济技术开发区", "经开区"), ("经济开发区", "经开区"), ("高新技术产业开发区", "高新区"))
_ETHNIC = re.compile("^([\u4e00-\u9fff]{2,}?)(?:(?:" + "|".join(_NATIONALITIES) + ")族)+(区|乡|镇)$")


def _data_path() -> str:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.origin:
        raise RuntimeError("JioNLP is not installed; the gazetteer reads its china_location dictionary")
    return os.path.join(os.path.dirname(spec.origin), "dictionary", "china_location.txt")


def _read_data() -> str:
    # A fresh JioNLP install ships only the zip; the .txt appears once its own loader has unpacked it.
    path = _data_path()
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    with zipfile.ZipFile(path[: -len(".txt")] + ".zip") as archive:
        return archive.read("china_location.txt").decode("utf-8")


def town_kind(name: str) -> str:
    if name.endswith(("街道", "街道办事处", "办事处")):
        return "subdistrict"
    if name.endswith("镇"):
        return "town"
    if name.endswith(("乡", "苏木")):
        return "township"
    return "subdistrict"


def town_short_name(name: str) -> str | None:
    """圣泉街道 → 圣泉; None when what is left is too short to be told apart from ordinary words."""
    for suffix in _TOWN_SUFFIXES:
        if name.endswith(suffix):
            short = name[: -len(suffix)]
            return short if len(short) >= 2 else None
    return None


@dataclass(frozen=True)
class Scope:
    """Where a publication circulates: a province, a city, or a district of a city."""

    province: str | None = None
    city: str | None = None
    district: str | None = None

    def score(self, place: Place) -> int:
        """3 inside the district, 2 inside the city, 1 inside the province, 0 elsewhere."""
        if self.district and place.district == self.district and place.city == self.city:
            return 3
        if self.city and (place.city == self.city or place.name == self.city):
            return 2
        if self.province and place.province == self.province:
            return 1
        return 0


class Gazetteer:
    def __init__(self, text: str):
        self._text = text
        self.places: list[Place] = []
        self.by_name: dict[str, tuple[Place, ...]] = {}
        self.alias: dict[Place, str] = {}  # short names JioNLP gives districts and cities (江北区 → 江北)
        self.city_alias: dict[str, list[Place]] = defaultdict(list)
        self.provinces: dict[str, tuple[str, str]] = {}  # name → (code, alias)
        self._villages: dict[Place, tuple[int, int]] = {}
        self._children: dict[str, list[Place]] = defaultdict(list)  # city or province name → places inside
        self._districts: dict[str, tuple[Place, ...]] = {}
        self._parse(text)
        # villages_in looks at one city's towns: by city, it need not walk every town of the country.
        self._towns_with_villages: dict[str | None, list[Place]] = defaultdict(list)
        for town in self._villages:
            self._towns_with_villages[town.city].append(town)
        self.max_name_length = max(len(p.name) for p in self.places)
        self._lengths_ending: dict[str, set[int]] = defaultdict(set)
        for name in self.by_name:
            self._lengths_ending[name[-1]].add(len(name))

    def name_lengths_ending(self, last: str) -> set[int]:
        """Lengths of the listed names that end in the character ``last``."""
        return self._lengths_ending.get(last, set())

    def _parse(self, text: str) -> None:
        by_name: dict[str, list[Place]] = defaultdict(list)
        province = city = district = None
        town: Place | None = None
        last_end = 0
        for match in _LINE.finditer(text):
            if town is not None:
                self._villages[town] = (last_end, match.start())
                town = None
            tabs, name, code, alias = match.groups()
            depth, name, alias = len(tabs), name.strip(), (alias or "").strip()
            last_end = match.end()
            if depth == 0:
                province, city, district = name, None, None
                self.provinces[name] = (code or "", alias or "")
            elif depth == 1:
                city, district = name, None
                place = Place(name=name, kind="city", district=None, city=name, province=province, admin_code=code)
                self._add(place, by_name)
                for short in (alias or "").split("/"):
                    if short and short != name:
                        self.alias[place] = short if place not in self.alias else self.alias[place]
                        self.city_alias[short].append(place)
            elif depth == 2:
                district = name
                kind = "district" if name.endswith("区") else "county"
                place = Place(name=name, kind=kind, district=name, city=city, province=province, admin_code=code)
                self._add(place, by_name)
                if alias and alias != name and len(alias) >= 2:
                    self.alias[place] = alias
            else:
                # 灵台县 lists a subdistrict named just 街道: as a name it would match the bare word everywhere.
                if not district or name in _TOWN_SUFFIXES:
                    continue
                if name.endswith(("街道地区", "镇地区", "乡地区")):
                    name = name[:-2]  # 州城街道地区 is 州城街道 in print and in its own documents
                town = Place(name=name, kind=town_kind(name), district=district, city=city, province=province,
                             admin_code=None)
                self._add(town, by_name)
        if town is not None:
            self._villages[town] = (last_end, len(text))
        # JioNLP names some subdistricts after their street with the street's 街 kept (唐家墩街街道, 万松街街道),
        # or by their office (长青办事处); papers write 唐家墩街道, 长青街道. Index that spelling too; a place of
        # that exact name still competes, and the publication's region settles between them.
        for place in [p for p in self.places if p.kind == "subdistrict"]:
            for long_suffix, short_suffix in (("街街道", "街道"), ("街道办事处", "街道"), ("办事处", "街道")):
                stem = place.name[: -len(long_suffix)] if place.name.endswith(long_suffix) else ""
                if stem.endswith("街道"):
                    continue
                if len(stem) >= 2 and not stem.endswith("大"):
                    alias = place.name[: -len(long_suffix)] + short_suffix
                    if place not in by_name[alias]:
                        by_name[alias].append(place)
        # 景谷傣族彝族自治县 is printed 景谷县, 黔东南苗族侗族自治州 黔东南州: index the short form of every autonomous
        # county, banner and prefecture as well.
        # (管城回族区 is printed 管城区 and 汇源瑶族乡 汇源乡 likewise.)
        for place in [p for p in self.places if p.kind in ("county", "district", "city", "town", "township")]:
            m = _AUTONOMOUS.match(place.name) or _ETHNIC.match(place.name)
            if m and place not in by_name[m.group(1) + m.group(2)]:
                by_name[m.group(1) + m.group(2)].append(place)
        # 新乡经开区 is the 新乡经济技术开发区, 郑州高新区 the 郑州高新技术产业开发区: zones by their usual
        # abbreviation.
        for place in list(self.places):
            for long_form, short_form in _ZONE_ABBREVIATIONS:
                if place.name.endswith(long_form) and len(place.name) > len(long_form) + 1:
                    alias = place.name[: -len(long_form)] + short_form
                    if place not in by_name[alias]:
                        by_name[alias].append(place)
        # 2014年,荣昌县实现地区生产总值…: a district that was a county until lately is printed by its former name in
        # older pages, whose figures are that county's. (Only the name is indexed: no town lists it as its parent.)
        for place in [p for p in self.places if p.kind == "district" and len(p.name) >= 3]:
            former = place.name[:-1] + "县"
            if former not in by_name:
                by_name[former].append(Place(name=former, kind="county", district=former, city=place.city,
                                             province=place.province, admin_code=None))
        self.by_name = {name: tuple(places) for name, places in by_name.items()}

    def _add(self, place: Place, by_name: dict[str, list[Place]]) -> None:
        self.places.append(place)
        by_name[place.name].append(place)
        if place.kind != "city":
            self._children[place.city or ""].append(place)
        if place.province and place.province != place.city:
            self._children[place.province].append(place)

    def lookup(self, name: str) -> tuple[Place, ...]:
        return self.by_name.get(name, ())

    def district_of(self, place: Place | Scope) -> Place | None:
        """The district or county that holds a town (or that a scope names)."""
        return next((p for p in self.lookup(place.district or "") if p.city == place.city), None)

    def districts_of(self, city: str) -> tuple[Place, ...]:
        """The districts and counties of a city, looked up once per city."""
        found = self._districts.get(city)
        if found is None:
            found = self._districts[city] = tuple(p for p in self._children.get(city, ())
                                                  if p.is_district_level and p.city == city)
        return found

    def places_in(self, name: str) -> Iterator[Place]:
        """The city (or the province's cities), then every district and subdistrict inside ``name``."""
        name = name.strip()
        cities = [p for p in self.by_name.get(name, ()) if p.kind == "city"]
        if name in self.provinces:
            cities += [p for p in self.places if p.kind == "city" and p.province == name and p not in cities]
        seen = set()
        for city in cities:
            if city not in seen:
                seen.add(city)
                yield city
        for city in cities:
            for place in self._children.get(city.name, ()):
                if place not in seen and place.province == city.province:
                    seen.add(place)
                    yield place

    def scope_for(self, region: str | None) -> Scope | None:
        """Resolve a publication's region (江津区, 重庆市, 成都, 四川省 …) to a Scope; None when unknown."""
        if not region or not region.strip():
            return None
        region = region.strip()
        if region in self.provinces:
            # 重庆市 is both a province-level unit and the city holding the districts.
            city = next((p for p in self.by_name.get(region, ()) if p.kind == "city"), None)
            return Scope(province=region, city=city.name if city else None)
        readings = self.readings_of(region)
        return readings[0] if len(readings) == 1 else None

    def readings_of(self, region: str) -> list[Scope]:
        """The scopes a region's name can stand for, of the broadest kind it names: one where the name is unique
        (a city named like a district elsewhere is still the city), several for 江北区 (重庆, 宁波) or 朝阳区."""
        candidates = list(self.by_name.get(region, ()))
        if not candidates:
            candidates = list(self.city_alias.get(region, ()))
        if not candidates:
            candidates = [p for p, a in self.alias.items() if a == region]
        if not candidates:
            candidates = [p for p in self.places if p.kind == "city" and p.name.startswith(region)]
        for kind in ("city", "district", "county", "subdistrict", "town", "township"):
            of_kind = [p for p in candidates if p.kind == kind]
            if of_kind:
                if kind == "city":
                    return [Scope(province=p.province, city=p.name) for p in of_kind]
                return [Scope(province=p.province, city=p.city, district=p.district) for p in of_kind]
        return []

    def reading_named_in(self, region: str | None, text: str) -> Scope | None:
        """江北区 on a page that names 重庆 or 观音桥街道: of the scopes an ambiguous region can stand for, the one
        whose city, province or towns the page names most; None if the page does not tell them apart."""
        if not region or not region.strip():
            return None
        readings = self.readings_of(region.strip())
        if len(readings) < 2:
            return None
        scores = []
        for scope in readings:
            words = {scope.province, scope.province[:2]} if scope.province else set()
            for city in self.lookup(scope.city or ""):
                if city.kind == "city":
                    words |= {city.name, *self.short_names(city)}
            words |= {p.name for p in self.towns_in(scope)}
            scores.append(sum(text.count(w) for w in words if len(w) >= 2))
        best = max(scores)
        return readings[scores.index(best)] if best > 0 and scores.count(best) == 1 else None

    @lru_cache(maxsize=64)  # noqa: B019 - the gazetteer is a process-wide singleton
    def villages_in(self, scope: Scope) -> dict[str, tuple[Place, ...]]:
        """社区/村 name → the towns holding one of that name, for the towns inside ``scope``'s city or district."""
        index: dict[str, list[Place]] = defaultdict(list)
        if not scope.district and not scope.city:
            return {}  # a whole province has too many same-named villages to be useful
        for town in self._towns_with_villages.get(scope.city, ()):
            if scope.district and town.district != scope.district:
                continue
            start, end = self._villages[town]
            for line in self._text[start:end].split("\n"):
                name = line.strip()
                if len(name) >= 3:
                    index[name].append(town)
        return {name: tuple(towns) for name, towns in index.items()}

    @lru_cache(maxsize=64)  # noqa: B019 - the gazetteer is a process-wide singleton
    def village_lengths_in(self, scope: Scope) -> dict[str, frozenset[int]]:
        """Last character → lengths of the villages_in(scope) names ending in it."""
        lengths: dict[str, set[int]] = defaultdict(set)
        for name in self.villages_in(scope):
            lengths[name[-1]].add(len(name))
        return {last: frozenset(found) for last, found in lengths.items()}

    @lru_cache(maxsize=64)  # noqa: B019 - the gazetteer is a process-wide singleton
    def towns_in(self, scope: Scope) -> tuple[Place, ...]:
        """The subdistricts, towns and townships of ``scope``'s district, or of its city without one."""
        if not scope.city:
            return ()
        return tuple(p for p in self._children[scope.city] if p.is_subdistrict_level
                     and (p.district == scope.district if scope.district else True))

    def short_names(self, place: Place) -> tuple[str, ...]:
        if place.is_subdistrict_level:
            short = town_short_name(place.name)
            return (short,) if short else ()
        alias = self.alias.get(place)
        return (alias,) if alias else ()


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (about 0.3 s to build; cached)."""
    return Gazetteer(_read_data())
