// The detector and fixer end to end: each scenario under data/ is loaded, started and run, and its
// findings must be exactly the expected lines (kind, source line, relation, suggested call,
// queries saved, rows). Every fix is applied to the YAML text, reloaded and re-run: the request's
// query count drops as claimed and the finding is gone. The default scenario's one-click fix
// turns 501 queries into 1.
#include "sim/django/analysis/detector.h"
#include "sim/django/analysis/findingreport.h"
#include "sim/django/analysis/querysetexpression.h"
#include "sim/django/analysis/selectstatement.h"
#include "sim/django/project/project.h"
#include "sim/django/runner/runner.h"
#include "sim/scenario/scenarioloader.h"

#include <QtTest>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace pipelab;
using django::analysis::Finding;
using django::analysis::FindingKind;

namespace {

struct Outcome {
    std::string diagnostics;
    trace::Trace trace;
    std::vector<Finding> findings;
    bool ok = false;
};

Outcome analyse(const std::string& yaml, const std::string& name)
{
    Outcome out;
    const scenario::LoadResult loaded = scenario::loadScenarioText(yaml, name);
    for (const scenario::Diagnostic& d : loaded.diagnostics)
        out.diagnostics += d.format() + "\n";
    if (!loaded.ok())
        return out;
    django::project::Project::LoadResult project = django::project::Project::load(*loaded.scenario);
    for (const scenario::Diagnostic& d : project.diagnostics)
        out.diagnostics += d.format() + "\n";
    if (!project.project)
        return out;
    django::runner::Runner runner(*project.project);
    out.trace = runner.run();
    out.findings = django::analysis::findProblems(*project.project, out.trace);
    out.ok = !scenario::hasErrors(runner.diagnostics());
    return out;
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string dataPath(const QString& file)
{
    return std::string(PIPELAB_SOURCE_DIR) + "/tests/django/analysis/data/" + file.toStdString();
}

QStringList toQStrings(const std::vector<std::string>& lines)
{
    QStringList out;
    for (const std::string& l : lines)
        out << QString::fromStdString(l);
    return out;
}

// The lines of `a` that differ from `b` (same line count required).
int changedLines(const std::string& a, const std::string& b)
{
    const QStringList la = QString::fromStdString(a).split('\n');
    const QStringList lb = QString::fromStdString(b).split('\n');
    if (la.size() != lb.size())
        return -1;
    int changed = 0;
    for (int i = 0; i < la.size(); ++i)
        changed += la[i] != lb[i];
    return changed;
}

} // namespace

class TestAnalysis : public QObject {
    Q_OBJECT

private slots:
    void findings_data();
    void findings();
    void fixes_data();
    void fixes();
    void defaultScenarioFix();
    void applyFixChecksTheLine();
    void querysetEdits_data();
    void querysetEdits();
    void selectStatements();
};

void TestAnalysis::findings_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("forward FK, and a path through two FKs") << "forward_fk.yaml" << QStringList{
        "#0 N+1 at templates/orders.html:47: 4 queries for Order.product (forward ForeignKey) — add "
        ".select_related(\"product\") to Order.objects.filter(status=\"paid\") at views:38; saves 4 queries "
        "(they fetched 4 rows)",
        "#1 N+1 at views:42: 4 queries for OrderLine.order (forward ForeignKey) — add .select_related(\"order\") "
        "to OrderLine.objects.all() at views:42; saves 4 queries (they fetched 4 rows)",
        "#1 N+1 at views:42: 4 queries for OrderLine.order__product (forward ForeignKey) — add "
        ".select_related(\"order__product\") to OrderLine.objects.all() at views:42; saves 4 queries (they "
        "fetched 4 rows)"};
    QTest::newRow("reverse FK") << "reverse_fk.yaml" << QStringList{
        "#0 N+1 at views:28: 3 queries for Category.products (reverse ForeignKey) — add "
        ".prefetch_related(\"products\") to Category.objects.all() at views:27; saves 2 queries (they fetched "
        "7 rows)"};
    QTest::newRow("M2M both ways") << "m2m.yaml" << QStringList{
        "#0 N+1 at templates/products.html:37: 4 queries for Product.tags (ManyToManyField) — add "
        ".prefetch_related(\"tags\") to Product.objects.all().order_by(\"name\") at views:27; saves 3 queries "
        "(they fetched 8 rows)",
        "#1 N+1 at views:31: 3 queries for Tag.products (reverse ManyToManyField) — add "
        ".prefetch_related(\"products\") to Tag.objects.all() at views:31; saves 2 queries (they fetched 8 rows)"};
    QTest::newRow("deferred fields") << "deferred.yaml" << QStringList{
        "#0 deferred field at views:23: 3 queries load Product.stock one row at a time — add \"stock\" to "
        ".only() in Product.objects.only(\"name\") at views:22; saves 3 queries",
        "#1 deferred field at views:29: 3 queries load Product.notes one row at a time — remove \"notes\" from "
        ".defer() in Product.objects.defer(\"notes\", \"stock\") at views:28; saves 3 queries"};
    QTest::newRow("count beside loop") << "count_length.yaml" << QStringList{
        "#0 count beside loop at templates/orders.html:21: orders.count sends a COUNT while the loop at "
        "templates/orders.html:22 fetches the same rows — use orders|length; saves 1 query"};
    QTest::newRow("unused lookups") << "unused_lookups.yaml" << QStringList{
        "#0 unused select_related at views:34: nothing in the view or its templates reads Order.product; the "
        "JOIN adds its columns to every row — remove \"product\" from .select_related()",
        "#1 unused prefetch_related at views:38: nothing in the view or its templates reads Product.tags; an "
        "extra query loads its rows — remove \"tags\" from .prefetch_related()"};
    QTest::newRow("receivers never connected") << "receiver.yaml" << QStringList{
        "receiver never connected at signals:19: nothing imports shop.signals, so Django never connects "
        "audit_save — import shop.signals in AppConfig.ready(): from . import signals",
        "receiver never connected at signals:25: nothing imports shop.signals, so Django never connects "
        "audit_delete — import shop.signals in AppConfig.ready(): from . import signals"};
    QTest::newRow("cache_page without vary_on_cookie") << "cache_page.yaml" << QStringList{
        "cache_page without vary_on_cookie at views:17: hello: the view reads request.user, but the cached "
        "page is keyed without the session cookie: one user's page is served to another — add "
        "@vary_on_cookie below @cache_page",
        "cache_page without vary_on_cookie at views:21: greet: its template greet.html reads user, but the "
        "cached page is keyed without the session cookie: one user's page is served to another — add "
        "@vary_on_cookie below @cache_page"};
    QTest::newRow("clean") << "clean.yaml" << QStringList{};
}

