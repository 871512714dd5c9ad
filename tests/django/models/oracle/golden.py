#!/usr/bin/python3
"""Runs tests/django/models/data/snippets.py in real Django 3.2 and writes data/golden.json:
for each snippet, the SQL of every query (connection.queries), the printed output and the
escaping exception ("Type: message"). Usage: /usr/bin/python3 golden.py [--scenario NAME]."""
import contextlib
import io
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
SCENARIOS = {
    "dashboard": os.path.join(ROOT, "scenarios", "n-plus-one-dashboard.yaml"),
    "shop": os.path.join(ROOT, "tests", "conformance", "corpus", "qs_prefetch.yaml"),
}
SNIPPETS = os.path.join(HERE, "..", "data", "snippets.py")
GOLDEN = os.path.join(HERE, "..", "data", "golden.json")
PRELUDE = ("from django.db.models import Q, F, Count, Sum, Avg, Max, Min, Prefetch\n"
           "from django.db import transaction\n"
           "from django.contrib.auth.models import User\n"
           "from shop.models import *\n")


def read_snippets():
    snippets = []
    with open(SNIPPETS, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("### "):
                scenario, name = line[4:].split()
                snippets.append({"scenario": scenario, "name": name, "code": ""})
            elif snippets:
                snippets[-1]["code"] += line
    return snippets


def run_scenario(name):
    sys.path.insert(0, os.path.join(ROOT, "tests", "conformance"))
    import tempfile
    import django_oracle as oracle
    scenario = oracle.Scenario(SCENARIOS[name])
    frozen = oracle.freeze_clock()
    root = tempfile.mkdtemp(prefix="pipelab-orm-")
    oracle.write_project(scenario, root)
    sys.path.insert(0, root)
    import django
    from django.conf import settings
    oracle.pin_thread_ident()
    settings.configure(**oracle.build_settings(scenario, root, lambda message: None))
    django.setup()
    oracle.install_patches(frozen)
    from django.apps import apps
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    with connection.schema_editor() as editor:
        for model in apps.get_models():
            editor.create_model(model)
    oracle.create_data(scenario)
    results = {}
    for snippet in read_snippets():
        if snippet["scenario"] != name:
            continue
        namespace = {}
        exec(PRELUDE, namespace)
        out = io.StringIO()
        error = None
        with CaptureQueriesContext(connection) as captured, contextlib.redirect_stdout(out):
            try:
                exec(compile(snippet["code"], snippet["name"], "exec"), namespace)
            except Exception as exc:  # the snippet's escaping exception is part of the result
                error = "%s: %s" % (type(exc).__name__, exc)
        results[name + "/" + snippet["name"]] = {
            "sql": [q["sql"] for q in captured.captured_queries],
            "output": out.getvalue(),
            "error": error,
        }
    return results


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--scenario":
        print(json.dumps(run_scenario(sys.argv[2])))
        return
    golden = {}
    for name in SCENARIOS:
        output = subprocess.run([sys.executable, __file__, "--scenario", name], check=True,
                                capture_output=True, text=True).stdout
        golden.update(json.loads(output))
    with open(GOLDEN, "w", encoding="utf-8") as handle:
        json.dump(golden, handle, indent=1, ensure_ascii=False, sort_keys=True)
        handle.write("\n")


if __name__ == "__main__":
    main()
