// tst_middlewareedit: editing MIDDLEWARE in the GUI — by model call, by a simulated mouse drag on
// the list view, from the built-in catalog, and removal — gives exactly the expected YAML text;
// undo and redo give back the exact previous text; the engine's ordering check flags misplaced
// rows. QAbstractItemModelTester watches the model throughout.
#include "gui/middleware/middlewarecatalog.h"
#include "gui/middleware/middlewarelistmodel.h"
#include "gui/middleware/middlewarelistview.h"
#include "gui/middleware/middlewarepanel.h"
#include "gui/scenario/scenariodocument.h"
#include "sim/django/middleware/middlewareordering.h"
#include "tracefixture.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace pipelab::gui;

namespace {

const QString kSecurity = QStringLiteral("django.middleware.security.SecurityMiddleware");
const QString kSession = QStringLiteral("django.contrib.sessions.middleware.SessionMiddleware");
const QString kCommon = QStringLiteral("django.middleware.common.CommonMiddleware");
const QString kCsrf = QStringLiteral("django.middleware.csrf.CsrfViewMiddleware");
const QString kAuth = QStringLiteral("django.contrib.auth.middleware.AuthenticationMiddleware");
const QString kMessage = QStringLiteral("django.contrib.messages.middleware.MessageMiddleware");
const QString kXFrame = QStringLiteral("django.middleware.clickjacking.XFrameOptionsMiddleware");
const QString kUpdateCache = QStringLiteral("django.middleware.cache.UpdateCacheMiddleware");
const QString kFetchCache = QStringLiteral("django.middleware.cache.FetchFromCacheMiddleware");

// The default scenario writes no settings: the edit appends this block to the file.
QString appended(const QStringList& middleware)
{
    QString text = QStringLiteral("settings:\n  MIDDLEWARE:\n");
    for (const QString& path : middleware)
        text += QStringLiteral("    - ") + path + QStringLiteral("\n");
    return text;
}

// What a drag over `view` delivers at `position`: enter, move, drop (a drop needs the enter
// before it, as QApplication routes it to the widget that accepted the enter). Returns whether
// the drop was accepted.
bool dragAndDrop(MiddlewareListView& view, const QMimeData* mime, QPoint position, Qt::DropAction action)
{
    QDragEnterEvent enter(position, action, mime, Qt::LeftButton, {});
    QApplication::sendEvent(view.viewport(), &enter);
    if (!enter.isAccepted())
        return false;
    QDragMoveEvent move(position, action, mime, Qt::LeftButton, {});
    QApplication::sendEvent(view.viewport(), &move);
    if (!move.isAccepted())
        return false;
    QDropEvent drop(position, action, mime, Qt::LeftButton, {});
    QApplication::sendEvent(view.viewport(), &drop);
    return drop.isAccepted();
}

// A document with the default scenario, a model on it and an undo stack.
struct Fixture {
    ScenarioDocument document;
    QUndoStack stack;
    MiddlewareListModel model;
    std::unique_ptr<QAbstractItemModelTester> tester;
    QString original;

    Fixture()
    {
        tester = std::make_unique<QAbstractItemModelTester>(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        document.load(tracefixture::defaultScenarioPath());
        original = document.text();
        model.setDocument(&document, &stack);
    }

    // `view` on the model, shown at a size where every row is visible.
    bool show(MiddlewareListView& view)
    {
        view.setModel(&model);
        view.resize(320, 600);
        view.show();
        return QTest::qWaitForWindowExposed(&view);
    }
};

} // namespace

class TestMiddlewareEdit : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void startsWithTheDefault();
    void moveByModelCall();
    void undoRedoRestoreExactText();
    void moveByMouseDrag();
    void dropFromCatalog();
    void addFromCatalog_data();
    void addFromCatalog();
    void addFromPanelMenu();
    void removeRow();
    void orderingProblems();
    void refusedMoves();
    void catalogRules();
};

void TestMiddlewareEdit::startsWithTheDefault()
{
    Fixture f;
    QCOMPARE(f.model.paths(), (QStringList{kSecurity, kSession, kCommon, kCsrf, kAuth, kMessage, kXFrame}));
    QCOMPARE(f.model.index(0).data(MiddlewareListModel::LineRole).toInt(), 0);
    QVERIFY(!f.document.isModified());
}

