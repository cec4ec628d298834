"""The annual-report table adds up: 本年新收 + 上年结转 = 办理结果总计 + 结转下年度, in every column."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yifa.disclosure.models import REASONS_OF, ApplicantType, DisclosureRequest, Outcome
from yifa.disclosure.statistics import COLUMNS, disclosure_table

outcomes = st.sampled_from([(o, r) for o in Outcome.values for r in (REASONS_OF.get(o) or ("",))])


@st.composite
def request_rows(draw):
    received = draw(st.dates(dt.date(2015, 1, 1), dt.date(2018, 12, 31)))
    concluded = draw(st.one_of(st.none(), st.integers(0, 400).map(lambda n: received + dt.timedelta(days=n))))
    outcome, reason = draw(outcomes)
    return received, concluded, draw(st.sampled_from(ApplicantType.values)), outcome, reason


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(request_rows(), max_size=40), year=st.integers(2015, 2018))
def test_the_identity_holds_for_random_years_of_requests(django_db_blocker, department, rows, year):
    with django_db_blocker.unblock():
        DisclosureRequest.objects.all().delete()
        DisclosureRequest.objects.bulk_create([
            DisclosureRequest(reference=f"R{n}", tracking_code=f"GK-T{n:08d}", department=department,
                              applicant_type=kind, applicant_name="甲", id_number="x", phone="1", address="a",
                              description="d", delivery="email", received_on=received, concluded_on=concluded,
                              status="concluded" if concluded else "handling", outcome=outcome if concluded else "",
                              outcome_reason=reason if concluded else "")
            for n, (received, concluded, kind, outcome, reason) in enumerate(rows)
        ])
        table = disclosure_table(year)
        assert table.balances()
        expected_received = sum(1 for r in rows if r[0].year == year)
        assert sum(table.received[c] for c in COLUMNS) == expected_received
        assert sum(table.results_total(c) for c in COLUMNS) == sum(1 for r in rows if r[1] and r[1].year == year)


def test_partial_disclosure_counts_once_and_already_public_counts_as_granted(registered, editor):
    from yifa.disclosure import actions

    partial = registered(dt.date(2017, 9, 20))
    actions.reply_request(actor=editor, request=partial, outcome="partial", replied_on=dt.date(2017, 10, 9), summary="部分")
    known = registered(dt.date(2017, 9, 20))
    actions.reply_request(actor=editor, request=known, outcome="already_public", replied_on=dt.date(2017, 10, 9),
                          summary="已主动公开")
    table = disclosure_table(2017)
    assert table.results[("partial", "")]["natural_person"] == 1
    assert table.results[("granted", "")]["natural_person"] == 1
    assert table.results_total("natural_person") == 2 and table.balances()
