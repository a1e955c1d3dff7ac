#!/usr/bin/env python3
"""Generates data/demo/sites.json: the Yuzhong demo's monitored sites and devices.

Deterministic (fixed seed), stdlib only. Reads data/demo/subdistricts.geojson
(run gen_subdistricts.py first) so every site lies inside its subdistrict polygon.

Everything here is demo data: restaurant and construction-site names are
fictional and marked （演示）; water-section names are place names along the
banks, not official monitoring sections; device MNs and passwords are made up.

Run from anywhere:  python3 data/demo/tools/gen_sites.py
"""

import json
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import geo  # noqa: E402
import gen_subdistricts  # noqa: E402

SEED = 500103  # Yuzhong's administrative code
rng = random.Random(SEED)

# ---------------------------------------------------------------------------
# Factors. Codes are HJ 212-2017 Appendix B unless marked otherwise.
# ---------------------------------------------------------------------------
FUME = "gl_fume"  # 油烟浓度 mg/m3 -- platform-local code: HJ 212-2017 has NO code for cooking fume
FAN_I = "gl_fan_i"  # 风机电流 A -- platform-local
PURIFIER_I = "gl_pur_i"  # 净化器电流 A -- platform-local

F_RESTAURANT = [FUME, FAN_I, PURIFIER_I]
F_NOISE = ["LA", "Leq"]
F_DUST = ["a34002", "a34001", "a34004", "a01007", "a01008", "a01001", "a01002"]
F_WATER = ["w01001", "w01009", "w01019", "w21003", "w21011", "w21001", "w01010", "w01014"]
# a05024 (O3) is not in HJ 212-2017 Table B.2 but is what field devices send (reference hj212.md §3).
F_AIR = ["a34004", "a34002", "a21026", "a21004", "a21005", "a05024",
         "a01001", "a01002", "a01006", "a01007", "a01008"]
F_EFFLUENT = ["w00000", "w01018", "w21003", "w01001", "w21011", "w21001"]

SUB_NAMES = {s[0]: (s[1], s[2]) for s in gen_subdistricts.SUBDISTRICTS}
SHORT = {c: n.replace("街道", "") for c, (n, _) in SUB_NAMES.items()}
SHORT_EN = {c: e.replace(" Subdistrict", "") for c, (_, e) in SUB_NAMES.items()}


def load_polygons():
    with open(os.path.join(HERE, "..", "subdistricts.geojson"), encoding="utf-8") as f:
        fc = json.load(f)
    return {ft["properties"]["code"]: ft["geometry"]["coordinates"][0] for ft in fc["features"]}


POLY = load_polygons()
PLACED = []  # every location so far, to keep sites apart


def rnd_point(code, margin_km=0.06, spacing_km=0.05):
    poly = POLY[code]
    xs = [p[0] for p in poly]
    ys = [p[1] for p in poly]
    for _ in range(20000):
        p = (rng.uniform(min(xs), max(xs)), rng.uniform(min(ys), max(ys)))
        if not geo.point_in_polygon(p, poly):
            continue
        if geo.edge_dist_km(p, poly) < margin_km:
            continue
        if any(geo.dist_km(p, q) < spacing_km for q in PLACED):
            continue
        PLACED.append(p)
        return [round(p[0], 6), round(p[1], 6)]
    raise RuntimeError("no room in " + code)