void TestMiddlewareEdit::moveByModelCall()
{
    Fixture f;
    QSignalSpy moved(&f.model, &QAbstractItemModel::rowsMoved);
    // SessionMiddleware (row 1) to the top.
    QVERIFY(f.model.moveRows({}, 1, 1, {}, 0));
    QCOMPARE(moved.count(), 1);
    const QStringList order{kSession, kSecurity, kCommon, kCsrf, kAuth, kMessage, kXFrame};
    QCOMPARE(f.model.paths(), order);
    QCOMPARE(f.document.text(), f.original + appended(order));
    QVERIFY(f.document.isModified());
    QVERIFY(f.document.scenario() != nullptr);
    // The reloaded scenario has the new order, and the rows now carry their YAML lines.
    QCOMPARE(f.document.scenario()->settings.middleware.front().path, kSession.toStdString());
    const int firstLine = static_cast<int>(f.original.count(QLatin1Char('\n'))) + 3;
    QCOMPARE(f.model.index(0).data(MiddlewareListModel::LineRole).toInt(), firstLine);
    QCOMPARE(f.stack.count(), 1);
    QCOMPARE(f.stack.undoText(), QStringLiteral("Move SessionMiddleware"));

    // Downwards: CommonMiddleware (row 2) below XFrameOptionsMiddleware (destination = row count).
    QVERIFY(f.model.moveRows({}, 2, 1, {}, 7));
    const QStringList second{kSession, kSecurity, kCsrf, kAuth, kMessage, kXFrame, kCommon};
    QCOMPARE(f.model.paths(), second);
    QCOMPARE(f.document.text(), f.original + appended(second));
}

void TestMiddlewareEdit::undoRedoRestoreExactText()
{
    Fixture f;
    QVERIFY(f.model.moveRows({}, 1, 1, {}, 0));
    const QString afterMove = f.document.text();
    QVERIFY(f.model.removeRows(6, 1));
    const QString afterRemove = f.document.text();
    QVERIFY(afterRemove != afterMove);

    f.stack.undo();
    QCOMPARE(f.document.text(), afterMove);
    f.stack.undo();
    QCOMPARE(f.document.text(), f.original);
    QCOMPARE(f.model.paths(), (QStringList{kSecurity, kSession, kCommon, kCsrf, kAuth, kMessage, kXFrame}));
    f.stack.redo();
    QCOMPARE(f.document.text(), afterMove);
    f.stack.redo();
    QCOMPARE(f.document.text(), afterRemove);
    QCOMPARE(f.model.rowCount(), 6);
}

void TestMiddlewareEdit::moveByMouseDrag()
{
    Fixture f;
    MiddlewareListView view;
    QVERIFY(f.show(view));

    // Press on CsrfViewMiddleware (row 3): it becomes the dragged selection.
    const QRect source = view.visualRect(f.model.index(3));
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, source.center());
    QCOMPARE(view.currentIndex().row(), 3);
    std::unique_ptr<QMimeData> mime(f.model.mimeData(view.selectionModel()->selectedIndexes()));
    QVERIFY(mime);

    // Drag it over the upper half of SessionMiddleware (row 1) and drop: it lands above it.
    const QPoint target = view.visualRect(f.model.index(1)).center() - QPoint(0, 4);
    QCOMPARE(view.dropRowAt(target), 1);
    QVERIFY(dragAndDrop(view, mime.get(), target, Qt::MoveAction));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, target);

    const QStringList order{kSecurity, kCsrf, kSession, kCommon, kAuth, kMessage, kXFrame};
    QCOMPARE(f.model.paths(), order);
    QCOMPARE(f.document.text(), f.original + appended(order));

    // Dropped back where it is (lower half of itself): accepted, nothing written.
    const QString before = f.document.text();
    std::unique_ptr<QMimeData> again(f.model.mimeData({f.model.index(1)}));
    const QPoint itself = view.visualRect(f.model.index(1)).center() + QPoint(0, 4);
    QVERIFY(dragAndDrop(view, again.get(), itself, Qt::MoveAction));
    QCOMPARE(f.document.text(), before);
    QCOMPARE(f.stack.count(), 1);

    // Below the last row: to the end.
    std::unique_ptr<QMimeData> first(f.model.mimeData({f.model.index(0)}));
    const QPoint end(10, view.visualRect(f.model.index(6)).bottom() + 20);
    QCOMPARE(view.dropRowAt(end), 7);
    QVERIFY(dragAndDrop(view, first.get(), end, Qt::MoveAction));
    const QStringList last{kCsrf, kSession, kCommon, kAuth, kMessage, kXFrame, kSecurity};
    QCOMPARE(f.model.paths(), last);
    QCOMPARE(f.document.text(), f.original + appended(last));
}

