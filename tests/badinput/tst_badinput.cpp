// The bad-input corpus: every file in tests/badinput/ is run through pipelab-cli as a user would
// run it, and must end the way its header says (README.md here describes the header): the exit
// code, stderr line for line, for `trace` each request's status and error, within a time bound,
// and always as a normal exit (no signal, no abort), whatever the file holds.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

namespace {

const QString kCorpusDir = QStringLiteral("tests/badinput");

struct Expectation {
    QString command; // "check" or "trace"
    int exitCode = -1;
    QStringList stderrLines;
    QStringList requests; // "STATUS" or "STATUS TYPE: MESSAGE", in request order
    int withinSeconds = 30;
    QString problem; // a malformed header, reported as the test's failure
};

// The header: the file's leading lines that start with '#', or the sidecar NAME.expect.
QList<QByteArray> headerLines(const QString& path)
{
    QFile sidecar(path + ".expect");
    QFile file(sidecar.exists() ? sidecar.fileName() : path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines;
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (!line.startsWith('#'))
            break;
        lines << line;
    }
    return lines;
}

Expectation parseHeader(const QString& path)
{
    Expectation e;
    static const QRegularExpression expectLine(QStringLiteral("^(check|trace) exit (\\d)$"));
    static const QRegularExpression requestLine(QStringLiteral("^request (\\d+): (.+)$"));
    for (const QByteArray& raw : headerLines(path)) {
        const QString line = QString::fromUtf8(raw);
        if (line.startsWith("# expect: ")) {
            const auto m = expectLine.match(line.mid(10));
            if (!m.hasMatch())
                e.problem = "bad expect line: " + line;
            e.command = m.captured(1);
            e.exitCode = m.captured(2).toInt();
        } else if (line.startsWith("# stderr: ")) {
            e.stderrLines << line.mid(10);
        } else if (line.startsWith("# within: ")) {
            e.withinSeconds = line.mid(10).chopped(1).toInt(); // "# within: 10s"
        } else if (const auto m = requestLine.match(line.mid(2)); line.startsWith("# request ") && m.hasMatch()) {
            if (m.captured(1).toInt() != e.requests.size())
                e.problem = "request lines must be in order: " + line;
            e.requests << m.captured(2);
        }
    }
    if (e.command.isEmpty() && e.problem.isEmpty())
        e.problem = "no '# expect: check|trace exit N' line";
    return e;
}

QStringList corpusFiles()
{
    QDir dir(QStringLiteral(PIPELAB_SOURCE_DIR) + "/" + kCorpusDir);
    return dir.entryList({"*.yaml"}, QDir::Files, QDir::Name);
}

// "200" or "500 BudgetExceeded: budget exceeded: ..." for one request of the trace JSON.
QString describeRequest(const QJsonObject& request)
{
    QString text = QString::number(request.value("status").toInt());
    const QJsonValue error = request.value("error");
    if (error.isObject())
        text += " " + error["type"].toString() + ": " + error["message"].toString();
    return text;
}

} // namespace

class TestBadInput : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void corpusIsLargeEnough() { QVERIFY2(corpusFiles().size() >= 40, qPrintable(QString::number(corpusFiles().size()))); }

    void run_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString& name : corpusFiles())
            QTest::newRow(qPrintable(name)) << kCorpusDir + "/" + name;
    }

    void run()
    {
        QFETCH(QString, file);
        const Expectation expected = parseHeader(QStringLiteral(PIPELAB_SOURCE_DIR) + "/" + file);
        QVERIFY2(expected.problem.isEmpty(), qPrintable(expected.problem));

        QProcess process;
        process.setWorkingDirectory(PIPELAB_SOURCE_DIR);
        const QStringList arguments = expected.command == "trace" ? QStringList{"trace", "--json", file}
                                                                  : QStringList{"check", file};
        QElapsedTimer timer;
        timer.start();
        process.start(PIPELAB_CLI, arguments);
        const bool finished = process.waitForFinished(expected.withinSeconds * 1000);
        if (!finished) {
            process.kill();
            process.waitForFinished();
        }
        QVERIFY2(finished, qPrintable(QString("did not finish within %1 s").arg(expected.withinSeconds)));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit); // no signal: no crash, no abort
        const QString stdoutText = QString::fromUtf8(process.readAllStandardOutput());
        const QString stderrText = QString::fromUtf8(process.readAllStandardError());
        QStringList stderrLines = stderrText.split('\n');
        if (stderrLines.last().isEmpty())
            stderrLines.removeLast();
        QStringList expectedStderr;
        for (const QString& line : expected.stderrLines)
            expectedStderr << QString(line).replace("FILE", file);
        QCOMPARE(stderrLines, expectedStderr);
        QCOMPARE(process.exitCode(), expected.exitCode);

        if (expected.command == "trace" && expected.exitCode == 0) {
            QJsonParseError error;
            const QJsonDocument trace = QJsonDocument::fromJson(stdoutText.toUtf8(), &error);
            QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
            QStringList actual;
            for (const QJsonValue request : trace["requests"].toArray())
                actual << describeRequest(request.toObject());
            QCOMPARE(actual, expected.requests);
        } else {
            QVERIFY2(expected.requests.isEmpty(), "request lines need '# expect: trace exit 0'");
        }
    }
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
