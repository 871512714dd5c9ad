// tst_findings: the Findings dock on the default scenario — the N+1 at the template line with its
// relation and saving, one click on Apply Fix turns 501 queries into 1 (the view gains
// .select_related("product")), Undo brings the 501 back; a fixed scenario has no findings.
#include "gui/analysis/findingspanel.h"
#include "gui/app/mainwindow.h"
#include "gui/run/scenariorun.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

using pipelab::gui::MainWindow;

class TestFindings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("PipeLab"));
        QCoreApplication::setApplicationName(QStringLiteral("PipeLab"));
        QSettings(QStringLiteral("PipeLab"), QStringLiteral("PipeLab")).clear();
    }

    void oneClickFixTurns501Into1()
    {
        MainWindow window;
        QVERIFY(window.openDefaultScenario());
        QVERIFY(window.scenarioRun()->waitForFinished());
        pipelab::gui::FindingsPanel* panel = window.findingsPanel();
        QCOMPARE(panel->list()->count(), 1);
        const QString text = panel->list()->item(0)->text();
        QVERIFY2(text.startsWith(QStringLiteral("#0 N+1 at templates/dashboard.html:70: 500 queries for Order.product (forward ForeignKey)")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("ms less per request (modelled)")), qPrintable(text));
        QCOMPARE(panel->findings().front().queriesSaved, 500);
        QVERIFY(panel->applyButton()->isEnabled());
        QCOMPARE(window.runStatus(), QStringLiteral("#0 GET /dashboard/ → 200 · 501 queries"));
        const QString original = window.document().text();

        QTest::mouseClick(panel->applyButton(), Qt::LeftButton);
        QVERIFY(window.scenarioRun()->waitForFinished());
        QCOMPARE(window.runStatus(), QStringLiteral("#0 GET /dashboard/ → 200 · 1 query"));
        QVERIFY(window.document().isModified());
        QVERIFY(window.document().text().contains(QStringLiteral("orders = Order.objects.filter(status=\"paid\").select_related(\"product\")")));
        QCOMPARE(panel->list()->count(), 0);
        QVERIFY(!panel->applyButton()->isEnabled());
        QVERIFY(panel->statusLabel()->text().startsWith(QStringLiteral("No findings")));

        window.undoStack()->undo();
        QVERIFY(window.scenarioRun()->waitForFinished());
        QCOMPARE(window.runStatus(), QStringLiteral("#0 GET /dashboard/ → 200 · 501 queries"));
        QCOMPARE(panel->list()->count(), 1);
        QCOMPARE(window.document().text(), original);
    }

    void fixedScenarioHasNone()
    {
        MainWindow window;
        QVERIFY(window.openFile(QStringLiteral(PIPELAB_SOURCE_DIR "/scenarios/dashboard-500-users-fixed.yaml")));
        QVERIFY(window.scenarioRun()->waitForFinished());
        QCOMPARE(window.findingsPanel()->list()->count(), 0);
        QVERIFY(!window.findingsPanel()->applyFix(0));
    }
};

QTEST_MAIN(TestFindings)
#include "tst_findings.moc"
