#!/usr/bin/env python3
"""The report of ops/bench/scale: tables, targets and an SVG plot from its results.tsv and steps.tsv.

    python3 ops/bench/lib/scale-report.py RESULTS.tsv STEPS.tsv PLOT.svg

Standard library only, so the bench needs nothing installed beyond python3. The plot is written to
a temporary file next to PLOT and then moved into place.
"""
import csv
import math
import os
import sys
import tempfile
from collections import OrderedDict

# The size each job's own bench runs at: the figure the largest size is held against.
BASE_SIZE = {"reconciliation": 2_000_000, "training": 1_200_000}
UNIT = {"reconciliation": "grant rows", "training": "completions"}
HEAP_LIMIT_MB = 512
THROUGHPUT_KEPT = 0.8   # rows/s at the largest size >= 80% of the base size's
RATIO_GROWTH = 1.10     # the ratio at the largest size at most 10% above the base size's (noise)


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def size_label(rows):
    return f"{rows / 1e6:g}M" if rows >= 1_000_000 else f"{rows / 1e3:g}k"


def figures(results):
    runs = OrderedDict()
    for r in results:
        job, size, rows = r["job"], int(r["size"]), int(r["input_rows"])
        wall, execution, ref = float(r["job_wall_s"]), float(r["job_execution_s"]), float(r["reference_s"])
        runs.setdefault(job, []).append({
            "size": size, "rows": rows, "wall": wall, "execution": execution, "reference": ref,
            "heap": float(r["peak_heap_mb"]), "pauses": r["gc_pauses"], "load": r["load"],
            "wall_rate": rows / wall, "execution_rate": rows / execution, "reference_rate": rows / ref,
            "ratio": wall / ref, "execution_ratio": execution / ref})
    for job in runs:
        runs[job].sort(key=lambda run: run["size"])
    return runs


