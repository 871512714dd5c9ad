// tst_codeannotations: what the code panes add on top of the text — query badges computed from a
// real run of the default scenario (templates/dashboard.html line 70 → ×500), the executing line,
// in-place editing applied as an undoable edit of the YAML, and syntax errors shown at their line.
#include "gui/code/codeeditor.h"
#include "gui/scenario/scenariodocument.h"
#include "tracefixture.h"

#include <QAction>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QUndoStack>

#include <cstdlib>

using pipelab::gui::CodeEditor;
using pipelab::gui::ScenarioDocument;

namespace {

const pipelab::scenario::CodeBlock& dashboardTemplate(const ScenarioDocument& document)
{
    return document.scenario()->templates.front().source;
}

// Where `line` is in the viewport (and the gutter, which shares its y coordinates).
QRect lineRect(const CodeEditor& editor, int line)
{
    QTextCursor cursor(editor.document()->findBlockByNumber(line - editor.firstLineNumber()));
    const QRect start = editor.cursorRect(cursor);
    cursor.movePosition(QTextCursor::EndOfBlock);
    return QRect(start.topLeft(), QPoint(editor.cursorRect(cursor).right(), start.bottom()));
}

// Does the gutter show the badge colour on `line`'s row?
bool gutterShowsBadge(CodeEditor& editor, int line)
{
    QWidget* gutter = editor.findChild<QWidget*>(QStringLiteral("lineNumberArea"));
    const QImage image = gutter->grab().toImage();
    const int y = lineRect(editor, line).center().y() * image.height() / gutter->height();
    const QColor badge = editor.theme().badge;
    for (int x = 0; x < image.width() / 2; ++x) {
        if (QColor(image.pixel(x, y)) == badge)
            return true;
    }
    return false;
}

} // namespace

class TestCodeAnnotations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void badgesForTheDefaultScenario();
    void badgesInTheGutter();
    void executingLine();
    void applyEditsTheYaml();
    void syntaxErrorsInline_data();
    void syntaxErrorsInline();
    void refusedEditShowsWhy();
    void diagnosticsOnTheirLines();
};

void TestCodeAnnotations::badgesForTheDefaultScenario()
{
    const pipelab::trace::Trace trace = tracefixture::run(tracefixture::readFile(tracefixture::defaultScenarioPath()));
    QCOMPARE(trace.requests.size(), std::size_t(1));
    const QMap<int, int> badges = CodeEditor::queryBadges(trace.requests.front(), QStringLiteral("templates/dashboard.html"));
    QCOMPARE(badges, (QMap<int, int>{{69, 1}, {70, 500}}));
    QVERIFY(CodeEditor::queryBadges(trace.requests.front(), QStringLiteral("views")).isEmpty());
    // A key that is a prefix of another must not match it.
    QVERIFY(CodeEditor::queryBadges(trace.requests.front(), QStringLiteral("templates/dashboard")).isEmpty());
}

void TestCodeAnnotations::badgesInTheGutter()
{
    ScenarioDocument document;
    QVERIFY(document.load(tracefixture::defaultScenarioPath()));
    const auto& block = dashboardTemplate(document);
    CodeEditor editor;
    editor.resize(700, 300);
    editor.setCode(QString::fromStdString(block.text), block.pos.line);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    const int plainWidth = editor.lineNumberAreaWidth();

    const pipelab::trace::Trace trace = tracefixture::run(tracefixture::readFile(tracefixture::defaultScenarioPath()));
    editor.setLineBadges(CodeEditor::queryBadges(trace.requests.front(), QStringLiteral("templates/dashboard.html")));
    QCOMPARE(editor.lineBadges().value(70), 500);
    QVERIFY(editor.lineNumberAreaWidth() > plainWidth + editor.fontMetrics().horizontalAdvance(QStringLiteral("×500")));
    QVERIFY(gutterShowsBadge(editor, 70));
    QVERIFY(gutterShowsBadge(editor, 69));
    QVERIFY(!gutterShowsBadge(editor, 68));

    // The gutter's tooltip reads the count out.
    const QPoint at(5, lineRect(editor, 70).center().y());
    QCOMPARE(editor.toolTipForGutterPosition(at), QStringLiteral("500 SQL queries sent from this line"));

    editor.setLineBadges({});
    QCOMPARE(editor.lineNumberAreaWidth(), plainWidth);
    QVERIFY(!gutterShowsBadge(editor, 70));
}