def bank_point(river, lon, inland_km=0.08):
    """A point inland from the `river` bank at about longitude `lon`, and its subdistrict."""
    best = None
    for a, b in gen_subdistricts.river_segments(river):
        lo, hi = sorted((a[0], b[0]))
        if lo <= lon <= hi and a[0] != b[0]:
            t = (lon - a[0]) / (b[0] - a[0])
            best = (a, b, t)
    if best is None:  # the tip: use the outline vertex nearest to lon
        segs = gen_subdistricts.river_segments(river)
        a, b = min(segs, key=lambda s: abs(s[0][0] - lon))
        best = (a, b, 0.0)
    a, b, t = best
    ka, kb = geo.to_km(a), geo.to_km(b)
    px, py = ka[0] + t * (kb[0] - ka[0]), ka[1] + t * (kb[1] - ka[1])
    dx, dy = kb[0] - ka[0], kb[1] - ka[1]
    L = math.hypot(dx, dy)
    nx, ny = -dy / L, dx / L  # left normal; the outline is counter-clockwise, so inland
    for step in range(0, 20):
        d = inland_km + 0.02 * step
        p = geo.to_deg((px + nx * d, py + ny * d))
        for code, poly in POLY.items():
            if geo.point_in_polygon(p, poly) and geo.edge_dist_km(p, poly) >= 0.03:
                PLACED.append(p)
                return code, [round(p[0], 6), round(p[1], 6)]
    raise RuntimeError("no bank point at %s %f" % (river, lon))


# ---------------------------------------------------------------------------
# Devices
# ---------------------------------------------------------------------------
# MN (HJ 212-2017 §6.3.2 Table 3): 24 hex digits from an EPC-96 code:
#   header 8 bit (2 hex) | manager/manufacturer 28 bit (7 hex) | object class 24 bit (6 hex) |
#   serial 36 bit (9 hex).
# HJ/T 212-2005: 14 digits = last 7 digits of the maker's organisation code + 7-digit serial.
# Makers below are fictional.
MAKERS = {  # kind -> (28-bit maker number as 7 hex, 2005-style 7-digit org suffix)
    "fume": ("00C1A01", "5001031"),
    "noise": ("00C1A02", "5001032"),
    "dust": ("00C1A03", "5001033"),
    "water": ("00C1A04", "5001034"),
    "air": ("00C1A05", "5001035"),
    "effluent": ("00C1A06", "5001036"),
}
OBJECT_CLASS = {"fume": "000031", "noise": "000036", "dust": "000039", "water": "000021",
                "air": "000022", "effluent": "000032"}
ST = {"fume": "31", "noise": "36", "dust": "39", "water": "21", "air": "22", "effluent": "32"}
SERIAL = {k: 0 for k in MAKERS}
DEVICES = []


def device(kind, factors, interval_s, protocol="2017", crc="strict"):
    SERIAL[kind] += 1
    n = SERIAL[kind]
    maker, org7 = MAKERS[kind]
    if protocol == "2005":
        mn = org7 + "%07d" % (n + 100)
    else:
        mn = "01" + maker + OBJECT_CLASS[kind] + "%09X" % (0x500103000 + n)
    d = {
        "mn": mn,
        "pw": "%06d" % rng.randrange(0, 1000000),
        "protocol": protocol,
        "st": ST[kind],
        "interval_s": interval_s,
        "crc": crc,
        "factors": list(factors),
    }
    DEVICES.append(d)
    return d


SITES = []


def site(code, kind, name, name_en, sub, dept, loc, attrs, devices, enterprise=None):
    s = {
        "code": code,
        "kind": kind,
        "name": name,
        "name_en": name_en,
        "subdistrict": sub,
        "department": dept,
        "enterprise": enterprise,
        "location": loc,
        "attributes": attrs,
        "devices": devices,
    }
    SITES.append(s)
    return s


# ---------------------------------------------------------------------------
# Restaurants with cooking-fume monitors (油烟在线监测)
# ---------------------------------------------------------------------------
RESTAURANTS_PER_SUB = {"jfb": 20, "ctm": 12, "qxg": 10, "dp": 11, "llk": 8, "nmj": 8, "sqs": 7,
                       "hlq": 8, "dxg": 6, "syl": 6, "cyb": 4}
