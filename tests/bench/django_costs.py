#!/usr/bin/python3
"""django_costs.py: measures, in REAL Django 3.2 on this machine, the Python-side costs that the
cost model's defaults (sim/load/costmodel.h) are derived from, and prints them as a table.

The project is built the way the conformance oracle builds it (tests/conformance/django_oracle.py)
from tests/bench/data/costs-calibration.yaml: the default scenario's models and 600 orders on
in-memory SQLite. Each cost is the best of several timings (CPU time), as a difference that
isolates it:
  view_us            GET /plain/ (HttpResponse("ok")) through the test client, MIDDLEWARE = []
  middleware_us      (the same with the startproject MIDDLEWARE - view_us) / 8 hook calls
                     (7 middleware __call__s and CsrfViewMiddleware.process_view)
  get_overhead_us    Product.objects.get(pk=...) - the same SELECT on the raw sqlite3 cursor
                     - one instance
  query_overhead_us  the same for order.product on an order whose related cache is empty (the
                     N+1 query; the cost model's default)
  orm_row_us         (list(Order.objects.all()) - its raw sqlite3 fetch - one query overhead) / 600
  template_node_us   rendering rows.html over 500 prebuilt orders / nodes rendered
  signal_us          Signal.send() with one receiver
  cache (locmem)     cache.get() of a small value that is there
Usage: django_costs.py [--repeat R]   (run with /usr/bin/python3: Debian's python3-django)
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
import timeit

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import django_dashboard as dashboard  # noqa: E402  (the oracle start-up, without query capture)

SCENARIO = os.path.join(HERE, "data", "costs-calibration.yaml")
STARTPROJECT_HOOKS = 8


def best(call, number, repeat):
    """Best CPU seconds per call."""
    return min(timeit.repeat(call, number=number, repeat=repeat, timer=time.process_time)) / number


def measure(repeat):
    from django.core.signals import Signal
    from django.core.cache import caches
    from django.db import connection
    from django.template.base import Node
    from django.template.loader import get_template
    from django.test import Client
    from django.test.utils import override_settings
    from shop.models import Order, Product

    costs = {}
    with override_settings(MIDDLEWARE=[]):
        client = Client()
        client.get("/plain/")
        bare = best(lambda: client.get("/plain/"), 2000, repeat)
    client = Client()
    client.get("/plain/")
    full = best(lambda: client.get("/plain/"), 2000, repeat)
    costs["view_us"] = bare
    costs["middleware_us"] = (full - bare) / STARTPROJECT_HOOKS

    raw = connection.connection  # the sqlite3 connection under Django's wrapper
    sql_one = 'SELECT "shop_product"."id", "shop_product"."name", "shop_product"."price" ' \
              'FROM "shop_product" WHERE "shop_product"."id" = ? LIMIT 21'
    sql_all = 'SELECT "shop_order"."id", "shop_order"."customer_id", "shop_order"."product_id", ' \
              '"shop_order"."status", "shop_order"."quantity" FROM "shop_order" ORDER BY "shop_order"."id" ASC'
    raw_one = best(lambda: raw.execute(sql_one, (3,)).fetchall(), 5000, repeat)
    get_one = best(lambda: Product.objects.get(pk=3), 5000, repeat)
    raw_all = best(lambda: raw.execute(sql_all).fetchall(), 200, repeat)
    list_all = best(lambda: list(Order.objects.all()), 200, repeat)
    rows = Order.objects.count()
    per_instance = (list_all - raw_all - (get_one - raw_one)) / rows
    costs["orm_row_us"] = per_instance
    costs["get_overhead_us"] = get_one - raw_one - per_instance

    # The N+1 case: order.product on instances whose related-object cache is empty.
    def related_loads():
        orders = list(Order.objects.all()[:200])
        start = time.process_time()
        for order in orders:
            order.product
        return (time.process_time() - start) / len(orders)

    related = min(related_loads() for _ in range(repeat * 2))
    costs["query_overhead_us"] = related - raw_one - per_instance
    costs["sqlite_pk_select_us"] = raw_one

    orders = list(Order.objects.select_related("product")[:500])
    template = get_template("rows.html")
    counted = [0]
    original = Node.render_annotated

    def counting(self, context):
        counted[0] += 1
        return original(self, context)

    Node.render_annotated = counting
    template.render({"orders": orders})
    Node.render_annotated = original
    nodes = counted[0]
    costs["template_node_us"] = best(lambda: template.render({"orders": orders}), 20, repeat) / nodes

    signal = Signal()
    signal.connect(lambda sender, **kwargs: None, weak=False)
    costs["signal_us"] = best(lambda: signal.send(sender=None), 20000, repeat)

    cache = caches["default"]
    cache.set("calibration", {"id": 1, "name": "Product 1"})
    costs["cache_locmem_get_us"] = best(lambda: cache.get("calibration"), 20000, repeat)
    return {name: value * 1e6 for name, value in costs.items()}, nodes


def main(argv):
    parser = argparse.ArgumentParser(description="Measure the cost model's Python-side costs in real Django.")
    parser.add_argument("--repeat", type=int, default=5, help="timings per cost; the best counts (default 5)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be positive")
    scenario = dashboard.oracle.Scenario(SCENARIO)
    root = tempfile.mkdtemp(prefix="pipelab-costs-")
    try:
        dashboard.start_django(scenario, root)
        costs, nodes = measure(args.repeat)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print("Django %s, Python %s, best of %d (CPU time)" % (
        __import__("django").get_version(), sys.version.split()[0], args.repeat))
    for name, value in costs.items():
        print("  %-22s %8.2f us" % (name, value))
    print("  (template: %d nodes rendered for 500 rows)" % nodes)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