void TestMiddlewareEdit::dropFromCatalog()
{
    Fixture f;
    MiddlewareListView view;
    QVERIFY(f.show(view));
    QMimeData mime;
    mime.setData(QString::fromLatin1(MiddlewareListModel::PathsMimeType), kUpdateCache.toUtf8());
    const QPoint target = view.visualRect(f.model.index(0)).center() + QPoint(0, 4); // below Security
    QVERIFY(dragAndDrop(view, &mime, target, Qt::CopyAction));
    const QStringList order{kSecurity, kUpdateCache, kSession, kCommon, kCsrf, kAuth, kMessage, kXFrame};
    QCOMPARE(f.model.paths(), order);
    QCOMPARE(f.document.text(), f.original + appended(order));
}

void TestMiddlewareEdit::addFromCatalog_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("row");

    // Django's recommended order decides where a new entry goes.
    QTest::newRow("UpdateCache after Security") << kUpdateCache << 1;
    QTest::newRow("FetchFromCache last") << kFetchCache << 7;
    QTest::newRow("GZip before Session") << QStringLiteral("django.middleware.gzip.GZipMiddleware") << 1;
    QTest::newRow("Locale after Session") << QStringLiteral("django.middleware.locale.LocaleMiddleware") << 2;
}

void TestMiddlewareEdit::addFromCatalog()
{
    QFETCH(QString, path);
    QFETCH(int, row);
    Fixture f;
    QCOMPARE(f.model.addMiddleware(path), row);
    QStringList order{kSecurity, kSession, kCommon, kCsrf, kAuth, kMessage, kXFrame};
    order.insert(row, path);
    QCOMPARE(f.model.paths(), order);
    QCOMPARE(f.document.text(), f.original + appended(order));
    f.stack.undo();
    QCOMPARE(f.document.text(), f.original);
}

void TestMiddlewareEdit::addFromPanelMenu()
{
    Fixture f;
    MiddlewarePanel panel;
    panel.setModel(&f.model, &f.stack);
    QCOMPARE(panel.addMenu()->actions().size(), static_cast<qsizetype>(MiddlewareCatalog::entries().size()));
    QAction* fetch = nullptr;
    for (QAction* action : panel.addMenu()->actions()) {
        if (action->data().toString() == kFetchCache)
            fetch = action;
    }
    QVERIFY(fetch != nullptr);
    QCOMPARE(fetch->text(), QStringLiteral("FetchFromCacheMiddleware"));
    QVERIFY(fetch->toolTip().startsWith(QLatin1String("The request half of the per-site cache")));
    fetch->trigger();
    QCOMPARE(f.model.paths().last(), kFetchCache);
    QCOMPARE(panel.view()->currentIndex().row(), 7);
    // Last, below SessionMiddleware: no rule broken.
    QVERIFY(f.model.index(7).data(MiddlewareListModel::ProblemRole).toString().isEmpty());

    // Remove through the panel's action removes the selected row.
    QVERIFY(panel.removeAction()->isEnabled());
    panel.removeAction()->trigger();
    QCOMPARE(f.model.rowCount(), 7);
    QCOMPARE(f.document.text(), f.original + appended({kSecurity, kSession, kCommon, kCsrf, kAuth, kMessage, kXFrame}));
}

void TestMiddlewareEdit::removeRow()
{
    Fixture f;
    QVERIFY(f.model.removeRows(1, 1)); // SessionMiddleware
    const QStringList order{kSecurity, kCommon, kCsrf, kAuth, kMessage, kXFrame};
    QCOMPARE(f.model.paths(), order);
    QCOMPARE(f.document.text(), f.original + appended(order));
    QCOMPARE(f.stack.undoText(), QStringLiteral("Remove SessionMiddleware"));
    // Without sessions, Authentication (row 3) and Message (row 4) cannot work: the engine's
    // warnings land on exactly those rows.
    const auto warnings = pipelab::django::middleware::checkOrdering(
        {kSecurity.toStdString(), kCommon.toStdString(), kCsrf.toStdString(), kAuth.toStdString(),
         kMessage.toStdString(), kXFrame.toStdString()});
    QCOMPARE(warnings.size(), std::size_t(2));
    for (int row = 0; row < f.model.rowCount(); ++row) {
        const QString problem = f.model.index(row).data(MiddlewareListModel::ProblemRole).toString();
        if (row == 3 || row == 4) {
            QCOMPARE(problem, QString::fromStdString(warnings[static_cast<std::size_t>(row - 3)].message));
            QVERIFY2(problem.contains(QLatin1String("needs SessionMiddleware")), qPrintable(problem));
        } else {
            QCOMPARE(problem, QString());
        }
    }
}

