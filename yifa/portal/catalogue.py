"""Each agency's 政府信息公开目录 (《政府信息公开条例》第十二条): its items, their 索引号, and the checks on them.

- 索引号 scheme: `<agency's unified social credit code>-<category code>-<year made>-<sequence>`, e.g.
  `11231282MB1234567X-A02-2016-0001`; one sequence per agency, category and year (an agency without a credit
  code on record uses its department code in capitals). Unique across the catalogue.
- A disclosure article (in a column marked 政府信息公开栏目) enters its agency's catalogue when it is
  published (`catalogue_article`, from the publishing signal); its entry keeps its 索引号 when the article is
  withdrawn and published again, and is shown only while the article is live.
- Records the modules publish themselves (the power lists' versions, published answers to requests, published
  messages and replies) enter through the registry (`yifa.core.modules.catalogue_sources`): `sync_catalogue`
  (the daily job, `manage.py catalogue sync`) files what each source yields and takes out what it no longer
  yields; a publication of a kind with a catalogue category enters and leaves at once, from the publication
  path's row (`sync_publication`, portal.signals). A withdrawn record's entry stays, dated and hidden, and gets
  its 索引号 back if the record is published again.
- The website checks (`catalogue_checks`): an agency with nothing under a category every agency must keep
  filled (条例 art.20 items 2 and 7), and items published more than 20 working days after the information was
  made or changed (条例 art.26), counted on the official calendar (yifa.calendar).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, models, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.audit.actors import SystemJob
from yifa.calendar.engine import Step, compute_deadline, count_days
from yifa.calendar.explain import holiday_name, span_label
from yifa.calendar.periods import Period, Unit
from yifa.calendar.workcalendar import current_calendar
from yifa.casework.models import ReferenceSequence
from yifa.core import modules
from yifa.core.modules import CatalogueItem, CatalogueSource, Finding
from yifa.org.models import Department

from .models import ArticlePage, CatalogueEntry, DisclosureCategory, is_disclosure_column

logger = logging.getLogger("yifa.portal.catalogue")

SEQUENCE_KIND = "catalogue"
# 《政府信息公开条例》第二十六条: proactive disclosure within 20 working days of the information being made or changed.
PUBLICATION_PERIOD = Period(20, Unit.WORKING_DAY)
PUBLICATION_BASIS = "《政府信息公开条例》第二十六条"
# How far back the late-publication check looks (what an inspection reads): a year of publications.
LATE_CHECK_DAYS = 365
LATE_EXAMPLES = 3


def agency_prefix(department: Department) -> str:
    return (department.credit_code or department.code).strip().upper()


def index_prefix(department: Department, category: DisclosureCategory, year: int) -> str:
    return f"{agency_prefix(department)}-{category.code}-{year}-"


INDEX_NUMBER = re.compile(r"^[0-9A-Z]{1,30}-[A-Z]\d{2}-\d{4}-\d{4,6}$")


def _taken(index_number: str) -> bool:
    return (CatalogueEntry.objects.filter(index_number=index_number).exists()
            or ArticlePage.objects.filter(index_number=index_number).exists())


def _highest_used(prefix: str) -> int:
    pattern = re.compile(re.escape(prefix) + r"(\d+)$")
    numbers = [int(m.group(1)) for value in CatalogueEntry.objects.filter(index_number__startswith=prefix)
               .values_list("index_number", flat=True) if (m := pattern.match(value))]
    return max(numbers, default=0)


def next_index_number(department: Department, category: DisclosureCategory, year: int) -> str:
    """The next free 索引号 of the agency's category and year. Call inside the transaction that saves the item:
    the sequence row is held until it commits, so two items never get one number."""
    prefix = index_prefix(department, category, year)
    key = {"kind": SEQUENCE_KIND, "scope": f"{department.code}/{category.code}"[:40], "year": year}
    with transaction.atomic():
        if not ReferenceSequence.objects.filter(**key).update(last=F("last") + 1):
            try:
                with transaction.atomic():
                    ReferenceSequence.objects.create(**key, last=_highest_used(prefix) + 1)
            except IntegrityError:
                ReferenceSequence.objects.filter(**key).update(last=F("last") + 1)
        for _attempt in range(1000):
            number = ReferenceSequence.objects.filter(**key).values_list("last", flat=True).get()
            candidate = f"{prefix}{number:04d}"
            if not _taken(candidate):  # an imported item may already hold the number
                return candidate
            ReferenceSequence.objects.filter(**key).update(last=F("last") + 1)
    raise RuntimeError(f"no free index number under {prefix}")


def catalogue_article(article: ArticlePage) -> CatalogueEntry | None:
    """File a just-published article in its agency's catalogue (or update its entry). Runs inside Wagtail's
    publishing; an article outside the disclosure columns or without its catalogue data is not catalogued."""
    if (not is_disclosure_column(article.get_parent()) or article.category_id is None or article.made_on is None
            or article.issuing_department_id is None):
        CatalogueEntry.objects.filter(page=article).delete()
        return None
    department = article.issuing_department
    assert department is not None
    entry = CatalogueEntry.objects.filter(page=article).first()
    wanted = article.index_number.strip()
    if wanted and (entry is None or entry.index_number != wanted) and CatalogueEntry.objects.filter(
            index_number=wanted).exclude(page=article).exists():
        wanted = ""  # the form refuses a number in use; a script's duplicate gets a fresh one
    same_scheme = entry is not None and entry.category_id == article.category_id and \
        entry.department_id == department.pk and entry.made_on.year == article.made_on.year
    index_number = wanted or (entry.index_number if entry is not None and same_scheme else "") or \
        next_index_number(department, article.category, article.made_on.year)  # type: ignore[arg-type]
    values = {
        "index_number": index_number, "department": department, "category_id": article.category_id,
        "standard_field_id": article.standard_field_id, "title": article.title, "made_on": article.made_on,
        "published_on": timezone.localdate(article.published_on), "issuing_body": department.name,
        "document_number": article.document_number, "url": article.url or "",
        "validity": _validity_of(article),
    }
    entry, _created = CatalogueEntry.objects.update_or_create(page=article, defaults=values)
    if article.index_number != index_number:
        ArticlePage.objects.filter(pk=article.pk).update(index_number=index_number)
        article.index_number = index_number
    return entry


# --- records the modules publish (yifa.core.modules.CatalogueSource) ---------------------------------------


@dataclass
class SyncResult:
    added: int = 0
    updated: int = 0
    withdrawn: int = 0
    skipped: int = 0  # items with an unknown category (a declaration's mistake): logged, not filed

    def __iadd__(self, other: SyncResult) -> SyncResult:
        self.added += other.added
        self.updated += other.updated
        self.withdrawn += other.withdrawn
        self.skipped += other.skipped
        return self

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.withdrawn)


def _categories() -> dict[str, DisclosureCategory]:
    return {category.code: category for category in DisclosureCategory.objects.all()}


def _entry_values(source: CatalogueSource, item: CatalogueItem,
                  categories: dict[str, DisclosureCategory]) -> dict[str, object] | None:
    category = categories.get(item.category or source.category)
    if category is None or category.scheme != DisclosureCategory.Scheme.ARTICLE_20:
        return None
    standard = categories.get(item.standard_field or source.standard_field)
    return {"department": item.department, "category": category,
            "standard_field": standard if standard and standard.scheme == DisclosureCategory.Scheme.STANDARD else None,
            "title": item.title[:255], "made_on": item.made_on, "published_on": item.published_on,
            "issuing_body": item.department.name[:100], "document_number": item.document_number[:60],
            "validity": item.validity if item.validity in CatalogueEntry.Validity.values else "",
            "url": item.url[:500], "withdrawn_on": None}


def file_item(source: CatalogueSource, item: CatalogueItem, *, existing: CatalogueEntry | None = None,
              categories: dict[str, DisclosureCategory] | None = None) -> tuple[CatalogueEntry | None, str]:
    """File one item of a source (or bring its entry up to date): (entry, "added" | "updated" | "same" | "skipped").
    The entry keeps its 索引号 while its agency, category and year stay the same."""
    values = _entry_values(source, item, categories or _categories())
    if values is None:
        return None, "skipped"
    key = item.key[:128]
    if existing is None:
        existing = CatalogueEntry.objects.filter(source=source.name, source_key=key).first()
    department, category = values["department"], values["category"]
    if existing is not None:
        same_scheme = (existing.department_id == department.pk and existing.category_id == category.pk  # type: ignore[attr-defined]
                       and existing.made_on.year == item.made_on.year)
        if not same_scheme:
            values["index_number"] = next_index_number(department, category, item.made_on.year)  # type: ignore[arg-type]
        changed = [name for name, value in values.items()
                   if getattr(existing, name if not isinstance(value, models.Model) else f"{name}_id")
                   != (value.pk if isinstance(value, models.Model) else value)]
        if not changed:
            return existing, "same"
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
        return existing, "updated"
    with transaction.atomic():
        entry = CatalogueEntry.objects.create(
            source=source.name, source_key=key,
            index_number=next_index_number(department, category, item.made_on.year),  # type: ignore[arg-type]
            **values)
    return entry, "added"


def withdraw_item(source_name: str, key: str, today: dt.date | None = None) -> bool:
    """Take a withdrawn record out of the public catalogue; its entry (and 索引号) stays for its return."""
    return bool(CatalogueEntry.objects.filter(source=source_name, source_key=key[:128], withdrawn_on__isnull=True)
                .update(withdrawn_on=today or timezone.localdate()))


def sync_source(source: CatalogueSource, today: dt.date | None = None) -> SyncResult:
    """Bring the catalogue in step with what `source` publishes now."""
    today = today or timezone.localdate()
    result = SyncResult()
    categories = _categories()
    existing = {entry.source_key: entry for entry in CatalogueEntry.objects.filter(source=source.name)}
    seen: set[str] = set()
    with transaction.atomic():
        for item in source.items(today):
            key = item.key[:128]
            if key in seen:
                continue
            seen.add(key)
            _entry, outcome = file_item(source, item, existing=existing.get(key), categories=categories)
            if outcome == "added":
                result.added += 1
            elif outcome == "updated":
                result.updated += 1
            elif outcome == "skipped":
                result.skipped += 1
                logger.warning("catalogue source %s: item %s has no art.20 category %r", source.name, key,
                               item.category or source.category)
        gone = [entry.pk for key, entry in existing.items() if key not in seen and entry.withdrawn_on is None]
        result.withdrawn = CatalogueEntry.objects.filter(pk__in=gone).update(withdrawn_on=today)
    return result


CATALOGUE_JOB = SystemJob("portal.catalogue_sync", gettext_lazy("政府信息公开目录同步"))


def sync_catalogue(today: dt.date | None = None, *, only: str | None = None) -> SyncResult:
    """Every source (or the one named `only`) in step with the catalogue: the daily job and the command."""
    from yifa.audit.actions import record_event
    from yifa.pagecache.signals import purge_after_commit

    today = today or timezone.localdate()
    total = SyncResult()
    by_source: dict[str, dict[str, int]] = {}
    for source in modules.catalogue_sources():
        if only and source.name != only:
            continue
        result = sync_source(source, today)
        total += result
        if result.changed:
            by_source[source.name] = {"added": result.added, "updated": result.updated, "withdrawn": result.withdrawn}
    if total.changed:
        record_event(actor=CATALOGUE_JOB, event_type="portal.catalogue_synced", target=None, new=by_source)
        purge_after_commit()
    return total


def sync_summary(result: SyncResult) -> str:
    return _("政府信息公开目录：新增 %(added)s 项，更新 %(updated)s 项，撤下 %(withdrawn)s 项。") % {
        "added": result.added, "updated": result.updated, "withdrawn": result.withdrawn}


def sync_publication(publication: object) -> None:
    """A publication of a kind with a catalogue category, just saved by the publication path: its record enters its
    department's catalogue when published and leaves it when withdrawn (in the same transaction)."""
    from yifa.publication.selectors import catalogue_item

    kind = next((each for each in modules.publication_kinds() if each.name == publication.kind), None)  # type: ignore[attr-defined]
    if kind is None or not kind.catalogue_category:
        return
    key = publication.target_id  # type: ignore[attr-defined]
    if publication.withdrawn_at is not None:  # type: ignore[attr-defined]
        withdraw_item(kind.name, key, timezone.localdate(publication.withdrawn_at))  # type: ignore[attr-defined]
        return
    item = catalogue_item(kind, publication, publication.target)  # type: ignore[arg-type, attr-defined]
    if item is None:
        withdraw_item(kind.name, key)
        return
    file_item(kind.catalogue_source(), item)