BRANDS = [("巴渝老灶", "Bayu Old Stove"), ("半岛味道", "Peninsula Taste"),
          ("江畔人家", "Riverside Home"), ("两江码头", "Two Rivers Wharf"),
          ("山城小馆", "Mountain City Bistro"), ("梯坎人家", "Stone Steps Kitchen"),
          ("老街坊", "Old Neighbours"), ("渝香阁", "Yuxiang Pavilion"),
          ("雾都食堂", "Fog City Canteen"), ("江风", "River Breeze"),
          ("吊脚楼", "Stilt House"), ("红油坊", "Red Oil Workshop"),
          ("嘉陵小厨", "Jialing Little Kitchen"), ("朝天小馆", "Chaotian Bistro"),
          ("十三楼", "Floor Thirteen"), ("麻辣研究所", "Mala Lab")]
CUISINES = [("火锅", "Hotpot"), ("串串香", "Chuanchuan"), ("江湖菜", "Jianghu Cuisine"),
            ("烤鱼", "Grilled Fish"), ("中餐厅", "Chinese Restaurant"), ("酸菜鱼", "Pickled Fish"),
            ("豆花饭", "Douhua Rice"), ("烧烤", "Barbecue"), ("小面", "Noodles")]
GROUP_OUTLETS = {"e_qjx": ("青椒巷", "Qingjiao Lane", "jfb ctm qxg dp llk sqs".split()),
                 "e_jam": ("江岸小面", "Jiang'an Noodles", "ctm nmj jfb hlq".split())}


def fume_scale(burners):
    # GB 18483-2001 Table 1, by 基准灶头数
    if burners < 3:
        return "small"
    if burners < 6:
        return "medium"
    return "large"


def restaurants():
    group_slots = {}
    for ent, (_, _, subs) in GROUP_OUTLETS.items():
        for s in subs:
            group_slots.setdefault(s, []).append(ent)
    i2005 = 0
    n = 0
    for sub, count in RESTAURANTS_PER_SUB.items():
        for k in range(1, count + 1):
            n += 1
            ent = None
            if group_slots.get(sub):
                ent = group_slots[sub].pop(0)
            if ent:
                brand, brand_en, _ = GROUP_OUTLETS[ent]
                cuisine, cuisine_en = ("小面", "Noodles") if ent == "e_jam" else ("江湖菜",
                                                                                 "Jianghu Cuisine")
                if ent == "e_jam":
                    name = "%s（%s店·演示）" % (brand, SHORT[sub])
                    name_en = "%s, %s branch (demo)" % (brand_en, SHORT_EN[sub])
                else:
                    name = "%s%s（%s店·演示）" % (brand, cuisine, SHORT[sub])
                    name_en = "%s %s, %s branch (demo)" % (brand_en, cuisine_en, SHORT_EN[sub])
            else:
                b, b_en = rng.choice(BRANDS)
                c, c_en = rng.choice(CUISINES)
                name = "%s%s（%s%d号店·演示）" % (b, c, SHORT[sub], k)
                name_en = "%s %s, %s No.%d (demo)" % (b_en, c_en, SHORT_EN[sub], k)
            burners = rng.choice([1, 2, 2, 3, 3, 4, 4, 5, 6, 8])
            proto, crc, interval = "2017", "strict", 60
            if n % 17 == 5 and i2005 < 5:  # a few older loggers on HJ/T 212-2005
                proto = "2005"
                i2005 += 1
            if n == 23:  # one logger that prints a byte-swapped Modbus CRC
                crc = "modbus_swapped"
            dev = device("fume", F_RESTAURANT, interval, proto, crc)
            site("rst-%s-%03d" % (sub, k), "restaurant", name, name_en, sub, "eeb",
                 rnd_point(sub),
                 {"fume_standard": "DB50/859-2018", "burners": burners,
                  "fume_scale": fume_scale(burners), "cuisine": cuisine_en if ent else c_en},
                 [dev], ent)