void TestMiddlewareEdit::orderingProblems()
{
    Fixture f;
    for (int row = 0; row < f.model.rowCount(); ++row)
        QVERIFY(f.model.index(row).data(MiddlewareListModel::ProblemRole).toString().isEmpty());
    // AuthenticationMiddleware (row 4) above SessionMiddleware.
    QVERIFY(f.model.moveRows({}, 4, 1, {}, 1));
    QCOMPARE(f.model.index(1).data(MiddlewareListModel::ClassNameRole).toString(), QStringLiteral("AuthenticationMiddleware"));
    const QString problem = f.model.index(1).data(MiddlewareListModel::ProblemRole).toString();
    QVERIFY2(problem.startsWith(QLatin1String("AuthenticationMiddleware is above SessionMiddleware but must come after it")),
             qPrintable(problem));
    QVERIFY(f.model.index(1).data(Qt::ToolTipRole).toString().endsWith(problem));
    for (int row = 0; row < f.model.rowCount(); ++row) {
        if (row != 1)
            QVERIFY(f.model.index(row).data(MiddlewareListModel::ProblemRole).toString().isEmpty());
    }
}

void TestMiddlewareEdit::refusedMoves()
{
    Fixture f;
    QVERIFY(!f.model.moveRows({}, 1, 1, {}, 1)); // onto itself
    QVERIFY(!f.model.moveRows({}, 1, 1, {}, 2)); // just below itself
    QVERIFY(!f.model.moveRows({}, -1, 1, {}, 0));
    QVERIFY(!f.model.moveRows({}, 6, 2, {}, 0));
    QVERIFY(!f.model.moveRows({}, 0, 1, {}, 8));
    QVERIFY(!f.model.removeRows(7, 1));
    QVERIFY(!f.model.insertMiddleware(9, kFetchCache));
    QCOMPARE(f.stack.count(), 0);
    QCOMPARE(f.document.text(), f.original);
    QVERIFY(!f.document.isModified());
}

void TestMiddlewareEdit::catalogRules()
{
    // The catalog is the engine's, in its order, with the startproject entries marked.
    const auto& builtin = pipelab::django::middleware::builtinMiddleware();
    QCOMPARE(MiddlewareCatalog::entries().size(), builtin.size());
    int startproject = 0;
    for (std::size_t i = 0; i < builtin.size(); ++i) {
        const MiddlewareCatalog::Entry& entry = MiddlewareCatalog::entries()[i];
        QCOMPARE(entry.path.toStdString(), std::string(builtin[i].path));
        QCOMPARE(entry.explanation.toStdString(), std::string(builtin[i].explanation));
        startproject += entry.startproject ? 1 : 0;
    }
    QCOMPARE(startproject, 7);
    QCOMPARE(MiddlewareCatalog::find(kSession)->className, QStringLiteral("SessionMiddleware"));
    QVERIFY(MiddlewareCatalog::find(QStringLiteral("shop.middleware.Timing")) == nullptr);
    // A scenario's own middleware goes at the end.
    QCOMPARE(MiddlewareCatalog::suggestedRow({kSecurity, kSession}, QStringLiteral("shop.middleware.Timing")), 2);

    // The two cache halves the wrong way round around SessionMiddleware: FetchFromCache (row 0)
    // breaks two rules, SessionMiddleware (row 1) one.
    const auto problems = MiddlewareCatalog::orderingProblems({kFetchCache, kSession, kUpdateCache});
    QCOMPARE(problems.size(), std::size_t(3));
    QCOMPARE(problems[0].row, 0);
    QCOMPARE(problems[1].row, 0);
    QCOMPARE(problems[2].row, 1);
    QVERIFY(problems[2].message.startsWith(QLatin1String("SessionMiddleware is above UpdateCacheMiddleware")));
    QVERIFY(MiddlewareCatalog::orderingProblems({kUpdateCache, kSession, kFetchCache}).empty());
}

QTEST_MAIN(TestMiddlewareEdit)
#include "tst_middlewareedit.moc"
