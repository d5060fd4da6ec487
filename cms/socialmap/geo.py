"""Distances on the map without a spatial database: a bounding box narrows the rows
in SQL (works on SQLite and PostgreSQL alike), the exact great-circle distance is
computed in Python."""

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float

    @classmethod
    def parse(cls, text: str) -> "Point":
        """ "51.05,3.72" -> Point; raises ValueError on anything else."""
        parts = [part.strip() for part in (text or "").split(",")]
        if len(parts) != 2:
            raise ValueError("expected 'latitude,longitude'")
        latitude, longitude = float(parts[0]), float(parts[1])
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise ValueError("coordinates out of range")
        return cls(latitude, longitude)


@dataclass(frozen=True)
class BoundingBox:
    min_latitude: float
    max_latitude: float
    min_longitude: float
    max_longitude: float


def haversine_km(a: Point, b: Point) -> float:
    """The great-circle distance between two points, in kilometres."""
    lat1, lon1, lat2, lon2 = map(
        math.radians, (a.latitude, a.longitude, b.latitude, b.longitude)
    )
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(centre: Point, radius_km: float) -> BoundingBox:
    """A box that contains every point within `radius_km` of `centre` (a little
    more: the corners), for a cheap prefilter in SQL."""
    delta_latitude = math.degrees(radius_km / EARTH_RADIUS_KM)
    cos_latitude = math.cos(math.radians(centre.latitude))
    if cos_latitude < 1e-6:  # at a pole every longitude is near
        delta_longitude = 180.0
    else:
        delta_longitude = min(180.0, delta_latitude / cos_latitude)
    return BoundingBox(
        centre.latitude - delta_latitude,
        centre.latitude + delta_latitude,
        centre.longitude - delta_longitude,
        centre.longitude + delta_longitude,
    )


def within_box_filter(box: BoundingBox, prefix: str = "") -> dict:
    """Queryset keyword arguments for the rows whose coordinates lie in the box."""
    return {
        f"{prefix}latitude__gte": box.min_latitude,
        f"{prefix}latitude__lte": box.max_latitude,
        f"{prefix}longitude__gte": box.min_longitude,
        f"{prefix}longitude__lte": box.max_longitude,
    }


def nearest_first(items, centre: Point, radius_km: float | None, points) -> list:
    """`items` within `radius_km` of `centre`, nearest first, as (distance, item)
    pairs. `points(item)` gives the item's points; its distance is the nearest."""
    ranked = []
    for item in items:
        distances = [haversine_km(centre, point) for point in points(item)]
        if not distances:
            continue
        distance = min(distances)
        if radius_km is None or distance <= radius_km:
            ranked.append((distance, item))
    ranked.sort(key=lambda pair: pair[0])
    return ranked
