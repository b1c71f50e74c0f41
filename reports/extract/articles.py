"""Split a page into its articles and find what each one is about.

A page prints several pieces one after another. A new piece starts at the headlines in front of a 本报讯 / 通讯员
lead; after an author line or a picture credit that closes the piece before it; at headlines that name another
place than the piece so far (a neighbouring subdistrict, another district); and a box that ends with its own
credit line ("(由区疾控中心提供)") is cut off from the article it follows.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .layout import Paragraph
from .places import Mention, changes_place, generic_place, is_organ
from .types import Place


@dataclass
class Context:
    """What article-level decisions need to know about the page."""

    paras: list[Paragraph]
    offsets: list[int]  # start of each paragraph in the page text
    text: str  # the page text: paragraphs joined by newlines
    mentions: list[list[Mention]]  # per paragraph, offsets into the page text
    scope_place: Place | None  # the publication's own district or city
    gazetteer: object

    def place_of(self, mention: Mention, context: Place | None = None) -> Place | None:
        if mention.via == "wide":
            return None
        if mention.via in ("generic", "local"):
            return generic_place(mention, context, self.scope_place, self.gazetteer)
        return mention.place


def _has_body(paras: list[Paragraph], start: int, end: int) -> bool:
    return any(p.kind == "body" for p in paras[start:end])


def _run_start(paras: list[Paragraph], i: int, floor: int) -> int:
    """First paragraph of the headline run right before paragraph ``i``."""
    j = i
    while j - 1 >= floor and paras[j - 1].kind == "headline":
        j -= 1
    return j


def title_indexes(paras: list[Paragraph], start: int, end: int) -> list[int]:
    """The article's headline paragraphs: those before its first body paragraph, else the run right after it."""
    before = []
    first_body = None
    for i in range(start, end):
        kind = paras[i].kind
        if kind == "body":
            first_body = i
            break
        if kind == "headline":
            before.append(i)
    if before or first_body is None:
        return before
    run = []
    for i in range(first_body + 1, end):
        kind = paras[i].kind
        if kind == "headline":
            run.append(i)
        elif kind == "body" or run:
            break
    return run


def _title_place(ctx: Context, indexes: list[int]) -> Place | None:
    towns, districts = [], []
    for i in indexes:
        for m in ctx.mentions[i]:
            place = ctx.place_of(m)
            if place is None:
                continue
            if place.is_subdistrict_level:
                towns.append(place)
            # 柳州加装电梯…: a city's short name in its own paper's headline is the city (another city's short name
            # in a headline is too often a brand or a comparison).
            elif place.is_district_level or (place.kind == "city" and (
                    m.via in ("full", "generic") or (m.via == "short" and place == ctx.scope_place))):
                districts.append(place)
    if towns:
        return towns[0]
    # 成都市双流区发展和改革局: a city named before one of its districts only says where that district lies.
    named = [p for p in districts if not any(p != q and p.contains(q) for q in districts)]
    return named[0] if named else None


# 中文名: 城口县 — the name field of an encyclopaedia-style infobox names what the page is about.
_INFOBOX_NAME = re.compile(r"\s*(?:中文名称?|名称|地名)\s*[:：]\s*")


# 下辖地区: 清溪镇,银田镇 / 政府驻地: 清溪镇 — fields of an infobox that name the parts or the seat of the place the
# page is about, not that place.
_PARTS_FIELD = re.compile(r"\s*(?:下辖(?:地区|乡镇|街道|镇街)?|辖区|政府驻地|驻地|所属地区|邻近|毗邻)\s*[:：]")


_ENUMERATED = re.compile(r"[^,;:。!?]{0,40}?[\d一二三四五六七八九十两]+个(?:街道|镇|乡|乡镇|镇街|街镇)")
_SEAT_BEFORE = re.compile(r"(?:政府|办事处|机关)(?:驻地)?(?:驻|设在|位于)(?:地)?(?:在|于|为)?$"
                          r"|(?:驻地|所在地)(?:在|为|是)?$")


def _infobox_place(ctx: Context, start: int, end: int) -> Place | None:
    for i in range(start, min(end, start + 40)):  # the infobox heads the page: look no further than its first lines
        label = _INFOBOX_NAME.match(ctx.paras[i].text)
        if label is None:
            continue
        at = ctx.offsets[i] + label.end()
        named = next((m for m in ctx.mentions[i] if m.start == at and m.place is not None), None)
        if named is not None:
            return ctx.place_of(named)
    return None


