// tst_screenshot: the `pipelab` executable end to end — `--screenshot OUT.png` renders the
// window offscreen and writes a PNG of at least 1280×800; a path it cannot write is exit 1 with
// a message; --run INDEX and --step N render the played request; --version and --help work.
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kPipelab = QStringLiteral(PIPELAB_BINARY_DIR "/bin/pipelab");

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runPipelab(const QStringList& arguments, const QString& home)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // Keep the user's own settings out of it (a screenshot run should not touch them anyway).
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home);
    process.setProcessEnvironment(environment);
    process.start(kPipelab, arguments);
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestScreenshot : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void screenshot_data();
    void screenshot();
    void unwritablePathFails();
    void versionAndHelp();
    void badRunIndex();

private:
    QTemporaryDir dir_;
};

void TestScreenshot::screenshot_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("built-in scenario") << QStringList{};
    QTest::newRow("file") << QStringList{QStringLiteral(PIPELAB_SOURCE_DIR "/scenarios/n-plus-one-dashboard.yaml")};
    QTest::newRow("missing file") << QStringList{QStringLiteral("/nonexistent/scenario.yaml")};
    QTest::newRow("run 0") << QStringList{QStringLiteral("--run"), QStringLiteral("0")};
    QTest::newRow("step 12") << QStringList{QStringLiteral("--run"), QStringLiteral("0"), QStringLiteral("--step"), QStringLiteral("12")};
}

void TestScreenshot::screenshot()
{
    QFETCH(QStringList, arguments);
    QVERIFY(dir_.isValid());
    const QString out = dir_.filePath(QStringLiteral("%1.png").arg(QTest::currentDataTag()).replace(u' ', u'-'));
    const Run run = runPipelab(arguments + QStringList{QStringLiteral("--screenshot"), out}, dir_.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QImage image(out);
    QVERIFY2(!image.isNull(), qPrintable(out));
    QVERIFY(image.width() >= 1280);
    QVERIFY(image.height() >= 800);
    // A real picture, not a blank buffer: many distinct colours.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
}

void TestScreenshot::unwritablePathFails()
{
    const Run run = runPipelab({QStringLiteral("--screenshot"), QStringLiteral("/nonexistent-directory/shot.png")}, dir_.path());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("cannot save the screenshot to /nonexistent-directory/shot.png")), qPrintable(run.err));
}

void TestScreenshot::versionAndHelp()
{
    const Run version = runPipelab({QStringLiteral("--version")}, dir_.path());
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out.trimmed(), QStringLiteral("PipeLab " PIPELAB_VERSION));
    const Run help = runPipelab({QStringLiteral("--help")}, dir_.path());
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains(QStringLiteral("--screenshot <OUT>")));
    QVERIFY(help.out.contains(QStringLiteral("--run <INDEX>")));
    QVERIFY(help.out.contains(QStringLiteral("--step <N>")));
}

void TestScreenshot::badRunIndex()
{
    const Run run = runPipelab({QStringLiteral("--run"), QStringLiteral("first"), QStringLiteral("--screenshot"), dir_.filePath(QStringLiteral("x.png"))},
                               dir_.path());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("--run, --step and --lesson-step take a non-negative number")), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