def _validity_of(article: ArticlePage) -> str:
    # A policy document's validity (政策文件的有效性) is the policies' field when an article has one.
    value = getattr(article, "validity", "") or ""
    return value if value in CatalogueEntry.Validity.values else ""


# --- reading the catalogue ------------------------------------------------------------------------------------


def public_entries() -> QuerySet[CatalogueEntry]:
    """The catalogue as the public sees it: imported items, and articles while they are live and public."""
    restricted = ArticlePage.objects.live().not_public().values("pk")
    return (CatalogueEntry.objects.filter(Q(page__isnull=True) | Q(page__live=True), withdrawn_on__isnull=True)
            .exclude(page__in=restricted)
            .select_related("department", "category", "standard_field"))


@dataclass(frozen=True)
class CatalogueFilter:
    department: Department | None = None
    category: DisclosureCategory | None = None
    year: int | None = None
    query: str = ""


def filtered_entries(chosen: CatalogueFilter) -> QuerySet[CatalogueEntry]:
    entries = public_entries()
    if chosen.department is not None:
        entries = entries.filter(department=chosen.department)
    if chosen.category is not None:
        column = "category" if chosen.category.scheme == DisclosureCategory.Scheme.ARTICLE_20 else "standard_field"
        entries = entries.filter(**{column: chosen.category})
    if chosen.year is not None:
        entries = entries.filter(published_on__year=chosen.year)
    for word in chosen.query.split()[:5]:
        entries = entries.filter(Q(title__icontains=word) | Q(document_number__icontains=word)
                                 | Q(index_number__icontains=word))
    return entries


