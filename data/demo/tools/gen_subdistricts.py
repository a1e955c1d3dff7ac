#!/usr/bin/env python3
"""Generates data/demo/subdistricts.geojson: SCHEMATIC subdistrict boundaries.

Not surveyed. The 11 polygons are the Voronoi partition of the rough subdistrict
centres (../shared/reference/standards.json -> yuzhong.subdistricts.list, which
are themselves unsourced placements for demo use) clipped to a hand-drawn outline
of the Yuzhong peninsula between the Jialing (north) and the Yangtze (south),
with the confluence at Chaotianmen (east tip). The outline is traced by eye to
the rough shape of the district; it is not a boundary from any map source.

Run from anywhere:  python3 data/demo/tools/gen_subdistricts.py
Deterministic: no randomness.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import geo  # noqa: E402

NOTE = "示意边界，非测绘成果 / schematic, not surveyed"

# The peninsula outline, counter-clockwise, [lon, lat], each vertex tagged with the
# kind of the edge that LEAVES it: "yangtze", "jialing" or "land" (district border on land).
OUTLINE = [
    # Yangtze bank, west to east, up to the tip
    (106.5260, 29.5318, "yangtze"),
    (106.5340, 29.5348, "yangtze"),
    (106.5420, 29.5385, "yangtze"),
    (106.5510, 29.5410, "yangtze"),
    (106.5600, 29.5430, "yangtze"),
    (106.5670, 29.5458, "yangtze"),
    (106.5740, 29.5497, "yangtze"),
    (106.5800, 29.5537, "yangtze"),
    (106.5850, 29.5582, "yangtze"),
    (106.5885, 29.5625, "yangtze"),
    # Chaotianmen tip (confluence); from here the Jialing bank runs west
    (106.5905, 29.5668, "jialing"),
    (106.5860, 29.5688, "jialing"),
    (106.5790, 29.5672, "jialing"),
    (106.5720, 29.5692, "jialing"),
    (106.5640, 29.5720, "jialing"),
    (106.5560, 29.5732, "jialing"),
    (106.5470, 29.5712, "jialing"),
    (106.5390, 29.5682, "jialing"),
    (106.5310, 29.5664, "jialing"),
    (106.5230, 29.5666, "jialing"),
    (106.5160, 29.5652, "jialing"),
    # west: land border (Shapingba / Jiulongpo side)
    (106.5110, 29.5630, "land"),
    (106.5055, 29.5590, "land"),
    (106.5030, 29.5500, "land"),
    (106.5035, 29.5410, "land"),
    (106.5060, 29.5345, "land"),
    (106.5110, 29.5315, "land"),
    (106.5185, 29.5305, "land"),
]

# code, name, name_en, rough centre (lon, lat) from standards.json (same order there is irrelevant).
SUBDISTRICTS = [
    ("jfb", "解放碑街道", "Jiefangbei Subdistrict", 106.577, 29.558),
    ("qxg", "七星岗街道", "Qixinggang Subdistrict", 106.562, 29.5565),
    ("llk", "两路口街道", "Lianglukou Subdistrict", 106.545, 29.553),
    ("sqs", "上清寺街道", "Shangqingsi Subdistrict", 106.547, 29.562),
    ("cyb", "菜园坝街道", "Caiyuanba Subdistrict", 106.550, 29.546),
    ("nmj", "南纪门街道", "Nanjimen Subdistrict", 106.569, 29.550),
    ("ctm", "朝天门街道", "Chaotianmen Subdistrict", 106.584, 29.564),
    ("dxg", "大溪沟街道", "Daxigou Subdistrict", 106.556, 29.568),
    ("dp", "大坪街道", "Daping Subdistrict", 106.523, 29.542),
    ("hlq", "化龙桥街道", "Hualongqiao Subdistrict", 106.515, 29.556),
    ("syl", "石油路街道", "Shiyoulu Subdistrict", 106.516, 29.537),
]


def outline_deg():
    return [(p[0], p[1]) for p in OUTLINE]


def river_segments(river):
    """Outline edges (a, b) in degrees whose kind is `river`."""
    out = []
    n = len(OUTLINE)
    for i in range(n):
        if OUTLINE[i][2] == river:
            a = OUTLINE[i]
            b = OUTLINE[(i + 1) % n]
            out.append(((a[0], a[1]), (b[0], b[1])))
    return out


def build():
    outline_km = [geo.to_km(p) for p in outline_deg()]
    centres_km = [geo.to_km((s[3], s[4])) for s in SUBDISTRICTS]
    features = []
    for i, (code, name, name_en, lon, lat) in enumerate(SUBDISTRICTS):
        cell = geo.voronoi_cell(outline_km, centres_km, i)
        ring = [[round(x, 6), round(y, 6)] for x, y in (geo.to_deg(q) for q in cell)]
        # drop consecutive duplicates produced by rounding
        dedup = []
        for p in ring:
            if not dedup or dedup[-1] != p:
                dedup.append(p)
        if dedup[0] == dedup[-1]:
            dedup.pop()
        if geo.area_km2(dedup) < 0:
            dedup.reverse()
        assert geo.point_in_polygon((lon, lat), dedup), code
        ring_closed = dedup + [dedup[0]]
        features.append({
            "type": "Feature",
            "properties": {
                "code": code,
                "name": name,
                "name_en": name_en,
                "schematic": True,
                "note": NOTE,
                "centre": [lon, lat],
                "area_km2": round(geo.area_km2(dedup), 2),
            },
            "geometry": {"type": "Polygon", "coordinates": [ring_closed]},
        })
    return {
        "type": "FeatureCollection",
        "name": "yuzhong_subdistricts_schematic",
        "note": NOTE + "。Voronoi partition of rough, unsourced centres (standards.json) clipped to "
        "a hand-drawn peninsula outline; for demo maps and point-in-polygon routing only.",
        "schematic": True,
        "crs_note": "WGS84 lon/lat (GeoJSON default)",
        "features": features,
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "subdistricts.geojson")
    fc = build()
    total = sum(f["properties"]["area_km2"] for f in fc["features"])
    outline_area = geo.area_km2(outline_deg())
    with open(out, "w", encoding="utf-8") as f:
        f.write("{\"type\":\"FeatureCollection\",\n")
        f.write("\"name\":" + json.dumps(fc["name"]) + ",\n")
        f.write("\"note\":" + json.dumps(fc["note"], ensure_ascii=False) + ",\n")
        f.write("\"schematic\":true,\n")
        f.write("\"crs_note\":" + json.dumps(fc["crs_note"]) + ",\n")
        f.write("\"features\":[\n")
        f.write(",\n".join(json.dumps(ft, ensure_ascii=False, separators=(",", ":"))
                           for ft in fc["features"]))
        f.write("\n]}\n")
    for ft in fc["features"]:
        p = ft["properties"]
        print(f"{p['code']:4} {p['name']} {p['area_km2']:5.2f} km2, "
              f"{len(ft['geometry']['coordinates'][0]) - 1} vertices")
    print(f"sum {total:.2f} km2, outline {outline_area:.2f} km2")


if __name__ == "__main__":
    main()