void TestCodeAnnotations::executingLine()
{
    CodeEditor editor;
    QString text;
    for (int i = 0; i < 200; ++i)
        text += QStringLiteral("x = %1\n").arg(i);
    editor.setCode(text, 61);
    editor.resize(400, 200);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));

    QVERIFY(editor.setExecutingLine(230));
    QCOMPARE(editor.executingLine(), 230);
    QCOMPARE(editor.currentLineNumber(), 61); // the cursor stays
    const QColor executing = editor.theme().executingLine;
    const auto selections = editor.extraSelections();
    QCOMPARE(selections.size(), 1);
    QCOMPARE(selections.front().cursor.blockNumber(), 230 - 61);
    QCOMPARE(selections.front().format.background().color(), executing);
    // Scrolled into view.
    const QRect where = lineRect(editor, 230);
    QVERIFY(where.top() >= 0 && where.bottom() <= editor.viewport()->height());

    QVERIFY(!editor.setExecutingLine(20)); // before the block: cleared
    QCOMPARE(editor.executingLine(), 0);
    QVERIFY(editor.extraSelections().isEmpty());
}

void TestCodeAnnotations::applyEditsTheYaml()
{
    ScenarioDocument document;
    QVERIFY(document.load(tracefixture::defaultScenarioPath()));
    QUndoStack stack;
    const QString original = document.text();
    const auto& views = *document.scenario()->views;
    CodeEditor editor;
    editor.setLanguage(CodeEditor::Language::Python);
    editor.setCode(QString::fromStdString(views.text), views.pos.line);
    QVERIFY(editor.isReadOnly());
    QVERIFY(!editor.applyAction()->isEnabled());
    editor.setEditTarget(&document, &stack, QStringLiteral("views"));
    QVERIFY(!editor.isReadOnly());

    QString code = editor.toPlainText();
    code.replace(QStringLiteral("filter(status=\"paid\")"), QStringLiteral("filter(status=\"paid\").select_related(\"product\")"));
    editor.setPlainText(code);
    editor.document()->setModified(true);
    QVERIFY(editor.applyAction()->isEnabled());
    QSignalSpy applied(&editor, &CodeEditor::applied);
    QSignalSpy loaded(&document, &ScenarioDocument::loaded);
    editor.show();
    editor.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&editor));
    editor.setFocus();
    QTest::keyClick(&editor, Qt::Key_Return, Qt::ControlModifier); // the Apply shortcut
    QCOMPARE(applied.count(), 1);
    QCOMPARE(loaded.count(), 1);

    QString expected = original;
    expected.replace(QStringLiteral("      orders = Order.objects.filter(status=\"paid\")\n      return"),
                     QStringLiteral("      orders = Order.objects.filter(status=\"paid\").select_related(\"product\")\n      return"));
    QVERIFY(expected != original);
    QCOMPARE(document.text(), expected);
    QVERIFY(document.isModified());
    QVERIFY(editor.lineMarkers().empty());
    QVERIFY(!editor.applyAction()->isEnabled());
    QCOMPARE(stack.undoText(), QStringLiteral("Edit views"));

    // The re-run sees the fix: one query.
    const pipelab::trace::Trace trace = tracefixture::run(document.text().toUtf8());
    QCOMPARE(trace.requests.front().queries.size(), std::size_t(1));

    stack.undo();
    QCOMPARE(document.text(), original);
    stack.redo();
    QCOMPARE(document.text(), expected);
}

void TestCodeAnnotations::syntaxErrorsInline_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("messageStart");

    QTest::newRow("python: missing colon") << QStringLiteral("views")
                                           << QStringLiteral("def dashboard(request)\n    return 1\n") << 61
                                           << QStringLiteral("SyntaxError: ");
    QTest::newRow("python: second line") << QStringLiteral("views")
                                         << QStringLiteral("def dashboard(request):\n    return )\n") << 62
                                         << QStringLiteral("SyntaxError: ");
    QTest::newRow("template: unclosed for") << QStringLiteral("templates/dashboard.html")
                                            << QStringLiteral("<h1>x</h1>\n{% for o in orders %}\n{{ o }}\n") << 68
                                            << QStringLiteral("TemplateSyntaxError: ");
}