def catalogue_years() -> list[int]:
    return sorted({day.year for day in public_entries().dates("published_on", "year")}, reverse=True)


def catalogue_agencies() -> QuerySet[Department]:
    return Department.objects.filter(is_active=True).order_by("sort_order", "name")


def categories_with_latest(department: Department, per_category: int = 3) -> list[tuple[DisclosureCategory, list]]:
    """The agency's art.20 categories with their latest items (those it has, and the required ones even when empty)."""
    entries = list(public_entries().filter(department=department).order_by("-published_on", "-index_number"))
    by_category: dict[int, list[CatalogueEntry]] = defaultdict(list)
    for entry in entries:
        by_category[entry.category_id].append(entry)
    categories = DisclosureCategory.objects.filter(scheme=DisclosureCategory.Scheme.ARTICLE_20)
    return [(category, by_category[category.pk][:per_category]) for category in categories
            if category.required or by_category.get(category.pk)]


# --- art.26: published within 20 working days of being made or changed ------------------------------------


@dataclass(frozen=True)
class LatePublication:
    entry: CatalogueEntry
    due: dt.date
    late_by: int  # working days after the due date
    holidays: tuple[str, ...]  # the holidays the period passed over, as people read them

    def explanation(self) -> str:
        values = {"title": self.entry.title, "made": self.entry.made_on.isoformat(), "due": self.due.isoformat(),
                  "published": self.entry.published_on.isoformat(), "late": self.late_by,
                  "basis": PUBLICATION_BASIS}
        text = _("“%(title)s”形成（变更）于 %(made)s，%(basis)s规定 20 个工作日内公开，期限至 %(due)s，"
                 "实际公开于 %(published)s，迟延 %(late)s 个工作日") % values
        if self.holidays:
            text += _("（期间不计：%(holidays)s）") % {"holidays": _("、").join(self.holidays)}
        return text


