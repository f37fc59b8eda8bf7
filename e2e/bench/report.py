"""Owns the numbers of a benchmark run: medians, the printed table and the ratios to jstack's performance targets.

Pure functions only (no processes, no clock), so that tests can check them with fixed inputs.
"""

import statistics

# The measured columns, in table order: (key, header, unit). RSS/N and PSS/N are of what stays resident once the
# supervisor rests; "PSS awake" is the supervisor's whole PSS right after `ps`, before it rests.
COLUMNS = [
    ("up_cold", "up -d", "s"),
    ("up_again", "up again", "s"),
    ("plan", "plan", "s"),
    ("ps", "ps", "s"),
    ("down", "down", "s"),
    ("floor_up", "floor up", "s"),
    ("floor_down", "floor down", "s"),
    ("rss_per_n", "RSS/N", "MB"),
    ("pss_per_n", "PSS/N", "MB"),
    ("pss_awake", "PSS awake", "MB"),
]

# jstack's performance targets for N=100 (docs/performance.md), compared in the "vs target" lines:
# (key, limit, how the limit is read).
FLOOR_FACTOR = 1.3
FIXED_TARGETS = [("up_again", 0.6), ("plan", 0.6), ("ps", 0.6)]
VERSION_TARGET = 0.3
PSS_TOTAL_TARGET_MB = 40.0


def median(values):
    """The median of the numbers in values, ignoring None; None when nothing was measured."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return statistics.median(present)


def cell(value, unit):
    """One table cell: n/a for what was not measured, seconds with 2 decimals, megabytes with 2."""
    if value is None:
        return "n/a"
    return "%.2f" % value


def table(rows):
    """The table of medians: one line per (shape, n), columns padded to their widest cell, two spaces apart.

    rows: list of dicts with "shape", "n" and the COLUMNS keys (medians or None).
    """
    header = ["shape", "N"] + ["%s (%s)" % (h, u) for _, h, u in COLUMNS]
    lines = [header]
    for r in rows:
        lines.append([r["shape"], str(r["n"])] + [cell(r.get(k), u) for k, _, u in COLUMNS])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for line in lines:
        cells = [line[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(line[1:], widths[1:])]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def verdicts(rows, version_seconds):
    """One line per target, for the rows with N=100: measured, limit, ratio and met/missed."""
    lines = []
    if version_seconds is not None:
        lines.append(verdict("version", "", version_seconds, VERSION_TARGET))
    for r in rows:
        if r["n"] != 100:
            continue
        label = "%s N=100" % r["shape"]
        for key, floor_key in (("up_cold", "floor_up"), ("down", "floor_down")):
            if r.get(key) is not None and r.get(floor_key) is not None:
                lines.append(verdict(key, label, r[key], FLOOR_FACTOR * r[floor_key], "1.3x floor"))
        for key, limit in FIXED_TARGETS:
            if r.get(key) is not None:
                lines.append(verdict(key, label, r[key], limit))
        if r.get("pss_per_n") is not None:
            lines.append(verdict("pss_total", label, r["pss_per_n"] * r["n"], PSS_TOTAL_TARGET_MB, unit="MB"))
    return lines


def verdict(what, label, measured, limit, limit_text=None, unit="s"):
    """'ps joined N=100: 0.91 s, target < 0.60 s (1.3x floor): missed by 1.52x'."""
    limit_text = "" if limit_text is None else " (%s)" % limit_text
    name = ("%s %s" % (what, label)).strip()
    if limit <= 0:
        return "%s: %.2f %s, target %.2f %s%s" % (name, measured, unit, limit, unit, limit_text)
    ratio = measured / limit
    state = "met" if measured <= limit else "missed by %.2fx" % ratio
    return "%s: %.2f %s, target <= %.2f %s%s: %s" % (name, measured, unit, limit, unit, limit_text, state)