void TestCodeAnnotations::syntaxErrorsInline()
{
    QFETCH(QString, key);
    QFETCH(QString, code);
    QFETCH(int, line);
    QFETCH(QString, messageStart);

    ScenarioDocument document;
    QVERIFY(document.load(tracefixture::defaultScenarioPath()));
    QUndoStack stack;
    const int first = key == QLatin1String("views") ? document.scenario()->views->pos.line : dashboardTemplate(document).pos.line;
    CodeEditor editor;
    editor.setCode(QStringLiteral("placeholder"), first);
    editor.setEditTarget(&document, &stack, key);
    editor.setPlainText(code);
    editor.resize(900, 300);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QVERIFY(editor.apply()); // applied anyway: the run reports the error too
    QCOMPARE(stack.count(), 1);
    QCOMPARE(editor.lineMarkers().size(), std::size_t(1));
    const CodeEditor::LineMarker& marker = editor.lineMarkers().front();
    QCOMPARE(marker.line, line);
    QCOMPARE(marker.kind, CodeEditor::LineMarker::Kind::Error);
    QVERIFY2(marker.message.startsWith(messageStart), qPrintable(marker.message));

    // Written after the line in the error colour: some pixel right of the text has it.
    const QImage image = editor.viewport()->grab().toImage();
    const QRect where = lineRect(editor, line);
    const QColor error = editor.theme().errorMarker;
    bool found = false;
    for (int x = where.right() + 10; x < image.width() && !found; ++x) {
        for (int y = where.top(); y <= where.bottom() && !found; ++y)
        {
            const QColor c(image.pixel(x, y));
            found = std::abs(c.red() - error.red()) < 40 && std::abs(c.green() - error.green()) < 40 &&
                    std::abs(c.blue() - error.blue()) < 40;
        }
    }
    QVERIFY(found);
}

void TestCodeAnnotations::refusedEditShowsWhy()
{
    ScenarioDocument document;
    QVERIFY(document.load(tracefixture::defaultScenarioPath()));
    QUndoStack stack;
    const QString original = document.text();
    CodeEditor editor;
    editor.setCode(QStringLiteral("x"), 61);
    editor.setEditTarget(&document, &stack, QStringLiteral("views"));
    editor.setPlainText(QStringLiteral("    indented = 1\n"));
    QVERIFY(!editor.apply());
    QCOMPARE(document.text(), original);
    QCOMPARE(stack.count(), 0);
    QCOMPARE(editor.lineMarkers().size(), std::size_t(1));
    QCOMPARE(editor.lineMarkers().front().line, 61);
    QCOMPARE(editor.lineMarkers().front().message,
             QStringLiteral("the first line must not start with a space: YAML would take it for the block's indentation"));
}

void TestCodeAnnotations::diagnosticsOnTheirLines()
{
    using pipelab::scenario::Diagnostic;
    CodeEditor editor;
    editor.setCode(QStringLiteral("a\nb\nc\n"), 61);
    editor.setEditTarget(nullptr, nullptr, QString());
    editor.setDiagnostics({{Diagnostic::Severity::Error, "f.yaml", {62, 5}, "NameError: name 'x' is not defined"},
                           {Diagnostic::Severity::Warning, "f.yaml", {10, 1}, "elsewhere"},
                           {Diagnostic::Severity::Warning, "f.yaml", {63, 1}, "setting is not simulated"}});
    QCOMPARE(editor.lineMarkers().size(), std::size_t(2));
    QCOMPARE(editor.lineMarkers()[0].line, 62);
    QCOMPARE(editor.lineMarkers()[0].kind, CodeEditor::LineMarker::Kind::Error);
    QCOMPARE(editor.lineMarkers()[1].message, QStringLiteral("setting is not simulated"));
}

QTEST_MAIN(TestCodeAnnotations)
#include "tst_codeannotations.moc"
