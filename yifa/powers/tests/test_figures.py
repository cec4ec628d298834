"""The seed's figures for 一、依法行政 come out of the demo's records and adjustments."""


from yifa.powers.selectors import pillar_figures


def test_the_demo_data_regenerates_the_seed_figures_for_lawful_administration(demo_lists):
    figures = pillar_figures(2016)
    assert figures.taken_over == 152  # 1
    assert figures.cancelled_correspondingly == 21  # 2
    assert figures.departments_cleaned_up == 34  # 3
    assert (figures.approval_kept, figures.approval_cancelled) == (102, 180)  # 4
    assert (figures.powers_listed, figures.powers_departments) == (3209, 34)  # 5
    assert (figures.intermediary_reviewed, figures.intermediary_kept, figures.intermediary_cancelled) == (22, 18, 4)  # 6


def test_loading_the_demo_again_changes_nothing(zhaodong, django_capture_on_commit_callbacks):
    from yifa.powers.demo import load_powers_demo
    from yifa.search.models import IndexedDocument

    from .conftest import table_counts

    def state():
        return table_counts(), IndexedDocument.objects.filter(source="powers.item").count(), pillar_figures(2016)

    with django_capture_on_commit_callbacks(execute=True):
        load_powers_demo()
    before = state()
    assert before[1] > 3000  # the demo's powers in force today are in the site search
    with django_capture_on_commit_callbacks(execute=True):
        load_powers_demo()
    assert state() == before
