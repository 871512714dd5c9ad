// tst_autosave: an edit is on disk the moment it is made. A child process (this program with
// --child) opens a scenario, edits it and is killed with SIGKILL mid-session; the next window
// offers the edit back, recovered text and all, still unsaved. Saving or discarding removes the
// entry; a --screenshot style window (settings disabled) keeps nothing.
#include "gui/app/mainwindow.h"
#include "gui/scenario/autosave.h"
#include "tracefixture.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>
#include <unistd.h>

using pipelab::gui::Autosave;
using pipelab::gui::MainWindow;

namespace {

const QString kEdited = QStringLiteral("name: \"Edited before the crash\"");

void setUpPaths()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("PipeLab"));
    QCoreApplication::setApplicationName(QStringLiteral("PipeLab"));
}

QString editedText(const QString& text)
{
    QString edited = text;
    edited.replace(QStringLiteral("name: \"The 501-query dashboard\""), kEdited);
    return edited;
}

// The child: open FILE, edit it, die without any chance to clean up.
int runChild(const QString& file)
{
    MainWindow window;
    if (!window.openFile(file))
        return 3;
    auto& document = const_cast<pipelab::gui::ScenarioDocument&>(window.document());
    document.setText(editedText(document.text()));
    ::kill(::getpid(), SIGKILL);
    return 4; // not reached
}

} // namespace

class TestAutosave : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        setUpPaths();
        QVERIFY(dir_.isValid());
    }

    void init() { QDir(Autosave::defaultDirectory()).removeRecursively(); }

    void killedSessionIsRecovered()
    {
        const QString file = dir_.filePath(QStringLiteral("dashboard.yaml"));
        QFile::remove(file);
        QVERIFY(QFile::copy(tracefixture::defaultScenarioPath(), file));
        QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        const QByteArray original = tracefixture::readFile(file);

        QProcess child;
        child.setProcessEnvironment(QProcessEnvironment::systemEnvironment());
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child"), file});
        QVERIFY(child.waitForFinished(60000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit); // killed, as by a power cut
        QCOMPARE(tracefixture::readFile(file), original); // nothing was saved...

        const QList<Autosave::Entry> entries = Autosave().entries();
        QCOMPARE(entries.size(), 1); // ...but the edit is kept
        QCOMPARE(entries.front().documentPath, file);
        QVERIFY(entries.front().text.contains(kEdited));

        MainWindow window;
        QTimer::singleShot(0, [] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            QVERIFY(box != nullptr);
            QVERIFY(box->text().contains(QStringLiteral("dashboard.yaml")));
            for (QAbstractButton* button : box->buttons())
                if (button->text() == QLatin1String("Recover"))
                    button->click();
        });
        QVERIFY(window.offerRecovery());
        QCOMPARE(window.document().path(), file);
        QVERIFY(window.document().isModified());
        QCOMPARE(window.document().scenario()->name, std::string("Edited before the crash"));

        QVERIFY(window.save());
        QVERIFY(Autosave().entries().isEmpty());
        QVERIFY(tracefixture::readFile(file).contains(kEdited.toUtf8()));
    }

    void discardRemovesTheEntry()
    {
        Autosave autosave;
        QVERIFY(autosave.store(QStringLiteral(":/scenarios/n-plus-one-dashboard.yaml"), QStringLiteral("format: 1\n")));
        QCOMPARE(autosave.entries().size(), 1);
        MainWindow window;
        QTimer::singleShot(0, [] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            QVERIFY(box != nullptr);
            for (QAbstractButton* button : box->buttons())
                if (button->text() == QLatin1String("Discard"))
                    button->click();
        });
        QVERIFY(!window.offerRecovery());
        QVERIFY(autosave.entries().isEmpty());
    }

    void editsAreStoredAndSaveClearsThem()
    {
        const QString file = dir_.filePath(QStringLiteral("second.yaml"));
        QFile::remove(file);
        QVERIFY(QFile::copy(tracefixture::defaultScenarioPath(), file));
        QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        MainWindow window;
        QVERIFY(window.openFile(file));
        QVERIFY(Autosave().entries().isEmpty()); // opening is not editing
        auto& document = const_cast<pipelab::gui::ScenarioDocument&>(window.document());
        document.setText(editedText(document.text()));
        QCOMPARE(Autosave().entries().size(), 1);
        QCOMPARE(Autosave().entries().front().text, document.text());
        QVERIFY(window.save());
        QVERIFY(Autosave().entries().isEmpty());
    }

    void disabledSettingsKeepNothing()
    {
        MainWindow window(pipelab::gui::AppSettings(pipelab::gui::AppSettings::Mode::Disabled));
        QVERIFY(window.autosave() == nullptr);
        QVERIFY(window.openDefaultScenario());
        auto& document = const_cast<pipelab::gui::ScenarioDocument&>(window.document());
        document.setText(editedText(document.text()));
        QVERIFY(Autosave().entries().isEmpty());
        QVERIFY(!window.offerRecovery());
    }

private:
    QTemporaryDir dir_;
};

int main(int argc, char** argv)
{
    QApplication application(argc, argv);
    setUpPaths();
    if (argc == 3 && QByteArray(argv[1]) == "--child")
        return runChild(QString::fromLocal8Bit(argv[2]));
    TestAutosave test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_autosave.moc"
