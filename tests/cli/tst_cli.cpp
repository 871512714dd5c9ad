// pipelab-cli as a user runs it: exit codes (0 ok, 1 scenario error, 2 usage error), what goes
// to stdout and what to stderr.
#include <QProcess>
#include <QtTest>

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
        QVERIFY(process.waitForFinished(30000));
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
    }

    void traceReportsTheDefaultScenario()
    {
        QProcess process;
        process.start(PIPELAB_CLI, {"trace", PIPELAB_SOURCE_DIR "/scenarios/n-plus-one-dashboard.yaml"});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        const QString report = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY2(report.contains("501 queries"), qPrintable(report.left(2000)));
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
