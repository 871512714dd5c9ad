#!/usr/bin/python3
"""test_oracle.py: tests of the conformance harness itself (run by CTest as oracle_selftest).

Covers the YAML 1.2 loader, block start lines, data generators, compare.py, and the default
scenario end to end: 501 queries whose sources are the template's YAML lines.
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # keep the source tree clean

import compare  # noqa: E402
import django_oracle  # noqa: E402


class Yaml12Tests(unittest.TestCase):
    def test_only_true_false_are_booleans(self):
        data, _ = django_oracle.load_yaml12("a: yes\nb: on\nc: no\nd: true\ne: False\nf: off\n")
        self.assertEqual(data, {"a": "yes", "b": "on", "c": "no", "d": True, "e": False, "f": "off"})

    def test_numbers_nulls_and_dates(self):
        data, _ = django_oracle.load_yaml12(
            "a: 012\nb: 0o17\nc: 0x1F\nd: 1_000\ne: 1:30\nf: 2.5\ng: ~\nh:\ni: 2024-01-05\nj: .inf\n")
        self.assertEqual(data["a"], 12)
        self.assertEqual(data["b"], 15)
        self.assertEqual(data["c"], 31)
        self.assertEqual(data["d"], "1_000")
        self.assertEqual(data["e"], "1:30")
        self.assertEqual(data["f"], 2.5)
        self.assertIsNone(data["g"])
        self.assertIsNone(data["h"])
        self.assertEqual(data["i"], "2024-01-05")
        self.assertEqual(data["j"], float("inf"))

    def test_block_start_lines(self):
        text = "name: x\nviews: |\n  def a(request):\n      pass\ntemplates:\n  a.html: |\n    <p>\n  b.html: \"<i>\"\n"
        _, root = django_oracle.load_yaml12(text)
        self.assertEqual(django_oracle.block_start_line(django_oracle.mapping_child(root, "views")), 3)
        templates = django_oracle.mapping_child(root, "templates")
        self.assertEqual(django_oracle.block_start_line(django_oracle.mapping_child(templates, "a.html")), 7)
        self.assertEqual(django_oracle.block_start_line(django_oracle.mapping_child(templates, "b.html")), 8)


class GeneratorTests(unittest.TestCase):
    def value(self, spec, i, target=0):
        class Field:
            name = "f"
        return django_oracle.generator_value(None, "M", Field(), spec, i, target, (1, 1))

    def test_scalars_and_patterns(self):
        self.assertEqual(self.value("Item {i} of {i}", 7), "Item 7 of 7")
        self.assertEqual(self.value(3, 9), 3)
        self.assertEqual(self.value({"cycle": ["a", "b", "c"]}, 4), "a")
        self.assertEqual(self.value({"seq": 5, "step": 3}, 3), 11)
        self.assertEqual(self.value({"seq": 1}, 10), 10)
        self.assertIsNone(self.value({"value": 5, "null_every": 3}, 6))
        self.assertEqual(self.value({"value": 5, "null_every": 3}, 5), 5)

    def test_foreign_keys(self):
        self.assertEqual([self.value({"fk": "cycle"}, i, 3) for i in range(1, 6)], [1, 2, 3, 1, 2])
        self.assertEqual([self.value({"fk": "block", "per": 2}, i, 2) for i in range(1, 7)], [1, 1, 2, 2, 2, 2])
        self.assertEqual(self.value({"fk": 4}, 9, 5), 4)
        with self.assertRaises(django_oracle.ScenarioError):
            self.value({"fk": "cycle"}, 1, 0)


class CompareTests(unittest.TestCase):
    def trace(self, sql="SELECT 1", status=200, error=None, source="views:3"):
        return {"scenario": "t", "requests": [{"index": 0, "method": "GET", "path": "/", "status": status,
                                                "queries": [{"sql": sql, "source": source}],
                                                "error": error, "headers": {}}]}

    def test_identical_traces_match(self):
        hard, _, matches, total, sources = compare.compare(self.trace(), self.trace())
        self.assertEqual((hard, matches, total, sources), (0, 1, 1, 0))

    def test_status_error_and_sql_differences(self):
        hard, _, matches, _, _ = compare.compare(self.trace(), self.trace(sql="SELECT 2", status=500,
                                                                          error={"type": "KeyError", "message": "'a'"}))
        self.assertEqual(hard, 2)
        self.assertEqual(matches, 0)

    def test_sources_fail_only_when_strict(self):
        self.assertEqual(compare.compare(self.trace(), self.trace(source="views:4"))[0], 0)
        self.assertEqual(compare.compare(self.trace(), self.trace(source="views:4"), strict_sources=True)[0], 1)


class DefaultScenarioTests(unittest.TestCase):
    def test_dashboard_sources_are_template_yaml_lines(self):
        path = os.path.join(ROOT, "scenarios", "n-plus-one-dashboard.yaml")
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
        for_line = next(n for n, text in enumerate(lines, 1) if "{% for order in orders %}" in text)
        name_line = next(n for n, text in enumerate(lines, 1) if "{{ order.product.name }}" in text)
        out = subprocess.run([sys.executable, os.path.join(HERE, "django_oracle.py"), path, "--json"],
                             check=True, capture_output=True, text=True).stdout
        request = json.loads(out)["requests"][0]
        self.assertEqual(request["status"], 200)
        self.assertEqual(len(request["queries"]), 501)
        self.assertIsNone(request["error"])
        # The view only builds the QuerySet; the {% for %} evaluates it.
        self.assertEqual(request["queries"][0]["source"], "templates/dashboard.html:%d" % for_line)
        self.assertIn('FROM "shop_order" WHERE "shop_order"."status" = \'paid\'', request["queries"][0]["sql"])
        sources = {query["source"] for query in request["queries"][1:]}
        self.assertEqual(sources, {"templates/dashboard.html:%d" % name_line})
        # Order 599 is the last paid one (every 6th is refunded); its product is (599-1) % 20 + 1.
        self.assertTrue(request["queries"][500]["sql"].endswith('WHERE "shop_product"."id" = 19 LIMIT 21'))

    def test_scenario_error_points_into_yaml(self):
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as handle:
            handle.write("format: 1\nname: bad\nmodels: |\n  pass\nurls: |\n  urlpatterns = []\n"
                         "views: |\n  def v(request):\n      return (\n")
            handle.write("requests:\n  - GET /\n")
            bad = handle.name
        try:
            result = subprocess.run([sys.executable, os.path.join(HERE, "django_oracle.py"), bad, "--json"],
                                    capture_output=True, text=True)
        finally:
            os.unlink(bad)
        self.assertEqual(result.returncode, 1)
        self.assertRegex(result.stderr, r"\.yaml:9:\d+: error: views: SyntaxError")


if __name__ == "__main__":
    unittest.main()