def publication_due(made_on: dt.date, calendar=None) -> tuple[dt.date, tuple[str, ...]]:  # type: ignore[no-untyped-def]
    """The last day to publish information made or changed on `made_on`, and the holidays the period passes over."""
    result = compute_deadline(calendar or current_calendar(), made_on, PUBLICATION_PERIOD)
    assert result.due_date is not None
    holidays = tuple(
        f"{holiday_name(line.name)} {span_label(line.date_from, line.date_to)}"
        for line in result.trace if line.code == Step.REST and line.name)
    return result.due_date, holidays


def late_publications(entries: Iterable[CatalogueEntry]) -> list[LatePublication]:
    calendar = current_calendar()
    late = []
    dues: dict[dt.date, tuple[dt.date, tuple[str, ...]]] = {}  # many items share a day: count each day once
    for entry in entries:
        if entry.made_on not in dues:
            dues[entry.made_on] = publication_due(entry.made_on, calendar)
        due, holidays = dues[entry.made_on]
        if entry.published_on > due:
            late.append(LatePublication(entry, due, count_days(calendar, due, entry.published_on, Unit.WORKING_DAY),
                                        holidays))
    return late


def catalogue_checks(today: dt.date) -> list[Finding]:
    """The agencies' catalogues against 条例 art.20 (required categories filled) and art.26 (publication period)."""
    findings: list[Finding] = []
    entries = public_entries().filter(published_on__lte=today)
    required = list(DisclosureCategory.objects.filter(required=True))
    filled: dict[int, set[int]] = defaultdict(set)
    for department_id, category_id in entries.values_list("department_id", "category_id").distinct():
        filled[department_id].add(category_id)
    without_any = []
    for department in catalogue_agencies():
        if department.pk not in filled:
            without_any.append(department.name)
            continue
        missing = [category.name for category in required if category.pk not in filled[department.pk]]
        if missing:
            findings.append(Finding("warn", _(
                "%(agency)s的政府信息公开目录中没有以下必须主动公开的类别的信息：%(categories)s"
                "（《政府信息公开条例》第二十条）。") % {"agency": department.name, "categories": "；".join(missing)}))
    if without_any:
        shown = _("、").join(without_any[:10]) + (_("等") if len(without_any) > 10 else "")
        findings.append(Finding("warn", _(
            "%(n)s 个机构还没有任何主动公开的信息列入政府信息公开目录：%(agencies)s（《政府信息公开条例》第十二条、第二十条）。")
            % {"n": len(without_any), "agencies": shown}))
    recent = entries.filter(published_on__gt=today - dt.timedelta(days=LATE_CHECK_DAYS)).order_by("published_on")
    late_by_agency: dict[str, list[LatePublication]] = defaultdict(list)
    for late in late_publications(recent):
        late_by_agency[late.entry.department.name].append(late)
    for agency, items in late_by_agency.items():
        examples = "；".join(item.explanation() for item in items[:LATE_EXAMPLES])
        findings.append(Finding("warn", _(
            "%(agency)s有 %(n)s 项信息未在形成或者变更之日起 20 个工作日内公开（《政府信息公开条例》第二十六条）：%(examples)s。")
            % {"agency": agency, "n": len(items), "examples": examples}))
    return findings

