"""Distances: haversine, bounding boxes, nearest first within a radius."""

import pytest

from cms.socialmap.geo import Point, bounding_box, haversine_km, nearest_first

CENTRE = Point(51.0, 3.9)


def test_haversine_matches_known_distances():
    # One degree along a meridian is a 360th of the circumference.
    assert haversine_km(Point(51, 3.9), Point(52, 3.9)) == pytest.approx(
        111.195, abs=0.01
    )
    brussels, ghent = Point(50.8466, 4.3528), Point(51.0543, 3.7174)
    assert haversine_km(brussels, ghent) == pytest.approx(50.1, abs=0.3)
    assert haversine_km(CENTRE, CENTRE) == 0


def test_the_box_holds_every_point_within_the_radius():
    box = bounding_box(CENTRE, 5)
    for bearing_point in [
        Point(51.0449, 3.9),
        Point(51.0, 3.9713),
        Point(50.9551, 3.9),
    ]:
        assert haversine_km(CENTRE, bearing_point) == pytest.approx(5, abs=0.05)
        assert box.min_latitude <= bearing_point.latitude <= box.max_latitude
        assert box.min_longitude <= bearing_point.longitude <= box.max_longitude


def test_nearest_first_within_the_radius():
    places = {
        "near": Point(51.001, 3.9),
        "far": Point(51.03, 3.9),
        "out": Point(51.2, 3.9),
    }
    ranked = nearest_first(list(places), CENTRE, 5, lambda name: [places[name]])
    assert [name for _distance, name in ranked] == ["near", "far"]
    assert ranked[0][0] < ranked[1][0] <= 5


def test_parse_a_point():
    assert Point.parse("51.05, 3.72") == Point(51.05, 3.72)
    with pytest.raises(ValueError):
        Point.parse("91,3")
    with pytest.raises(ValueError):
        Point.parse("here")