void TestAnalysis::findings()
{
    QFETCH(QString, file);
    QFETCH(QStringList, expected);
    const Outcome out = analyse(readFile(dataPath(file)), file.toStdString());
    QVERIFY2(out.ok, out.diagnostics.c_str());
    for (const trace::RequestTrace& r : out.trace.requests)
        QCOMPARE(r.status, 200);
    QCOMPARE(toQStrings(django::analysis::formatFindings(out.findings)), expected);
}

void TestAnalysis::fixes_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("finding");
    QTest::addColumn<QString>("after");   // the fixed code line
    QTest::addColumn<int>("request");     // the request re-checked
    QTest::addColumn<int>("queriesBefore");
    QTest::addColumn<int>("queriesAfter");

    QTest::newRow("select_related") << "forward_fk.yaml" << 0
                                    << "    paid = Order.objects.filter(status=\"paid\").select_related(\"product\")" << 0
                                    << 5 << 1;
    QTest::newRow("select_related, first hop") << "forward_fk.yaml" << 1
                                               << "    names = [line.order.product.name for line in "
                                                  "OrderLine.objects.all().select_related(\"order\")]"
                                               << 1 << 9 << 5;
    QTest::newRow("select_related, both hops") << "forward_fk.yaml" << 2
                                               << "    names = [line.order.product.name for line in "
                                                  "OrderLine.objects.all().select_related(\"order__product\")]"
                                               << 1 << 9 << 1;
    QTest::newRow("prefetch reverse FK") << "reverse_fk.yaml" << 0
                                         << "    for category in Category.objects.all().prefetch_related(\"products\"):"
                                         << 0 << 4 << 2;
    QTest::newRow("prefetch M2M") << "m2m.yaml" << 0
                                  << "    products = Product.objects.all().order_by(\"name\").prefetch_related(\"tags\")"
                                  << 0 << 5 << 2;
    QTest::newRow("prefetch reverse M2M") << "m2m.yaml" << 1
                                          << "    counts = [len(tag.products.all()) for tag in "
                                             "Tag.objects.all().prefetch_related(\"products\")]"
                                          << 1 << 4 << 2;
    QTest::newRow("only") << "deferred.yaml" << 0 << "    for product in Product.objects.only(\"name\", \"stock\"):" << 0
                          << 4 << 1;
    QTest::newRow("defer") << "deferred.yaml" << 1 << "    for product in Product.objects.defer(\"stock\"):" << 1 << 4
                           << 1;
    QTest::newRow("|length") << "count_length.yaml" << 0 << "<h1>{{ orders|length }} paid orders</h1>" << 0 << 2 << 1;
    QTest::newRow("drop select_related") << "unused_lookups.yaml" << 0
                                         << "    orders = Order.objects.order_by(\"id\")" << 0 << 1 << 1;
    QTest::newRow("drop prefetch_related") << "unused_lookups.yaml" << 1
                                           << "    names = [p.name for p in Product.objects.all()]" << 1 << 2 << 1;
    // Before: bob is served alice's cached page (the view does not run, no query); after: his own.
    QTest::newRow("vary_on_cookie") << "cache_page.yaml" << 0 << "@cache_page(60)\n@vary_on_cookie" << 1 << 0 << 2;
}

