"""Small plane-geometry helpers for the Yuzhong demo data (stdlib only).

Coordinates are WGS84 [lon, lat] in degrees. For distances and bisectors the
points are projected to a local plane in kilometres (equirectangular around the
district centre), which is plenty for a district 9 km across.
"""

import math

# District centre, standards.json -> yuzhong.district.centre_wgs84.
LON0 = 106.565
LAT0 = 29.55588
KX = 111.320 * math.cos(math.radians(LAT0))  # km per degree of longitude
KY = 110.574  # km per degree of latitude


def to_km(p):
    return ((p[0] - LON0) * KX, (p[1] - LAT0) * KY)


def to_deg(q):
    return (q[0] / KX + LON0, q[1] / KY + LAT0)


def area_km2(poly_deg):
    pts = [to_km(p) for p in poly_deg]
    s = 0.0
    for i in range(len(pts)):
        x1, y1 = pts[i]
        x2, y2 = pts[(i + 1) % len(pts)]
        s += x1 * y2 - x2 * y1
    return s / 2.0  # positive when counter-clockwise


def clip_halfplane(poly, a, b, c):
    """Sutherland-Hodgman: keep the part of poly (km) where a*x + b*y <= c."""
    out = []
    n = len(poly)
    for i in range(n):
        p = poly[i]
        q = poly[(i + 1) % n]
        fp = a * p[0] + b * p[1] - c
        fq = a * q[0] + b * q[1] - c
        if fp <= 0:
            out.append(p)
        if (fp < 0 < fq) or (fq < 0 < fp):
            t = fp / (fp - fq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def voronoi_cell(outline_km, sites_km, i):
    """Cell of site i: the outline clipped by the bisector with every other site."""
    cell = list(outline_km)
    xi, yi = sites_km[i]
    for j, (xj, yj) in enumerate(sites_km):
        if j == i:
            continue
        # |p - si|^2 <= |p - sj|^2  <=>  2 (sj - si) . p <= |sj|^2 - |si|^2
        a = 2 * (xj - xi)
        b = 2 * (yj - yi)
        c = (xj * xj + yj * yj) - (xi * xi + yi * yi)
        cell = clip_halfplane(cell, a, b, c)
    return cell


def point_in_polygon(pt, poly):
    """Even-odd ray casting; poly is a list of [x, y] (ring closed or open)."""
    x, y = pt
    inside = False
    n = len(poly)
    j = n - 1
    for i in range(n):
        xi, yi = poly[i]
        xj, yj = poly[j]
        if (yi > y) != (yj > y):
            xc = xi + (y - yi) * (xj - xi) / (yj - yi)
            if x < xc:
                inside = not inside
        j = i
    return inside


def seg_dist_km(p, a, b):
    """Distance in km from p to segment ab, all given in degrees."""
    px, py = to_km(p)
    ax, ay = to_km(a)
    bx, by = to_km(b)
    dx, dy = bx - ax, by - ay
    L2 = dx * dx + dy * dy
    t = 0.0 if L2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / L2))
    cx, cy = ax + t * dx, ay + t * dy
    return math.hypot(px - cx, py - cy)


def edge_dist_km(p, poly):
    n = len(poly)
    return min(seg_dist_km(p, poly[i], poly[(i + 1) % n]) for i in range(n))


def dist_km(p, q):
    a = to_km(p)
    b = to_km(q)
    return math.hypot(a[0] - b[0], a[1] - b[1])
