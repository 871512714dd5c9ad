// tst_sqlpanel: the SQL panel's model groups queries as django-debug-toolbar does (the default
// request: 501 queries, 500 similar, 480 duplicates), formats SQL, maps sources to YAML lines,
// filters and copies; QAbstractItemModelTester on the model.
#include "gui/run/runresult.h"
#include "gui/sql/sqlpanel.h"
#include "gui/sql/sqlquerymodel.h"
#include "sim/scenario/scenarioloader.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

using namespace pipelab::gui;
using pipelab::trace::Query;

namespace {

const pipelab::trace::RequestTrace& defaultRequest()
{
    static const std::shared_ptr<const pipelab::trace::Trace> trace = [] {
        const auto loaded = pipelab::scenario::loadScenarioFile(PIPELAB_SOURCE_DIR "/scenarios/n-plus-one-dashboard.yaml");
        if (!loaded.ok())
            qFatal("the default scenario does not load");
        return RunResult::compute(*loaded.scenario).trace;
    }();
    if (trace == nullptr)
        qFatal("the default scenario does not run");
    return trace->requests.front();
}

// How many of the default request's queries look up product 7 (as the trace says).
int model7Count()
{
    int count = 0;
    for (const Query& q : defaultRequest().queries)
        count += q.sql.find("\"shop_product\".\"id\" = 7 LIMIT") != std::string::npos ? 1 : 0;
    return count;
}

} // namespace

class TestSqlPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultRequestGroups();
    void groups_data();
    void groups();
    void yamlLine_data();
    void yamlLine();
    void formatSql();
    void panelFilterAndCopy();
    void activatingAQueryShowsItsLine();
};

void TestSqlPanel::defaultRequestGroups()
{
    SqlQueryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setQueries(defaultRequest().queries);
    QCOMPARE(model.rowCount(), 501);
    QCOMPARE(model.columnCount(), static_cast<int>(SqlQueryModel::ColumnCount));
    QCOMPARE(model.similarCount(), 500);
    QCOMPARE(model.duplicateCount(), 480);
    QCOMPARE(model.similarGroupCount(), 1);
    QCOMPARE(model.duplicateGroupCount(), 20);

    const QModelIndex first = model.index(0, SqlQueryModel::SqlColumn);
    QCOMPARE(first.data(SqlQueryModel::SimilarGroupRole).toInt(), 0); // the orders query stands alone
    QCOMPARE(first.data(SqlQueryModel::SimilarCountRole).toInt(), 1);
    QCOMPARE(first.data(SqlQueryModel::SourceRole).toString(), QStringLiteral("templates/dashboard.html:69"));
    QCOMPARE(first.data(SqlQueryModel::YamlLineRole).toInt(), 69);
    QVERIFY(!first.data(SqlQueryModel::SimilarColorRole).value<QColor>().isValid());

    const QModelIndex second = model.index(1, SqlQueryModel::SimilarColumn);
    QCOMPARE(second.data(SqlQueryModel::SimilarGroupRole).toInt(), 1);
    QCOMPARE(second.data(SqlQueryModel::SimilarCountRole).toInt(), 500);
    QCOMPARE(second.data().toInt(), 500);
    QCOMPARE(second.data(Qt::DecorationRole).value<QColor>(), SqlQueryModel::groupColor(1));
    QCOMPARE(second.data(SqlQueryModel::DuplicateCountRole).toInt(), 30); // product 1: 30 of the 500 lookups
    QCOMPARE(model.index(1, SqlQueryModel::NumberColumn).data().toInt(), 2);
    QCOMPARE(model.index(1, SqlQueryModel::SqlColumn).data().toString(),
             QStringLiteral("SELECT \"shop_product\".\"id\", \"shop_product\".\"name\", \"shop_product\".\"price\" FROM "
                            "\"shop_product\" WHERE \"shop_product\".\"id\" = 1 LIMIT 21"));
    // Modelled time with the default costs: 250 µs ORM overhead + 500 µs round trip + 100 µs
    // query + 1 µs per row — the 500-row orders query 1.35 ms, a one-row lookup 0.851 ms.
    QCOMPARE(model.index(0, SqlQueryModel::TimeColumn).data().toString(), QStringLiteral("1.35"));
    QCOMPARE(model.index(1, SqlQueryModel::TimeColumn).data(SqlQueryModel::ModelledMsRole).toDouble(), 0.851);
    pipelab::load::CostModel slowNetwork;
    slowNetwork.dbRoundTrip = pipelab::timing::milliseconds(2);
    model.setCostModel(slowNetwork);
    QCOMPARE(model.modelledMs(1), 2.351);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.similarCount(), 0);
}

