#!/usr/bin/python3
"""compare.py: compares a PipeLab trace with the Django oracle's trace, request by request.

Both files hold the JSON of `pipelab-cli trace FILE --json` / `django_oracle.py FILE --json`.
Per request, status, query count and error type must match exactly; SQL is compared query by
query and summarised as the exact-SQL rate (matching queries / oracle queries). Sources are
compared too and reported; they fail the run only with --strict-sources.

Usage: compare.py ORACLE.json PIPELAB.json [--min-sql-rate 0.95] [--strict-sources] [--quiet]
Exit codes: 0 match, 1 mismatch (or SQL rate below the minimum), 2 usage error / unreadable input.
"""

import argparse
import json
import sys

EXIT_OK, EXIT_MISMATCH, EXIT_USAGE = 0, 1, 2


def load(path):
    with open(path, encoding="utf-8") as handle:
        trace = json.load(handle)
    if not isinstance(trace, dict) or not isinstance(trace.get("requests"), list):
        raise ValueError("%s: not a trace (no 'requests' list)" % path)
    return trace


def first_difference(a, b):
    """Index of the first differing character of two strings."""
    for index, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return index
    return min(len(a), len(b))


def sql_diff_lines(expected, actual, indent="        "):
    """The two SQL texts around their first difference, with a caret under it."""
    at = first_difference(expected, actual)
    start = max(0, at - 60)
    prefix = "..." if start else ""
    return [
        indent + "oracle:  " + prefix + expected[start:start + 160],
        indent + "pipelab: " + prefix + actual[start:start + 160],
        indent + "         " + " " * (len(prefix) + at - start) + "^ (char %d)" % at,
    ]


def error_type(request):
    error = request.get("error")
    return error.get("type") if isinstance(error, dict) else None


def compare(oracle, pipelab, strict_sources=False):
    """Return (hard_failures, report lines, sql_matches, sql_total, source_mismatches)."""
    lines = []
    hard = 0
    sql_matches = 0
    sql_total = 0
    source_mismatches = 0
    expected_requests = oracle["requests"]
    actual_requests = pipelab["requests"]
    if len(expected_requests) != len(actual_requests):
        hard += 1
        lines.append("request count: oracle %d, pipelab %d" % (len(expected_requests), len(actual_requests)))
    for expected, actual in zip(expected_requests, actual_requests):
        head = "[%s] %s %s" % (expected.get("index"), expected.get("method"), expected.get("path"))
        problems = []
        if (expected.get("method"), expected.get("path")) != (actual.get("method"), actual.get("path")):
            problems.append("request: oracle %s %s, pipelab %s %s" % (
                expected.get("method"), expected.get("path"), actual.get("method"), actual.get("path")))
        if expected.get("status") != actual.get("status"):
            problems.append("status: oracle %s, pipelab %s" % (expected.get("status"), actual.get("status")))
        if error_type(expected) != error_type(actual):
            problems.append("error: oracle %s, pipelab %s" % (error_type(expected), error_type(actual)))
        expected_queries = expected.get("queries") or []
        actual_queries = actual.get("queries") or []
        if len(expected_queries) != len(actual_queries):
            problems.append("queries: oracle %d, pipelab %d" % (len(expected_queries), len(actual_queries)))
        hard += len(problems)
        details = []
        for number, expected_query in enumerate(expected_queries, start=1):
            sql_total += 1
            if number > len(actual_queries):
                details.append("    query %d missing: %s" % (number, expected_query.get("sql")))
                continue
            actual_query = actual_queries[number - 1]
            if expected_query.get("sql") == actual_query.get("sql"):
                sql_matches += 1
            else:
                details.append("    query %d SQL differs:" % number)
                details.extend(sql_diff_lines(expected_query.get("sql", ""), actual_query.get("sql", "")))
            if expected_query.get("source") != actual_query.get("source"):
                source_mismatches += 1
                details.append("    query %d source: oracle %s, pipelab %s" % (
                    number, expected_query.get("source"), actual_query.get("source")))
        for number in range(len(expected_queries) + 1, len(actual_queries) + 1):
            details.append("    query %d extra: %s" % (number, actual_queries[number - 1].get("sql")))
        if problems or details:
            lines.append(head)
            lines.extend("  " + problem for problem in problems)
            lines.extend(details)
    if strict_sources:
        hard += source_mismatches
    return hard, lines, sql_matches, sql_total, source_mismatches


def main(argv):
    parser = argparse.ArgumentParser(description="Compare a PipeLab trace with the Django oracle's.")
    parser.add_argument("oracle", help="trace JSON from django_oracle.py --json")
    parser.add_argument("pipelab", help="trace JSON from pipelab-cli trace --json")
    parser.add_argument("--min-sql-rate", type=float, default=0.95,
                        help="fail when exact-SQL matches / oracle queries is below this (default 0.95)")
    parser.add_argument("--strict-sources", action="store_true", help="a source mismatch is a failure")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_OK
    try:
        oracle = load(args.oracle)
        pipelab = load(args.pipelab)
    except (OSError, ValueError) as exc:
        print("compare.py: %s" % exc, file=sys.stderr)
        return EXIT_USAGE
    hard, lines, matches, total, source_mismatches = compare(oracle, pipelab, args.strict_sources)
    if not args.quiet:
        for line in lines:
            print(line)
    rate = matches / total if total else 1.0
    print("%s: %d requests, %d mismatches; exact SQL %d/%d (%.1f%%, minimum %.1f%%); %d source mismatches" % (
        oracle.get("scenario", args.oracle), len(oracle["requests"]), hard, matches, total,
        100 * rate, 100 * args.min_sql_rate, source_mismatches))
    if hard or rate < args.min_sql_rate:
        return EXIT_MISMATCH
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
