// tst_scenariodocumentsave: an edit marks the document modified and reloads it; save() writes the
// exact text atomically (a new file renamed over the old one, never the old file rewritten in
// place) and clears the flag; the built-in scenario is never overwritten.
#include "gui/scenario/scenariodocument.h"
#include "tracefixture.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using pipelab::gui::ScenarioDocument;

class TestScenarioDocumentSave : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void setTextMarksModifiedAndReloads();
    void saveIsAtomicAndClearsModified();
    void saveAsMovesTheDocument();
    void builtInIsNotOverwritten();
    void saveFailureKeepsModified();
};

void TestScenarioDocumentSave::setTextMarksModifiedAndReloads()
{
    ScenarioDocument document;
    QVERIFY(document.load(tracefixture::defaultScenarioPath()));
    QVERIFY(!document.isModified());
    QSignalSpy modified(&document, &ScenarioDocument::modifiedChanged);
    QSignalSpy loaded(&document, &ScenarioDocument::loaded);

    QString text = document.text();
    text.replace(QStringLiteral("The 501-query dashboard"), QStringLiteral("Renamed"));
    QVERIFY(document.setText(text));
    QVERIFY(document.isModified());
    QCOMPARE(modified.count(), 1);
    QCOMPARE(modified.front().front().toBool(), true);
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(document.scenario()->name, std::string("Renamed"));
    QCOMPARE(document.path(), tracefixture::defaultScenarioPath());

    // Broken text still replaces the text; the diagnostics say what is wrong.
    QVERIFY(!document.setText(QStringLiteral("format: 1\nnot_a_key: 2\n")));
    QVERIFY(document.isModified());
    QVERIFY(document.scenario() == nullptr);
    QVERIFY(document.errorCount() > 0);
    QCOMPARE(document.text(), QStringLiteral("format: 1\nnot_a_key: 2\n"));

    // Loading from disk is not an edit.
    QVERIFY(document.reload());
    QVERIFY(!document.isModified());
    QCOMPARE(modified.count(), 2);
}

void TestScenarioDocumentSave::saveIsAtomicAndClearsModified()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("dashboard.yaml"));
    QVERIFY(QFile::copy(tracefixture::defaultScenarioPath(), path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    // A second name for the same inode: an in-place write would change what it shows too.
    const QString link = dir.filePath(QStringLiteral("old-inode.yaml"));
    QCOMPARE(::link(QFile::encodeName(path).constData(), QFile::encodeName(link).constData()), 0);

    ScenarioDocument document;
    QVERIFY(document.load(path));
    const QByteArray before = tracefixture::readFile(path);
    const QString edited = document.text() + QStringLiteral("# edited ünïcode\n");
    QVERIFY(document.setText(edited));
    QVERIFY(document.isModified());
    QSignalSpy modified(&document, &ScenarioDocument::modifiedChanged);

    QVERIFY2(document.save(), qPrintable(document.saveError()));
    QVERIFY(!document.isModified());
    QCOMPARE(modified.count(), 1);
    QCOMPARE(tracefixture::readFile(path), edited.toUtf8());
    QCOMPARE(tracefixture::readFile(link), before); // the old file was replaced, not rewritten
    struct stat a {}, b {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &a), 0);
    QCOMPARE(::stat(QFile::encodeName(link).constData(), &b), 0);
    QVERIFY(a.st_ino != b.st_ino);
    // No temporary file is left behind.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2);
}

void TestScenarioDocumentSave::saveAsMovesTheDocument()
{
    QTemporaryDir dir;
    ScenarioDocument document;
    QVERIFY(document.load(tracefixture::defaultScenarioPath()));
    QVERIFY(document.setText(document.text() + QStringLiteral("# note\n")));
    const QString path = dir.filePath(QStringLiteral("copy.yaml"));
    QVERIFY(document.saveAs(path));
    QCOMPARE(document.path(), path);
    QVERIFY(!document.isModified());
    QCOMPARE(QString::fromUtf8(tracefixture::readFile(path)), document.text());
    QVERIFY(!document.isBuiltIn());
}

void TestScenarioDocumentSave::builtInIsNotOverwritten()
{
    ScenarioDocument document;
    QVERIFY(document.load(ScenarioDocument::defaultScenarioPath()));
    QVERIFY(document.setText(document.text() + QStringLiteral("# note\n")));
    QVERIFY(!document.save());
    QVERIFY(document.isModified());
    QCOMPARE(document.saveError(),
             QStringLiteral("the built-in scenario cannot be overwritten; choose a file to save to"));
}

void TestScenarioDocumentSave::saveFailureKeepsModified()
{
    QTemporaryDir dir;
    ScenarioDocument document;
    QVERIFY(document.load(tracefixture::defaultScenarioPath()));
    QVERIFY(document.setText(document.text() + QStringLiteral("# note\n")));
    const QString path = dir.filePath(QStringLiteral("missing-directory/x.yaml"));
    QVERIFY(!document.saveAs(path));
    QVERIFY(document.isModified());
    QVERIFY(document.saveError().startsWith(QStringLiteral("cannot save ") + path));
    QCOMPARE(document.path(), tracefixture::defaultScenarioPath());
}

QTEST_GUILESS_MAIN(TestScenarioDocumentSave)
#include "tst_scenariodocumentsave.moc"