def print_table(runs):
    print("| job | size | input rows | job wall | rows/s | job execution | rows/s | reference | ratio (wall) "
          "| ratio (execution) | peak heap | load at start |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for job, sized in runs.items():
        for r in sized:
            print(f"| {job} | {size_label(r['size'])} {UNIT[job]} | {r['rows']:,} | {r['wall']:.1f} s "
                  f"| {r['wall_rate']:,.0f} | {r['execution']:.1f} s | {r['execution_rate']:,.0f} "
                  f"| {r['reference']:.1f} s | {r['ratio']:.2f} | {r['execution_ratio']:.2f} "
                  f"| {r['heap']:.0f} MB | {r['load']} |")


def print_steps(runs, steps):
    """Microseconds per input row of every step at every size: a step whose cost grows faster
    than its input shows a rising figure along its row."""
    for job, sized in runs.items():
        sizes = [r["size"] for r in sized]
        per_step = OrderedDict()
        for s in steps:
            if s["job"] == job and int(s["size"]) in sizes:
                per_step.setdefault(s["step"], {})[int(s["size"])] = float(s["seconds"]) * 1e6 / int(s["input_rows"])
        if not per_step:
            continue
        per_step["(process start and end: wall - execution)"] = {
            r["size"]: (r["wall"] - r["execution"]) * 1e6 / r["rows"] for r in sized}
        print(f"\n{job}: time per input row of each step, in microseconds (seconds x 1e6 / input rows)")
        print("| step | " + " | ".join(size_label(size) for size in sizes) + " | largest / first |")
        print("|---|" + "---|" * (len(sizes) + 1))
        for step, by_size in per_step.items():
            cells = [f"{by_size[size]:.2f}" if size in by_size else "" for size in sizes]
            first, last = by_size.get(sizes[0]), by_size.get(sizes[-1])
            growth = f"{last / first:.2f}" if first and last and first > 0.01 else ""
            print(f"| {step} | " + " | ".join(cells) + f" | {growth} |")


def verdicts(runs):
    print("\ntargets (issue 16, part 2):")
    for job, sized in runs.items():
        heaviest = max(sized, key=lambda r: r["heap"])
        print(f"  {job}: peak heap <= {HEAP_LIMIT_MB} MB at every size: "
              f"{'MET' if heaviest['heap'] <= HEAP_LIMIT_MB else 'MISSED'} "
              f"(largest {heaviest['heap']:.0f} MB at {size_label(heaviest['size'])})")
        base = next((r for r in sized if r["size"] == BASE_SIZE[job]), None)
        largest = sized[-1]
        if base is None or base is largest:
            print(f"  {job}: rows/s and ratio growth need the {size_label(BASE_SIZE[job])} size and a larger one")
            continue
        for kind, label in (("wall_rate", "process wall"), ("execution_rate", "job execution")):
            kept = largest[kind] / base[kind]
            print(f"  {job}: rows/s at {size_label(largest['size'])} within 20% of {size_label(base['size'])} "
                  f"({label}): {'MET' if kept >= THROUGHPUT_KEPT else 'MISSED'} "
                  f"({largest[kind]:,.0f} vs {base[kind]:,.0f}: {kept:.2f}x)")
        for kind, label in (("ratio", "process wall"), ("execution_ratio", "job execution")):
            growth = largest[kind] / base[kind]
            print(f"  {job}: ratio to the reference not growing ({label}): "
                  f"{'MET' if growth <= RATIO_GROWTH else 'MISSED'} "
                  f"({' -> '.join(f'{r[kind]:.2f}' for r in sized)} from {size_label(sized[0]['size'])} "
                  f"to {size_label(largest['size'])}; {largest[kind]:.2f} / {base[kind]:.2f} = {growth:.2f}, "
                  f"at most {RATIO_GROWTH:.2f} allowed for noise)")


# --- the plot: one column per job; rows/s, ratio and peak heap against the input size (log x) ---

COLOURS = {"wall_rate": "#1f77b4", "execution_rate": "#2ca02c", "reference_rate": "#7f7f7f",
           "ratio": "#1f77b4", "execution_ratio": "#2ca02c", "heap": "#d62728"}
PANEL_W, PANEL_H, MARGIN_L, MARGIN_T, GAP_X, GAP_Y = 360, 190, 70, 60, 90, 70


def nice_max(value):
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def panel(out, x0, y0, title, sized, series, y_label, limit=None, y_format="{:,.0f}"):
    sizes = [r["size"] for r in sized]
    lo, hi = math.log10(min(sizes)), math.log10(max(sizes))
    if hi - lo < 1e-9:
        lo, hi = lo - 0.5, hi + 0.5
    pad = (hi - lo) * 0.08
    lo, hi = lo - pad, hi + pad
    top = nice_max(max([r[key] for r in sized for key, _ in series] + ([limit * 1.05] if limit else [])))

    def x(size):
        return x0 + (math.log10(size) - lo) / (hi - lo) * PANEL_W

    def y(value):
        return y0 + PANEL_H - value / top * PANEL_H

    out.append(f'<text x="{x0}" y="{y0 - 10}" font-weight="bold">{esc(title)}</text>')
    out.append(f'<rect x="{x0}" y="{y0}" width="{PANEL_W}" height="{PANEL_H}" fill="none" stroke="#999"/>')
    for i in range(5):
        value = top * i / 4
        out.append(f'<line x1="{x0}" x2="{x0 + PANEL_W}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="#eee"/>')
        out.append(f'<text x="{x0 - 6}" y="{y(value) + 4:.1f}" text-anchor="end" font-size="11">'
                   f'{esc(y_format.format(value))}</text>')
    for size in sizes:
        out.append(f'<line x1="{x(size):.1f}" x2="{x(size):.1f}" y1="{y0}" y2="{y0 + PANEL_H}" stroke="#eee"/>')
        out.append(f'<text x="{x(size):.1f}" y="{y0 + PANEL_H + 15}" text-anchor="middle" font-size="11">'
                   f'{size_label(size)}</text>')
    out.append(f'<text x="{x0 - 55}" y="{y0 + PANEL_H / 2}" font-size="11" text-anchor="middle" '
               f'transform="rotate(-90 {x0 - 55} {y0 + PANEL_H / 2})">{esc(y_label)}</text>')
    if limit:
        out.append(f'<line x1="{x0}" x2="{x0 + PANEL_W}" y1="{y(limit):.1f}" y2="{y(limit):.1f}" '
                   f'stroke="#d62728" stroke-dasharray="6 4"/>')
        out.append(f'<text x="{x0 + PANEL_W - 4}" y="{y(limit) - 4:.1f}" text-anchor="end" font-size="11" '
                   f'fill="#d62728">limit {limit:g}</text>')
    for i, (key, name) in enumerate(series):
        points = " ".join(f"{x(r['size']):.1f},{y(r[key]):.1f}" for r in sized)
        out.append(f'<polyline points="{points}" fill="none" stroke="{COLOURS[key]}" stroke-width="2"/>')
        for r in sized:
            out.append(f'<circle cx="{x(r["size"]):.1f}" cy="{y(r[key]):.1f}" r="3" fill="{COLOURS[key]}"/>')
        out.append(f'<text x="{x0 + 8}" y="{y0 + 16 + 14 * i}" font-size="11" fill="{COLOURS[key]}">'
                   f'{esc(name)}</text>')


def write_plot(runs, path, stamp):
    jobs = list(runs)
    width = MARGIN_L + len(jobs) * (PANEL_W + GAP_X)
    height = MARGIN_T + 3 * (PANEL_H + GAP_Y)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="13">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{MARGIN_L}" y="20" font-size="15" font-weight="bold">ops/bench/scale: cost against input size '
           f'(-Xmx512m, each size against its reference in the same run)</text>',
           f'<text x="{MARGIN_L}" y="38" font-size="12">{esc(stamp)}</text>']
    for column, job in enumerate(jobs):
        sized = runs[job]
        x0 = MARGIN_L + column * (PANEL_W + GAP_X)
        rows = f"input rows ({UNIT[job]}, log scale)"
        panel(out, x0, MARGIN_T + 10, f"{job}: throughput", sized,
              [("wall_rate", "job, process wall"), ("execution_rate", "job execution"),
               ("reference_rate", "reference (LOAD DATA + SQL)")], "rows/s")
        panel(out, x0, MARGIN_T + 10 + PANEL_H + GAP_Y, f"{job}: ratio job / reference", sized,
              [("ratio", "process wall / reference"), ("execution_ratio", "execution / reference")], "ratio",
              y_format="{:.1f}")
        panel(out, x0, MARGIN_T + 10 + 2 * (PANEL_H + GAP_Y), f"{job}: peak heap", sized,
              [("heap", "largest heap before a GC")], "MB", limit=HEAP_LIMIT_MB)
        out.append(f'<text x="{x0 + PANEL_W / 2}" y="{height - 12}" text-anchor="middle" font-size="11">'
                   f'{esc(rows)}</text>')
    out.append("</svg>")
    directory = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix=".scale-", suffix=".svg", dir=directory)
    with os.fdopen(fd, "w") as f:
        f.write("\n".join(out) + "\n")
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: scale-report.py RESULTS.tsv STEPS.tsv PLOT.svg")
    results, steps, plot = sys.argv[1:]
    runs = figures(read(results))
    if not runs:
        sys.exit("scale-report.py: no size was measured, nothing to report")
    print_table(runs)
    print_steps(runs, read(steps))
    verdicts(runs)
    stamp = os.environ.get("BENCH_SCALE_STAMP") or "2 cores shared"
    write_plot(runs, plot, stamp)


if __name__ == "__main__":
    main()
