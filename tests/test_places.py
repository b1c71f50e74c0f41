"""Places named by the extractor become rows once, even under concurrent uploads."""

import threading

import pytest
from django.db import connection

from reports.extract import Place
from reports.models import District, Subdistrict
from reports.places import PlaceResolver, short_name

NEW_PLACE = Place(name="新桥街道", kind="subdistrict", district="测试区", city="测试市", province="测试省",
                  admin_code=None)


@pytest.mark.django_db(transaction=True)
def test_it_creates_a_new_subdistrict_once_when_two_uploads_race():
    barrier = threading.Barrier(2)
    errors = []

    def resolve():
        try:
            barrier.wait()
            from django.db import transaction

            with transaction.atomic():
                PlaceResolver().resolve(NEW_PLACE)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=resolve) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Subdistrict.objects.filter(name="新桥街道").count() == 1
    assert District.objects.filter(name="测试区").count() == 1


@pytest.mark.django_db
def test_it_resolves_a_district_level_place_to_the_district_only():
    subdistrict, district = PlaceResolver().resolve(
        Place(name="江北区", kind="district", district=None, city="重庆市", province="重庆市", admin_code="500105"))
    assert subdistrict is None
    assert (district.name, district.city) == ("江北区", "重庆市")


def test_it_shortens_subdistrict_names():
    assert short_name("圣泉街道") == "圣泉"
    assert short_name("白沙镇") == "白沙"
    assert short_name("镇") == "镇"