# ---------------------------------------------------------------------------
# Construction sites: noise (GB 12523-2011 boundary) + dust monitors
# ---------------------------------------------------------------------------
CONSTRUCTION_PER_SUB = {"hlq": 6, "dp": 4, "syl": 3, "llk": 3, "cyb": 3, "sqs": 2, "dxg": 2,
                        "nmj": 2, "qxg": 2, "jfb": 2, "ctm": 1}
PROJECTS = [("住宅项目", "housing project"), ("商业综合体项目", "mixed-use complex"),
            ("旧城改造项目", "urban renewal project"), ("轨道交通站点工程", "metro station works"),
            ("道路改造工程", "road upgrade works"), ("学校扩建工程", "school extension"),
            ("医院综合楼工程", "hospital building"), ("雨污分流改造工程",
                                                    "rain/sewage separation works"),
            ("边坡治理工程", "slope stabilisation works"), ("老旧小区改造工程",
                                                    "old estate retrofit")]
STAGES = ["earthwork", "foundation", "structure", "decoration"]


def construction():
    n = 0
    for sub, count in CONSTRUCTION_PER_SUB.items():
        for k in range(1, count + 1):
            n += 1
            proj, proj_en = PROJECTS[(n * 7) % len(PROJECTS)]
            plot = "%s%d" % ("ABCDEFGH"[(n * 3) % 8], 1 + (n % 9))
            name = "%s片区%s地块%s（演示）" % (SHORT[sub], plot, proj)
            name_en = "%s plot %s %s (demo)" % (SHORT_EN[sub], plot, proj_en)
            ent = "e_bdj" if sub == "hlq" and k <= 3 else ("e_sti" if sub in ("dp", "syl") and k <= 2
                                                          else None)
            zone = rng.choice(["2", "2", "2", "4a", "1"])
            # Two devices per site: a boundary noise monitor and a dust monitor.
            noise = device("noise", F_NOISE, 60)
            dust = device("dust", F_DUST, 60, "2025" if n in (4, 19) else "2017")
            site("cst-%s-%02d" % (sub, k), "construction", name, name_en, sub, "hcc",
                 rnd_point(sub, margin_km=0.08, spacing_km=0.12),
                 {"noise_standard": "GB 12523-2011", "noise_zone": zone,
                  "stage": STAGES[n % 4], "dust_standard": None},
                 [noise, dust], ent)


# ---------------------------------------------------------------------------
# River sections with water analysers (the automatic station sits on the bank)
# ---------------------------------------------------------------------------
WATER = [  # river, place, place_en, approx lon of the bank point
    ("yangtze", "黄沙溪", "Huangshaxi", 106.5300),
    ("yangtze", "菜园坝", "Caiyuanba", 106.5470),
    ("yangtze", "储奇门", "Chuqimen", 106.5700),
    ("yangtze", "东水门", "Dongshuimen", 106.5825),
    ("yangtze", "朝天门", "Chaotianmen", 106.5880),
    ("jialing", "化龙桥", "Hualongqiao", 106.5200),
    ("jialing", "李子坝", "Liziba", 106.5340),
    ("jialing", "牛角沱", "Niujiaotuo", 106.5440),
    ("jialing", "大溪沟", "Daxigou", 106.5560),
    ("jialing", "临江门", "Linjiangmen", 106.5750),
]


def water():
    for i, (river, place, place_en, lon) in enumerate(WATER, 1):
        sub, loc = bank_point(river, lon)
        if river == "yangtze":
            rname, rname_en = "长江", "Yangtze"
            attrs = {"water_body": "river", "river": rname, "water_target_class": "III",
                     "water_target_class_basis":
                         "渝府发〔2012〕4号 表1：长江主城段 大溪河口—明月沱 III类"}
        else:
            rname, rname_en = "嘉陵江", "Jialing"
            attrs = {"water_body": "river", "river": rname, "water_target_class": "III",
                     "water_target_class_basis":
                         "assumed for the demo: the Jialing main-city reach class was not found"}
        attrs["official_section"] = False
        dev = device("water", F_WATER, 3600, "2005" if i == 8 else "2017")
        site("wtr-%s-%02d" % ("cj" if river == "yangtze" else "jl", i), "water_section",
             "%s%s水质自动监测点（演示）" % (rname, place),
             "%s at %s water quality station (demo)" % (rname_en, place_en),
             sub, "eeb", loc, attrs, [dev])