void TestAnalysis::fixes()
{
    QFETCH(QString, file);
    QFETCH(int, finding);
    QFETCH(QString, after);
    QFETCH(int, request);
    QFETCH(int, queriesBefore);
    QFETCH(int, queriesAfter);

    const std::string yaml = readFile(dataPath(file));
    const Outcome before = analyse(yaml, file.toStdString());
    QVERIFY2(before.ok, before.diagnostics.c_str());
    QVERIFY(finding < static_cast<int>(before.findings.size()));
    const Finding& f = before.findings[static_cast<std::size_t>(finding)];
    QVERIFY(f.fix.has_value());
    QCOMPARE(QString::fromStdString(f.fix->after), after);
    QCOMPARE(static_cast<int>(before.trace.requests[static_cast<std::size_t>(request)].queries.size()), queriesBefore);

    const std::optional<std::string> fixed = django::analysis::applyFix(yaml, *f.fix);
    QVERIFY(fixed.has_value());
    const int added = static_cast<int>(std::count(f.fix->after.begin(), f.fix->after.end(), '\n'));
    if (added == 0)
        QCOMPARE(changedLines(yaml, *fixed), 1);

    const Outcome rerun = analyse(*fixed, file.toStdString());
    QVERIFY2(rerun.ok, rerun.diagnostics.c_str());
    const trace::RequestTrace& r = rerun.trace.requests[static_cast<std::size_t>(request)];
    QCOMPARE(r.status, 200);
    QCOMPARE(static_cast<int>(r.queries.size()), queriesAfter);
    if (f.queriesSaved > 0 && f.kind != FindingKind::NPlusOne)
        QCOMPARE(queriesBefore - queriesAfter, static_cast<int>(f.queriesSaved));
    for (const Finding& g : rerun.findings)
        QVERIFY2(!(g.kind == f.kind && g.relation == f.relation && g.source == f.source),
                 django::analysis::formatFinding(g).c_str());
}

