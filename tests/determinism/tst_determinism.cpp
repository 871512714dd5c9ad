// Determinism (issue 8 §6): `pipelab-cli trace --json` of every bundled scenario and every
// conformance corpus file gives the same bytes on two runs, and the bytes of a committed golden,
// so a release build and an asan build are held to one reference. goldens.txt names the golden
// of each scenario that has one: the oracle's own goldens in tests/conformance/golden/ where
// PipeLab matches real Django byte for byte, PipeLab's in tests/determinism/golden/ otherwise.
// PIPELAB_UPDATE_GOLDENS=1 rewrites the goldens under tests/determinism/golden/ from this build.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QtTest>

namespace {

const QString kSource = QStringLiteral(PIPELAB_SOURCE_DIR);

QByteArray traceJson(const QString& scenario)
{
    QProcess process;
    process.setWorkingDirectory(kSource);
    process.start(PIPELAB_CLI, {"trace", "--json", scenario});
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return "did not finish";
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return "exit " + QByteArray::number(process.exitCode()) + ": " + process.readAllStandardError();
    return process.readAllStandardOutput();
}

// goldens.txt: "SCENARIO GOLDEN" per line, paths relative to the repository; '#' comments.
QMap<QString, QString> goldens()
{
    QMap<QString, QString> map;
    QFile file(kSource + "/tests/determinism/goldens.txt");
    if (!file.open(QIODevice::ReadOnly))
        return map;
    for (const QByteArray& raw : file.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QStringList parts = line.split(' ', Qt::SkipEmptyParts);
        if (parts.size() == 2)
            map.insert(parts[0], parts[1]);
    }
    return map;
}

} // namespace

class TestDeterminism : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void trace_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("golden");
        const QMap<QString, QString> golden = goldens();
        for (const QString& dir : {QStringLiteral("scenarios"), QStringLiteral("tests/conformance/corpus")}) {
            for (const QString& name : QDir(kSource + "/" + dir).entryList({"*.yaml"}, QDir::Files, QDir::Name)) {
                const QString scenario = dir + "/" + name;
                QTest::newRow(qPrintable(scenario)) << scenario << golden.value(scenario);
            }
        }
    }

    void trace()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, golden);
        const QByteArray first = traceJson(scenario);
        const QByteArray second = traceJson(scenario);
        QVERIFY2(first.startsWith('{'), first.left(500).constData());
        QVERIFY2(first == second, "two runs of the same scenario gave different bytes");
        if (golden.isEmpty())
            return;
        QFile file(kSource + "/" + golden);
        if (qEnvironmentVariableIntValue("PIPELAB_UPDATE_GOLDENS") == 1 && golden.startsWith("tests/determinism/")) {
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(first);
            return;
        }
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable("missing golden " + golden));
        QVERIFY2(first == file.readAll(), qPrintable("trace differs from " + golden));
    }

    // Every golden named in goldens.txt belongs to a scenario that exists, so none goes stale unseen.
    void goldensNameExistingScenarios()
    {
        const QMap<QString, QString> golden = goldens();
        QVERIFY(!golden.isEmpty());
        for (auto it = golden.cbegin(); it != golden.cend(); ++it) {
            QVERIFY2(QFile::exists(kSource + "/" + it.key()), qPrintable(it.key()));
            QVERIFY2(QFile::exists(kSource + "/" + it.value()), qPrintable(it.value()));
        }
    }
};

QTEST_GUILESS_MAIN(TestDeterminism)
#include "tst_determinism.moc"
