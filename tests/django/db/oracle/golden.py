#!/usr/bin/python3
"""Oracle for the ORM core: runs each case of cases.py in real Django 3.2 (SQLite, in memory)
and writes the SQL it logs plus a summary of its result to ../data/sql_golden.json.
Run: /usr/bin/python3 tests/django/db/oracle/golden.py"""
import datetime
import json
import os
import sys
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import django
from django.conf import settings

settings.configure(
    DEBUG=True,
    USE_TZ=False,
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "shop"],
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
)
django.setup()

from django.core.management import call_command
from django.db import connection, models
from django.db.models import Avg, Count, F, Max, Min, Q, Sum
from django.test.utils import CaptureQueriesContext

from shop.models import Category, Customer, Order, Person, Product, Tag
from django.contrib.auth.models import User


def create_data():
    call_command("migrate", run_syncdb=True, verbosity=0)
    names = ["Alice", "Bob", "Carol", "Dan O'Neil", "eve"]
    for i, n in enumerate(names, 1):
        Customer.objects.create(name=n, email="c%d@example.com" % i, vip=i in (1, 3))
    for n in ["red", "green", "blue", "Sale"]:
        Tag.objects.create(name=n)
    Category.objects.create(name="Tools")
    Category.objects.create(name="Toys")
    Category.objects.create(name="Power tools", parent_id=1)
    products = [("Hammer", "5.00", 1, [1, 2]), ("Drill", "12.50", 3, [1]), ("Ball", "3.25", 2, [2, 3]),
                ("Kite", "8", 2, []), ("Saw", "15.75", 1, [1, 3, 4]), ("Widget 100%", "0.99", None, [4])]
    for n, price, cat, tags in products:
        p = Product.objects.create(name=n, price=Decimal(price), category_id=cat)
        p.tags.set(tags)
    statuses = ["paid", "paid", "shipped", "refunded"]
    for i in range(1, 21):
        Order.objects.create(
            customer_id=(i - 1) % 4 + 1, product_id=(i - 1) % 6 + 1, status=statuses[(i - 1) % 4],
            quantity=i % 3 + 1, note=None if i % 5 == 0 else "note %d" % i,
            created=datetime.datetime(2024, 1, i, 10, 30) if i <= 15 else None,
            shipped_on=datetime.date(2024, 2, i) if i % 2 == 0 else None, weight=i * 0.5)
    ann, ben, cy = (Person.objects.create(name=n) for n in ["Ann", "Ben", "Cy"])
    ben.friends.add(ann)
    cy.friends.add(ben)


def plain(v):
    if isinstance(v, models.Model):
        return v.pk
    if isinstance(v, Decimal):
        return "D" + str(v)
    if isinstance(v, datetime.datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, models.QuerySet):
        return [plain(x) for x in v]
    return v


def main():
    create_data()
    from cases import CASES
    out = []
    env = dict(Q=Q, F=F, Count=Count, Sum=Sum, Avg=Avg, Max=Max, Min=Min, Decimal=Decimal,
               datetime=datetime, Customer=Customer, Tag=Tag, Category=Category, Product=Product,
               Order=Order, User=User, Person=Person)
    for name, code in CASES:
        with CaptureQueriesContext(connection) as ctx:
            error = None
            result = None
            try:
                loc = {}
                exec(code, env, loc)
                result = plain(loc.get("result"))
            except Exception as e:  # the case records Django's own error
                error = "%s: %s" % (type(e).__name__, e)
        out.append({"name": name, "code": code, "sql": [q["sql"] for q in ctx.captured_queries],
                    "result": result, "error": error})
    path = os.path.join(HERE, "..", "data", "sql_golden.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("%d cases written to %s" % (len(out), os.path.normpath(path)))


if __name__ == "__main__":
    main()