void TestAnalysis::defaultScenarioFix()
{
    const std::string path = std::string(PIPELAB_SOURCE_DIR) + "/scenarios/n-plus-one-dashboard.yaml";
    const std::string yaml = readFile(path);
    const Outcome before = analyse(yaml, "n-plus-one-dashboard.yaml");
    QVERIFY2(before.ok, before.diagnostics.c_str());
    QCOMPARE(before.trace.requests.at(0).queries.size(), std::size_t(501));
    QCOMPARE(toQStrings(django::analysis::formatFindings(before.findings)),
             QStringList{"#0 N+1 at templates/dashboard.html:70: 500 queries for Order.product (forward ForeignKey) — "
                         "add .select_related(\"product\") to Order.objects.filter(status=\"paid\") at views:62; saves "
                         "500 queries (they fetched 500 rows)"});
    const Finding& f = before.findings.front();
    QCOMPARE(f.kind, FindingKind::NPlusOne);
    QCOMPARE(f.relationKind, django::analysis::RelationKind::ForwardForeignKey);
    QCOMPARE(f.model, std::string("Order"));
    QCOMPARE(f.relation, std::string("product"));
    QCOMPARE(f.queriesSaved, std::int64_t(500));
    QVERIFY(f.fix.has_value());
    QCOMPARE(f.fix->block, std::string("views"));
    QCOMPARE(f.fix->line, 62);
    QCOMPARE(f.fix->after, std::string("    orders = Order.objects.filter(status=\"paid\").select_related(\"product\")"));

    const std::optional<std::string> fixed = django::analysis::applyFix(yaml, *f.fix);
    QVERIFY(fixed.has_value());
    QCOMPARE(changedLines(yaml, *fixed), 1);
    const Outcome after = analyse(*fixed, "n-plus-one-dashboard.yaml");
    QVERIFY2(after.ok, after.diagnostics.c_str());
    QCOMPARE(after.trace.requests.at(0).status, 200);
    QCOMPARE(after.trace.requests.at(0).queries.size(), std::size_t(1));
    QVERIFY(after.findings.empty());
}

void TestAnalysis::applyFixChecksTheLine()
{
    const std::string yaml = "views: |\n  def v(request):\n      return 1\n";
    django::analysis::Fix fix{"views", 3, 3, "    return 1", "    return 2"};
    QCOMPARE(django::analysis::applyFix(yaml, fix), std::optional<std::string>("views: |\n  def v(request):\n      return 2\n"));
    fix.before = "    return 3"; // the text changed since the analysis
    QCOMPARE(django::analysis::applyFix(yaml, fix), std::nullopt);
    fix.before = "    return 1";
    fix.line = 9;
    QCOMPARE(django::analysis::applyFix(yaml, fix), std::nullopt);
    const std::string crlf = "a: 1\r\nviews: |\r\n  x = 1\r\n";
    const django::analysis::Fix two{"views", 3, 3, "x = 1", "x = 1\ny = 2"};
    QCOMPARE(django::analysis::applyFix(crlf, two), std::optional<std::string>("a: 1\r\nviews: |\r\n  x = 1\r\n  y = 2\r\n"));
}

void TestAnalysis::querysetEdits_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("lookup");
    QTest::addColumn<bool>("add");
    QTest::addColumn<QString>("expected"); // "<none>" when the edit does not apply

    QTest::newRow("append") << "qs = Order.objects.filter(a=\"x(\")" << "select_related" << "product" << true
                            << "qs = Order.objects.filter(a=\"x(\").select_related(\"product\")";
    QTest::newRow("extend") << "qs = Order.objects.select_related(\"customer\").filter(n=1)" << "select_related"
                            << "product" << true
                            << "qs = Order.objects.select_related(\"customer\", \"product\").filter(n=1)";
    QTest::newRow("before a slice") << "for o in Order.objects.all()[:10]:" << "prefetch_related" << "tags" << true
                                    << "for o in Order.objects.all().prefetch_related(\"tags\")[:10]:";
    QTest::newRow("already there") << "Order.objects.select_related(\"product\")" << "select_related" << "product"
                                   << true << "<none>";
    QTest::newRow("select_related() loads every FK") << "Order.objects.select_related()" << "select_related"
                                                     << "product" << true << "<none>";
    QTest::newRow("remove one of two") << "Order.objects.defer(\"a\", \"b\").all()" << "defer" << "b" << false
                                       << "Order.objects.defer(\"a\").all()";
    QTest::newRow("remove the call") << "Order.objects.filter(x=1).defer(\"a\")" << "defer" << "a" << false
                                     << "Order.objects.filter(x=1)";
    QTest::newRow("remove the only call") << "list(Order.objects.defer(\"a\"))" << "defer" << "a" << false
                                          << "list(Order.objects.all())";
    QTest::newRow("remove, not named") << "Order.objects.defer(\"a\")" << "defer" << "z" << false << "<none>";
}