def main_place(ctx: Context, start: int, end: int) -> Place | None:
    """The place an article is about: named in its headlines, else the one its body keeps coming back to."""
    place = _title_place(ctx, title_indexes(ctx.paras, start, end)) or _infobox_place(ctx, start, end)
    if place is not None:
        return place
    towns: Counter[Place] = Counter()
    districts: Counter[Place] = Counter()
    # 雁塔区委、区政府高度重视…,小寨路街道紧紧围绕…: a district's own offices directing a town of it speak of
    # who leads, not of what the article is about.
    organs: set[Place] = set()
    own = ctx.scope_place
    for i in range(start, end):
        if ctx.paras[i].kind != "body" or _PARTS_FIELD.match(ctx.paras[i].text):
            continue
        mixed = _mixed_village_lists(ctx.text, ctx.mentions[i])
        for m in ctx.mentions[i]:
            place = ctx.place_of(m)
            if place is None or m.start in mixed:
                continue
            if place.is_subdistrict_level:
                if ctx.text[m.end:m.end + 1] == "至" or ctx.text[m.start - 1:m.start] == "至":
                    continue  # 铺设威虎岭至白石山26.7公里路面: where a road runs, not what the article is about
                if _SEAT_BEFORE.search(ctx.text, max(0, m.start - 8), m.start):
                    continue  # 宣州区人民政府驻济川街道: the seat of the place written about, not that place
                if _ENUMERATED.match(ctx.text, m.end):
                    continue  # 琼山区辖…大坡、甲子、旧州7个镇: the towns a district lists, none its subject
                towns[place] += 1
            elif m.via == "generic" and own is not None and own.is_district_level and place != own \
                    and place.contains(own):
                continue  # 全市适老化现场会在召陵召开 in a district's report: the city around it, not its subject
            elif changes_place(ctx.text, m):
                districts[place] += 1
                if is_organ(ctx.text, m):
                    organs.add(place)
    ranked = towns.most_common(2)
    first = ranked[0][1] if ranked else 0
    second = ranked[1][1] if len(ranked) > 1 else 0
    # 文昌未来发展是可期的…文昌铺前镇历史上…: a district the body keeps speaking of as its subject, a town of it
    # named in passing.
    speakers = Counter({p: n for p, n in districts.items() if p not in organs})
    if speakers and first:
        lead, times = speakers.most_common(1)[0]
        if times >= 3 and times >= 3 * first and lead.contains(ranked[0][0]):
            return lead
    if first >= 2 and first >= 2 * second:
        return ranked[0][0]
    if first >= 1 and second == 0 and districts and all(
            place in organs and place.contains(ranked[0][0]) for place in districts):
        return ranked[0][0]
    if districts:
        return districts.most_common(1)[0][0]
    if first >= 1 and second == 0:
        return ranked[0][0]
    return None


# 红岸街道奋斗社区位于…, 甘州区北街街道东湖社区: a community right after its town (listed or not), not the town
# acting on communities (建成社区…).
COMMUNITY_AFTER_TOWN = re.compile(r"(?![各全每所该本我辖农乡城在对向于把将从由的和与及位地坐是有为共])"
                                  r"[\u4e00-\u9fff]{2,6}?(?:社区|村)(?![民委级镇务干部])")


def main_community(ctx: Context, start: int, end: int) -> Mention | None:
    """The one community an article keeps naming (新工社区 five times, its subdistrict once): its figures that name no
    other place are that community's own, not its subdistrict's. A community the gazetteer does not list counts
    once it is introduced by its subdistrict (北街街道东湖社区); then each time its name is printed."""
    communities: Counter[str] = Counter()
    first: dict[str, Mention] = {}
    towns: Counter[Place] = Counter()
    unlisted: dict[str, Mention] = {}
    body = ctx.text[ctx.offsets[start]:ctx.offsets[end - 1] + len(ctx.paras[end - 1].text)]
    speaks_of_communities = "社区" in body
    for i in range(start, end):
        for m in ctx.mentions[i]:
            if m.via == "village" and m.text.endswith(("社区", "村")):
                communities[m.text] += 1
                first.setdefault(m.text, m)
            elif m.place is not None and m.place.is_subdistrict_level:
                towns[m.place] += 1
                after = COMMUNITY_AFTER_TOWN.match(ctx.text, m.end) if speaks_of_communities else None
                name = after.group() if after is not None else ""
                if name.endswith("社区") and len(name) <= 6 and name not in communities and name not in unlisted:
                    unlisted[name] = Mention(after.start(), after.end(), name, None, "local", "community")
    for name, m in unlisted.items():
        communities[name] = body.count(name)
        first[name] = m
    ranked = communities.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and 2 * ranked[1][1] > ranked[0][1]):
        return None
    if towns and max(towns.values()) >= ranked[0][1]:
        return None
    return first[ranked[0][0]]