void TestSqlPanel::groups_data()
{
    QTest::addColumn<QStringList>("sql");
    QTest::addColumn<int>("similar");
    QTest::addColumn<int>("duplicates");
    QTest::addColumn<QList<int>>("similarGroups");
    QTest::addColumn<QList<int>>("duplicateGroups");
    QTest::newRow("none") << QStringList{} << 0 << 0 << QList<int>{} << QList<int>{};
    QTest::newRow("distinct shapes") << QStringList{QStringLiteral("SELECT 1"), QStringLiteral("SELECT \"a\" FROM \"t\"")} << 0
                                     << 0 << QList<int>{0, 0} << QList<int>{0, 0};
    QTest::newRow("similar, not duplicate")
        << QStringList{QStringLiteral("SELECT \"x\" FROM \"t\" WHERE \"id\" = 1"), QStringLiteral("SELECT \"x\" FROM \"t\" WHERE \"id\" = 2")}
        << 2 << 0 << QList<int>{1, 1} << QList<int>{0, 0};
    QTest::newRow("strings are literals too")
        << QStringList{QStringLiteral("SELECT 1 FROM \"t\" WHERE \"n\" = 'a'"), QStringLiteral("SELECT 1 FROM \"t\" WHERE \"n\" = 'it''s'"),
                       QStringLiteral("SELECT 1 FROM \"t\" WHERE \"n\" = 'a'"), QStringLiteral("SELECT \"n\" FROM \"t2\"")}
        << 3 << 1 << QList<int>{1, 1, 1, 0} << QList<int>{1, 0, 1, 0};
    QTest::newRow("two groups numbered by first use")
        << QStringList{QStringLiteral("SELECT \"b\" FROM \"u\" WHERE \"id\" = 7"), QStringLiteral("SELECT \"a\" FROM \"t\" WHERE \"id\" = 1"),
                       QStringLiteral("SELECT \"a\" FROM \"t\" WHERE \"id\" = 1"), QStringLiteral("SELECT \"b\" FROM \"u\" WHERE \"id\" = 8"),
                       QStringLiteral("SELECT \"a\" FROM \"t\" WHERE \"id\" = 1")}
        << 5 << 2 << QList<int>{1, 2, 2, 1, 2} << QList<int>{0, 1, 1, 0, 1};
}

void TestSqlPanel::groups()
{
    QFETCH(QStringList, sql);
    QFETCH(int, similar);
    QFETCH(int, duplicates);
    QFETCH(QList<int>, similarGroups);
    QFETCH(QList<int>, duplicateGroups);
    std::vector<Query> queries;
    for (const QString& s : sql)
        queries.push_back({s.toStdString(), "views:3", 1});
    SqlQueryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setQueries(queries);
    QCOMPARE(model.similarCount(), similar);
    QCOMPARE(model.duplicateCount(), duplicates);
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.index(row, 0).data(SqlQueryModel::SimilarGroupRole).toInt(), similarGroups[row]);
        QCOMPARE(model.index(row, 0).data(SqlQueryModel::DuplicateGroupRole).toInt(), duplicateGroups[row]);
    }
}

void TestSqlPanel::yamlLine_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("line");
    QTest::newRow("view") << QStringLiteral("views:41") << 41;
    QTest::newRow("template") << QStringLiteral("templates/dashboard.html:70") << 70;
    QTest::newRow("no line") << QStringLiteral("views") << 0;
    QTest::newRow("empty") << QString() << 0;
    QTest::newRow("not a number") << QStringLiteral("views:x") << 0;
}

void TestSqlPanel::yamlLine()
{
    QFETCH(QString, source);
    QFETCH(int, line);
    QCOMPARE(SqlQueryModel::yamlLine(source), line);
}

void TestSqlPanel::formatSql()
{
    QCOMPARE(SqlQueryModel::formatSql(QStringLiteral("SELECT \"a\".\"id\" FROM \"a\" INNER JOIN \"b\" ON (\"a\".\"b_id\" = \"b\".\"id\") "
                                                     "WHERE \"b\".\"n\" = 'FROM x' ORDER BY \"a\".\"id\" ASC LIMIT 21")),
             QStringLiteral("SELECT \"a\".\"id\"\nFROM \"a\"\nINNER JOIN \"b\" ON (\"a\".\"b_id\" = \"b\".\"id\")\n"
                            "WHERE \"b\".\"n\" = 'FROM x'\nORDER BY \"a\".\"id\" ASC\nLIMIT 21"));
}

void TestSqlPanel::panelFilterAndCopy()
{
    SqlPanel panel;
    QAbstractItemModelTester tester(panel.filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.showRequest(&defaultRequest());
    QCOMPARE(panel.summary(), QStringLiteral("501 queries · 500 similar · 480 duplicates"));
    panel.filterEdit()->setText(QStringLiteral("shop_order"));
    QCOMPARE(panel.filterModel()->rowCount(), 1);
    QCOMPARE(panel.summary(), QStringLiteral("501 queries · 500 similar · 480 duplicates · 1 shown"));
    QVERIFY(model7Count() > 1);
    panel.filterEdit()->setText(QStringLiteral("\"id\" = 7 limit"));
    QCOMPARE(panel.filterModel()->rowCount(), model7Count());
    panel.filterEdit()->clear();
    QCOMPARE(panel.filterModel()->rowCount(), 501);

    panel.selectQuery(1);
    QCOMPARE(panel.selectedSql(), QString::fromStdString(defaultRequest().queries[1].sql) + QLatin1Char(';'));
    panel.copySelection();
    QCOMPARE(QApplication::clipboard()->text(), panel.selectedSql());
    panel.showRequest(nullptr);
    QCOMPARE(panel.summary(), QStringLiteral("0 queries"));
}

void TestSqlPanel::activatingAQueryShowsItsLine()
{
    SqlPanel panel;
    panel.resize(900, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.showRequest(&defaultRequest());
    QSignalSpy activated(&panel, &SqlPanel::sourceActivated);
    QTableView* table = panel.table();
    const QModelIndex second = table->model()->index(1, SqlQueryModel::SourceColumn);
    table->scrollTo(second);
    table->setCurrentIndex(second);
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().first().toInt(), 70);
}

QTEST_MAIN(TestSqlPanel)
#include "tst_sqlpanel.moc"
