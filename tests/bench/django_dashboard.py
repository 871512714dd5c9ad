#!/usr/bin/python3
"""django_dashboard.py: the dashboard request of the default scenario in REAL Django, timed, and
compared with PipeLab's bench_dashboard measured in the same run (issue 3 §9).

The project is built once the way the conformance oracle builds it (tests/conformance/
django_oracle.py: same settings, patches and fixture rows, Django 3.2 on in-memory SQLite), then
request 0 (GET /dashboard/: 500 paid orders, 501 queries) runs through django.test.Client
repeatedly. Query capture and source tracking are off: this times Django itself, not the oracle.

Usage:
  django_dashboard.py [BENCH_DASHBOARD] [--scenario FILE] [--number N] [--repeat R]

With BENCH_DASHBOARD (the built tests/bench program), it runs that program with JSON output after
timing Django and prints "PipeLab: X us/request, Django: Y ms/request, ratio: Z x".
Needs Debian's python3-django 3.2 and PyYAML: run it with /usr/bin/python3.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import timeit

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "conformance"))

import django_oracle as oracle  # noqa: E402  (needs the path above)

PIPELAB_BENCHMARK = "BM_DashboardNPlusOne"
TARGET_RATIO = 200.0


def start_django(scenario, root):
    """Mirror of django_oracle.run_scenario's start-up, minus query capture; returns nothing."""
    sys.dont_write_bytecode = True
    frozen = oracle.freeze_clock()
    oracle.write_project(scenario, root)
    sys.path.insert(0, root)
    import django
    from django.conf import settings
    oracle.pin_thread_ident()
    settings.configure(**oracle.build_settings(scenario, root, lambda message: None))
    django.setup()
    oracle.install_patches(frozen)
    from django.urls import get_resolver
    get_resolver().url_patterns
    from django.core.handlers.base import BaseHandler
    BaseHandler().load_middleware()
    oracle.quiet_console_logging()
    from django.apps import apps
    from django.db import connection
    with connection.schema_editor() as editor:
        for model in apps.get_models():
            editor.create_model(model)
    oracle.create_data(scenario)


def time_django(scenario_path, number, repeat):
    """(best wall seconds, best CPU seconds per request, status, queries of one request) for
    request 0 of the scenario. CPU time is what the ratio uses: the machine may be shared."""
    scenario = oracle.Scenario(scenario_path)
    request = scenario.requests[0]
    if request.get("user") is not None:
        raise SystemExit("django_dashboard.py times anonymous requests only")
    root = tempfile.mkdtemp(prefix="pipelab-bench-")
    try:
        start_django(scenario, root)
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        client = Client(enforce_csrf_checks=True, raise_request_exception=False)
        kwargs = oracle.request_kwargs(request, client)
        with CaptureQueriesContext(connection) as captured:  # one checked run, also the warm-up
            response = client.generic(**kwargs)
        status, queries = response.status_code, len(captured.captured_queries)
        call = lambda: client.generic(**kwargs)  # noqa: E731
        wall = timeit.repeat(call, number=number, repeat=repeat)
        cpu = timeit.repeat(call, number=number, repeat=repeat, timer=time.process_time)
        return min(wall) / number, min(cpu) / number, status, queries
    finally:
        shutil.rmtree(root, ignore_errors=True)


def time_pipelab(program, min_time):
    """{benchmark name: (wall, CPU) microseconds per request} from the program's JSON output."""
    completed = subprocess.run(
        [program, "--benchmark_format=json", "--benchmark_min_time=%s" % min_time],
        check=True, stdout=subprocess.PIPE, universal_newlines=True)
    report = json.loads(completed.stdout)
    result = {}
    for run in report["benchmarks"]:
        if run.get("run_type", "iteration") != "iteration" or run.get("error_occurred"):
            continue
        scale = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}[run.get("time_unit", "ns")]
        result[run["name"]] = (run["real_time"] * scale, run["cpu_time"] * scale)
    return result


def main(argv):
    parser = argparse.ArgumentParser(description="Time the 501-query dashboard in real Django and PipeLab.")
    parser.add_argument("bench", nargs="?", help="path of the built bench_dashboard program")
    parser.add_argument("--scenario", default=os.path.join(REPO, "scenarios", "n-plus-one-dashboard.yaml"))
    parser.add_argument("--number", type=int, default=10, help="requests per timing (default 10)")
    parser.add_argument("--repeat", type=int, default=5, help="timings; the best counts (default 5)")
    parser.add_argument("--min-time", default="0.5", help="PipeLab's --benchmark_min_time (default 0.5)")
    args = parser.parse_args(argv)
    if args.number < 1 or args.repeat < 1:
        parser.error("--number and --repeat must be positive")

    try:
        wall, cpu, status, queries = time_django(args.scenario, args.number, args.repeat)
    except oracle.ScenarioError as exc:
        print("%s: error: %s" % (args.scenario, exc), file=sys.stderr)
        return 1
    django_ms = cpu * 1e3
    print("Django 3.2 (in-memory SQLite): %.2f ms/request CPU, %.2f ms wall (status %d, %d queries; best of %d x %d)"
          % (django_ms, wall * 1e3, status, queries, args.repeat, args.number))
    if not args.bench:
        return 0

    pipelab = time_pipelab(args.bench, args.min_time)
    for name, (wall_us, cpu_us) in sorted(pipelab.items()):
        print("  %-32s %10.1f us/request CPU, %10.1f us wall" % (name, cpu_us, wall_us))
    if PIPELAB_BENCHMARK not in pipelab:
        print("error: %s reported no %s" % (args.bench, PIPELAB_BENCHMARK), file=sys.stderr)
        return 1
    pipelab_us = pipelab[PIPELAB_BENCHMARK][1]
    ratio = django_ms * 1e3 / pipelab_us
    print("PipeLab: %.1f us/request, Django: %.2f ms/request, ratio: %.1f x (CPU time; target >= %.0f x: %s)"
          % (pipelab_us, django_ms, ratio, TARGET_RATIO, "met" if ratio >= TARGET_RATIO else "NOT met"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