def _mixed_village_lists(text: str, mentions: list[Mention]) -> set[int]:
    """Starts of villages printed in a list (歌乐村、金刚村、茅山峡村) that spans several towns: such a list says
    where work was done across a district, not which town a report is about."""
    out: set[int] = set()
    run: list[Mention] = []
    for m in [*mentions, None]:
        if m is not None and m.via == "village" and (not run or text[run[-1].end:m.start] in ("、", "和", "及", "与")):
            run.append(m)
            continue
        if len(run) >= 2 and len({v.place for v in run}) > 1:
            out.update(v.start for v in run)
        run = [m] if m is not None and m.via == "village" else []
    return out


def _differs(new: Place, current: Place) -> bool:
    return new != current and not current.contains(new) and not new.contains(current)


def _box_start(ctx: Context, start: int, end: int) -> int | None:
    """Where a box closed by its own credit line begins: the first later headline run not about the article."""
    paras = ctx.paras
    place = main_place(ctx, start, end)
    first_body = next((i for i in range(start, end) if paras[i].kind == "body"), None)
    if first_body is None:
        return None
    i = first_body + 1
    while i < end:
        if paras[i].kind == "headline" and paras[i - 1].kind != "headline":
            about_article = place is not None and any(
                (p := ctx.place_of(m)) is not None and (p == place or place.contains(p))
                for j in range(i, end) for m in ctx.mentions[j]
            )
            if not about_article and _has_body(paras, i, end):
                return i
        i += 1
    return None


def _named_kicker(ctx: Context, i: int) -> Place | None:
    """The place a headline opens with when it reads "<place>:" (宁海路街道:…, 宁海路街道丨…), else None."""
    text = ctx.paras[i].text
    start = ctx.offsets[i]
    for m in ctx.mentions[i]:
        if m.start != start or m.via in ("generic", "local"):
            continue
        if text[m.end - start:m.end - start + 1] in (":", "：", "|", "丨"):
            return ctx.place_of(m)
    return None


def split(ctx: Context) -> list[tuple[int, int]]:
    """Articles as [start, end) ranges of paragraph indexes covering the page."""
    paras = ctx.paras
    starts = [0]
    closed = False  # an author line or credit ended the current article
    i = 0
    while i < len(paras):
        para = paras[i]
        current = starts[-1]
        if i == current:
            i += 1
            continue
        if para.lead or para.kind == "byline":
            run = _run_start(paras, i, current + 1)
            if _has_body(paras, current, run):
                starts.append(run)
                closed = False
                i += 1
                continue
        if para.kind in ("author", "credit") and not para.page_credit and _has_body(paras, current, i):
            if para.text.startswith("(") and not closed:
                box = _box_start(ctx, current, i)
                if box is not None and box > current:
                    starts.append(box)
            closed = True
            i += 1
            continue
        if closed and para.kind in ("headline", "body"):
            starts.append(i)
            closed = False
            i += 1
            continue
        if para.kind == "headline" and paras[i - 1].kind != "headline" and _has_body(paras, current, i):
            j = i
            while j < len(paras) and paras[j].kind == "headline":
                j += 1
            new_place = _title_place(ctx, list(range(i, j)))
            if new_place is not None and not new_place.kind == "city":
                old_place = main_place(ctx, current, i)
                # "三墩镇：…" after a district story (or "滨江区：…" after a city one), and any headline naming a
                # subdistrict after a district story, opens a piece about that place: figures under it are its.
                named = _named_kicker(ctx, i)
                if old_place is not None and (_differs(new_place, old_place)
                                              or (named == new_place and new_place != old_place)
                                              or (new_place.is_subdistrict_level and old_place.is_district_level)):
                    starts.append(i)
                    i = j
                    continue
            i = j
            continue
        i += 1
    ranges = [(s, e) for s, e in zip(starts, starts[1:] + [len(paras)], strict=True) if e > s]
    # Captions and headlines left after the last piece are not an article of their own.
    merged: list[tuple[int, int]] = []
    for s, e in ranges:
        if merged and not _has_body(paras, s, e):
            merged[-1] = (merged[-1][0], e)
        elif merged and not _has_body(paras, *merged[-1]):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def title_text(ctx: Context, start: int, end: int) -> str:
    """A kicker line ending in ：or —— is joined to the headline it introduces; otherwise the longest headline."""
    indexes = title_indexes(ctx.paras, start, end)
    lines = [ctx.paras[i].text for i in indexes]
    if not lines:
        body = next((p.text for p in ctx.paras[start:end] if p.kind == "body"), "")
        return body[:40]
    for n, line in enumerate(lines[:-1]):
        if ctx.paras[indexes[n]].kicker:
            return line + lines[n + 1]
    # A line opening with a dash is the subtitle of the one before it.
    main = [line for line in lines if not line.startswith(("—", "-"))] or lines
    return max(main, key=len)