void TestAnalysis::querysetEdits()
{
    QFETCH(QString, line);
    QFETCH(QString, method);
    QFETCH(QString, lookup);
    QFETCH(bool, add);
    QFETCH(QString, expected);
    const std::string text = line.toStdString();
    const std::vector<django::analysis::QuerySetExpression> found =
        django::analysis::QuerySetExpression::find(text, "Order");
    QCOMPARE(found.size(), std::size_t(1));
    const std::optional<std::string> edited = add ? found[0].withLookup(text, method.toStdString(), lookup.toStdString())
                                                  : found[0].withoutLookup(text, method.toStdString(), lookup.toStdString());
    QCOMPARE(QString::fromStdString(edited.value_or("<none>")), expected);

    // A chain continued on the next line is not edited.
    QVERIFY(django::analysis::QuerySetExpression::find("qs = Order.objects.filter(", "Order").empty());
    QVERIFY(django::analysis::QuerySetExpression::find("qs = Customer.objects.all()", "Order").empty());
}

void TestAnalysis::selectStatements()
{
    using django::analysis::SelectStatement;
    const auto fk = SelectStatement::parse(
        R"(SELECT "shop_product"."id", "shop_product"."name" FROM "shop_product" WHERE "shop_product"."id" = 7 LIMIT 21)");
    QVERIFY(fk.has_value());
    QCOMPARE(fk->columns.size(), std::size_t(2));
    QCOMPARE(fk->from, std::string("shop_product"));
    QVERIFY(fk->whereEquals.has_value());
    QCOMPARE(fk->whereEquals->column, std::string("id"));
    QVERIFY(fk->limited);

    const auto m2m = SelectStatement::parse(
        R"(SELECT "shop_tag"."id" FROM "shop_tag" INNER JOIN "shop_product_tags" ON ("shop_tag"."id" = "shop_product_tags"."tag_id") WHERE "shop_product_tags"."product_id" = 1 ORDER BY "shop_tag"."id" ASC)");
    QVERIFY(m2m.has_value());
    QCOMPARE(m2m->joinTable, std::string("shop_product_tags"));
    QCOMPARE(m2m->whereEquals->column, std::string("product_id"));
    QVERIFY(!m2m->limited);

    const auto count = SelectStatement::parse(R"(SELECT COUNT(*) AS "__count" FROM "shop_order" WHERE ("shop_order"."a" = 1 AND "shop_order"."b" > 0))");
    QVERIFY(count.has_value());
    QVERIFY(count->count);
    QVERIFY(!count->whereEquals.has_value());
    QCOMPARE(count->where, std::string(R"(("shop_order"."a" = 1 AND "shop_order"."b" > 0))"));

    QVERIFY(!SelectStatement::parse(R"(SELECT ("t"."x") AS "v" FROM "t")").has_value());
    QVERIFY(!SelectStatement::parse(R"(UPDATE "t" SET "x" = 1)").has_value());
    const auto text = SelectStatement::parse(R"(SELECT "t"."id" FROM "t" WHERE "t"."name" = 'x')");
    QVERIFY(text.has_value());
    QVERIFY(!text->whereEquals.has_value()); // only an integer key is a per-row lookup
}

QTEST_GUILESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"