# ---------------------------------------------------------------------------
# Air stations: one micro-station per subdistrict plus one at the district seat
# ---------------------------------------------------------------------------
def air():
    n = 0
    for code in [s[0] for s in gen_subdistricts.SUBDISTRICTS]:
        n += 1
        dev = device("air", F_AIR, 300, "2025" if n in (2, 7) else "2017")
        site("air-%s" % code, "air_station", "%s空气质量微站（演示）" % SHORT[code],
             "%s air quality micro-station (demo)" % SHORT_EN[code], code, "eeb",
             rnd_point(code, margin_km=0.15, spacing_km=0.2),
             {"air_grade": "2", "station_type": "micro"}, [dev])
    dev = device("air", F_AIR, 300)
    site("air-yz-01", "air_station", "渝中区空气自动监测站（七星岗·演示）",
         "Yuzhong air monitoring station, Qixinggang (demo)", "qxg", "eeb",
         rnd_point("qxg", margin_km=0.15, spacing_km=0.2),
         {"air_grade": "2", "station_type": "district"}, [dev])


# ---------------------------------------------------------------------------
# Industrial: the (fictional) wastewater operator's station, boundary noise + effluent
# ---------------------------------------------------------------------------
def industrial():
    code, loc = bank_point("jialing", 106.5250, inland_km=0.15)
    noise = device("noise", F_NOISE, 60)
    eff = device("effluent", F_EFFLUENT, 3600)
    site("ind-%s-01" % code, "industrial", "清河水务化龙桥污水处理站（虚构演示）",
         "Qinghe Wastewater Hualongqiao treatment station (fictional demo)", code, "eeb", loc,
         {"noise_standard": "GB 12348-2008", "noise_zone": "2", "effluent_standard": None},
         [noise, eff], "e_qhw")
    code2, loc2 = bank_point("yangtze", 106.5390, inland_km=0.15)
    noise2 = device("noise", F_NOISE, 60)
    site("ind-%s-02" % code2, "industrial", "清河水务菜园坝提升泵站（虚构演示）",
         "Qinghe Wastewater Caiyuanba lift pumping station (fictional demo)", code2, "eeb", loc2,
         {"noise_standard": "GB 12348-2008", "noise_zone": "2"}, [noise2], "e_qhw")


def main():
    water()
    industrial()
    air()
    construction()
    restaurants()
    order = {"air_station": 0, "water_section": 1, "industrial": 2, "construction": 3,
             "restaurant": 4}
    SITES.sort(key=lambda s: (order[s["kind"]], s["code"]))
    mns = [d["mn"] for d in DEVICES]
    assert len(set(mns)) == len(mns)
    out = os.path.join(HERE, "..", "sites.json")
    with open(out, "w", encoding="utf-8") as f:
        f.write("{\"sites\":[\n")
        f.write(",\n".join(json.dumps(s, ensure_ascii=False, separators=(",", ":"))
                           for s in SITES))
        f.write("\n]}\n")
    by_kind = {}
    for s in SITES:
        k = by_kind.setdefault(s["kind"], [0, 0])
        k[0] += 1
        k[1] += len(s["devices"])
    for k, (ns, nd) in by_kind.items():
        print("%-14s %3d sites %3d devices" % (k, ns, nd))
    protos = {}
    for d in DEVICES:
        protos[(d["protocol"], d["crc"])] = protos.get((d["protocol"], d["crc"]), 0) + 1
    print("total %d sites, %d devices; %s" % (len(SITES), len(DEVICES), protos))


if __name__ == "__main__":
    main()
