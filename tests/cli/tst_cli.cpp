// pipelab-cli as a user runs it: exit codes (0 ok, 1 scenario error or failed expectation, 2 usage
// error), what goes to stdout and what to stderr, for check, trace (and its Chrome trace), load
// (its spec §9 JSON and report) and verify.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QString readText(const QString& path)
{
    QFile file(QDir(PIPELAB_SOURCE_DIR).filePath(path));
    if (!file.open(QIODevice::ReadOnly))
        return "<cannot read " + path + ">";
    return QString::fromUtf8(file.readAll());
}

QJsonObject readJson(const QString& path)
{
    return QJsonDocument::fromJson(readText(path).toUtf8()).object();
}

// pipelab-cli's stdout as a JSON object (empty when it fails or prints something else).
QJsonObject runJson(const QStringList& arguments)
{
    QProcess process;
    process.setWorkingDirectory(PIPELAB_SOURCE_DIR);
    process.start(PIPELAB_CLI, arguments);
    if (!process.waitForFinished(120000) || process.exitCode() != 0 || !process.readAllStandardError().isEmpty())
        return {};
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void run_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("out"); // exact stdout, or empty to skip
        QTest::addColumn<QString>("err"); // a line stderr must contain, or empty for "stderr is empty"

        const QString dashboard = "scenarios/n-plus-one-dashboard.yaml";
        const QString broken = "tests/cli/data/broken.yaml";
        const QString warnings = "tests/cli/data/warnings.yaml";

        QTest::newRow("--version") << QStringList{"--version"} << 0 << "pipelab-cli 0.1.0\n" << "";
        QTest::newRow("--help") << QStringList{"--help"} << 0 << "" << "";
        QTest::newRow("check --help") << QStringList{"check", "--help"} << 0 << "" << "";
        QTest::newRow("check default") << QStringList{"check", dashboard} << 0 << dashboard + ": ok\n" << "";
        QTest::newRow("check broken") << QStringList{"check", broken} << 1 << ""
                                      << broken + ":3:1: error: unknown top-level key 'modles'";
        QTest::newRow("broken also warns")
            << QStringList{"check", broken} << 1 << ""
            << broken + ":9:3: warning: setting 'TIME_ZONE' is not simulated; it has no effect here";
        QTest::newRow("missing key at 1:1") << QStringList{"check", broken} << 1 << ""
                                            << broken + ":1:1: error: missing required key 'models'";
        QTest::newRow("warnings do not fail")
            << QStringList{"check", warnings} << 0 << warnings + ": ok\n"
            << warnings + ":7:3: warning: setting 'SECRET_KEY' is not simulated; it has no effect here";
        QTest::newRow("several files, one broken")
            << QStringList{"check", dashboard, broken} << 1 << dashboard + ": ok\n"
            << broken + ":3:1: error: unknown top-level key 'modles'";
        QTest::newRow("start-up error at its line")
            << QStringList{"check", "tests/cli/data/startup-error.yaml"} << 1 << ""
            << "tests/cli/data/startup-error.yaml:9:21: error: urls: AttributeError: module 'shop.views' has no "
               "attribute 'nope'";
        QTest::newRow("nonexistent file") << QStringList{"check", "no/such.yaml"} << 1 << ""
                                          << "no/such.yaml:0:0: error: cannot open file: no such file";
        QTest::newRow("no arguments") << QStringList{} << 2 << "" << "A subcommand is required";
        QTest::newRow("bogus subcommand") << QStringList{"bogus"} << 2 << ""
                                          << "The following argument was not expected: bogus";
        QTest::newRow("bogus option") << QStringList{"--bogus"} << 2 << ""
                                      << "The following argument was not expected: --bogus";
        QTest::newRow("bogus check option") << QStringList{"check", "--bogus", dashboard} << 2 << ""
                                            << "The following argument was not expected: --bogus";
        QTest::newRow("check without FILE") << QStringList{"check"} << 2 << "" << "FILE is required";

        const QString shop = "tests/load/data/shop.yaml";
        const QString fails = "tests/cli/data/verify-fails.yaml";
        QTest::newRow("verify ok") << QStringList{"verify", shop} << 0 << shop + ": ok (5 expectations)\n" << "";
        QTest::newRow("verify default") << QStringList{"verify", dashboard} << 0 << dashboard + ": ok (1 expectations)\n"
                                        << "";
        QTest::newRow("verify fails")
            << QStringList{"verify", fails} << 1
            << fails + ":28:5: expectation failed: request 0: 2 queries expected, got 1\n" + fails +
                   ":28:5: expectation failed: request 0: header X-Frame-Options: 'SAMEORIGIN' expected, got 'DENY'\n" +
                   fails + ":29:5: expectation failed: request 1: status 200 expected, got 404\n" + fails +
                   ":30:5: expectation failed: load: p95 latency at most 0.5 ms expected, got 3.088 ms\n"
            << "";
        QTest::newRow("verify broken") << QStringList{"verify", broken} << 1 << ""
                                       << broken + ":3:1: error: unknown top-level key 'modles'";
        QTest::newRow("load without a load section")
            << QStringList{"load", warnings} << 1 << ""
            << warnings + ":1:1: error: the scenario has no 'load' section to run";
        QTest::newRow("load without FILE") << QStringList{"load"} << 2 << "" << "FILE is required";
        QTest::newRow("verify without FILE") << QStringList{"verify"} << 2 << "" << "FILE is required";
        QTest::newRow("chrome trace without OUT") << QStringList{"trace", shop, "--chrome-trace"} << 2 << ""
                                                  << "--chrome-trace: 1 required";
    }

    void run()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, out);
        QFETCH(QString, err);

        QProcess process;
        process.setWorkingDirectory(PIPELAB_SOURCE_DIR);
        process.start(PIPELAB_CLI, arguments);
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        const QString stdoutText = QString::fromUtf8(process.readAllStandardOutput());
        const QString stderrText = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitCode(), exitCode);
        if (!out.isEmpty())
            QCOMPARE(stdoutText, out);
        if (err.isEmpty())
            QCOMPARE(stderrText, QString());
        else
            QVERIFY2(stderrText.contains(err), qPrintable("stderr was: " + stderrText));
    }

    void helpDocumentsExitCodes()
    {
        QProcess process;
        process.start(PIPELAB_CLI, {"--help"});
        QVERIFY(process.waitForFinished(30000));
        const QString help = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY(help.contains("check"));
        QVERIFY(help.contains("2 usage error"));
        QVERIFY(help.contains("trace"));
        QVERIFY(help.contains("load"));
        QVERIFY(help.contains("verify"));
    }

    void traceReportsTheDefaultScenario()
    {
        QProcess process;
        process.start(PIPELAB_CLI, {"trace", PIPELAB_SOURCE_DIR "/scenarios/n-plus-one-dashboard.yaml"});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        const QString report = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY2(report.contains("501 queries"), qPrintable(report.left(2000)));
        // The detector's finding and its fix follow the report (issue 7 section 2).
        QVERIFY2(report.contains("\nFindings (1):\n  #0 N+1 at templates/dashboard.html:70: 500 queries for Order.product "
                                 "(forward ForeignKey)"),
                 qPrintable(report.right(1500)));
        QVERIFY2(report.contains(".select_related(\"product\")"), qPrintable(report.right(1500)));
    }

    void traceOfAFixedScenarioHasNoFindings()
    {
        QProcess process;
        process.start(PIPELAB_CLI, {"trace", PIPELAB_SOURCE_DIR "/scenarios/dashboard-500-users-fixed.yaml"});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(QString::fromUtf8(process.readAllStandardOutput()).endsWith("\nFindings: none\n"));
    }

    // Issue 4: each request's path through the middleware stack, the layer that answered marked.
    void traceShowsTheMiddlewarePath()
    {
        QProcess process;
        process.start(PIPELAB_CLI, {"trace", PIPELAB_SOURCE_DIR "/tests/conformance/corpus/messages_no_session.yaml"});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        const QString report = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY2(report.contains("#0 GET /items/  →  500  (0 queries)\n"
                                 "  error: ImproperlyConfigured: The session-based temporary message storage requires "
                                 "session middleware to be installed, and come before the message middleware in the "
                                 "MIDDLEWARE list.\n"
                                 "  path: SecurityMiddleware → HealthMiddleware → MessageMiddleware (answered here)\n"),
                 qPrintable(report));
        QVERIFY2(report.contains("#1 GET /health/  →  200  (0 queries)\n"
                                 "  path: SecurityMiddleware → HealthMiddleware (answered here)\n"),
                 qPrintable(report));
    }

    // Spec §9: `load --json` is one object with the contract's keys; everything but the wall
    // clock is fixed by the seed. Not a terminal: no progress bar on stderr.
    void loadJson()
    {
        const QJsonObject got = runJson({"load", "--json", "tests/load/data/shop.yaml"});
        QVERIFY(got.value("wall_s").isDouble());
        QVERIFY(got.value("events_per_s").isDouble());
        QJsonObject deterministic = got;
        deterministic.remove("wall_s");
        deterministic.remove("events_per_s");
        QCOMPARE(deterministic, readJson("tests/cli/data/shop-load.json"));
        for (const char* key : {"completed", "throughput_rps", "latency_ms", "timeouts", "errors", "queries_per_s", "db",
                                "cache", "events"})
            QVERIFY2(got.contains(key), key);
        QCOMPARE(got.value("db").toObject().keys(), (QStringList{"pool_wait_ms", "utilization"}));
    }

    void loadReport()
    {
        QProcess process;
        process.setWorkingDirectory(PIPELAB_SOURCE_DIR);
        process.start(PIPELAB_CLI, {"load", "tests/load/data/shop.yaml"});
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(process.readAllStandardError()), QString());
        QStringList lines = QString::fromUtf8(process.readAllStandardOutput()).split('\n');
        QVERIFY(lines.size() > 2 && lines[lines.size() - 2].startsWith("  events        4929 in "));
        lines.removeAt(lines.size() - 2); // the wall clock
        QCOMPARE(lines.join('\n'), readText("tests/cli/data/shop-load.txt"));
    }

    void chromeTrace()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString out = dir.filePath("trace.json");
        QProcess process;
        process.setWorkingDirectory(PIPELAB_SOURCE_DIR);
        process.start(PIPELAB_CLI, {"trace", "tests/load/data/shop.yaml", "--chrome-trace", out});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(QString::fromUtf8(process.readAllStandardOutput()).contains("#3 GET /missing/  →  404"));
        QCOMPARE(readText(out), readText("tests/cli/data/shop-chrome.json"));
    }

    void chromeTraceToAnUnwritableFile()
    {
        QProcess process;
        process.setWorkingDirectory(PIPELAB_SOURCE_DIR);
        process.start(PIPELAB_CLI, {"trace", "tests/load/data/shop.yaml", "--chrome-trace", "no/such/dir/t.json"});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(QString::fromUtf8(process.readAllStandardError())
                    .contains("no/such/dir/t.json: error: cannot write the Chrome trace"));
    }

    void traceOfABrokenScenarioExitsOne()
    {
        QProcess process;
        process.start(PIPELAB_CLI, {"trace", PIPELAB_SOURCE_DIR "/tests/cli/data/broken.yaml"});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(": error: "));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
