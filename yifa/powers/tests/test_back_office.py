"""The back office: a department's staff see and change only their own department's items."""

from django.urls import reverse

from yifa.powers.models import ChangeRequest, PowerVersion


def test_another_departments_editor_gets_not_found_for_its_items_and_changes_nothing(client, outsider, editor,
                                                                                      listed_power):
    urls = [reverse("power_items:inspect", args=[listed_power.pk]),
            reverse("powers_admin_change", args=["power", listed_power.pk]),
            reverse("powers_admin_end", args=["power", listed_power.pk])]
    client.force_login(editor)
    assert [client.get(u).status_code for u in urls] == [200, 200, 200]
    client.force_login(outsider)
    assert [client.get(u).status_code for u in urls] == [404, 404, 404]
    response = client.post(urls[1], {"name": "篡改", "kind": "modify", "effective_date": "2017-01-01",
                                     "document_title": "x", "power_type": "01", "exercise_level": "4",
                                     "bases": "《中华人民共和国行政许可法》第三十二条：条文"})
    assert response.status_code == 404
    assert not ChangeRequest.objects.filter(status="draft").exists()
    assert PowerVersion.objects.get().name == "食品经营许可"
    index = client.get(reverse("power_items:index")).content.decode()
    assert "食品经营许可" not in index
