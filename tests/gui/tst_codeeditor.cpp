// tst_codeeditor: the read-only code view — gutter numbering offset to YAML lines, jumping to a
// line (with column clamping), marked lines and diagnostic markers.
#include "gui/code/codeeditor.h"

#include <QTest>
#include <QTextBlock>

using pipelab::gui::CodeEditor;

class TestCodeEditor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void gutterCountsFromFirstLine();
    void goToLine_data();
    void goToLine();
    void markersAndMarkedLine();
    void gutterWidthFollowsDigits();
    void readOnlyAndMonospace();
};

void TestCodeEditor::gutterCountsFromFirstLine()
{
    CodeEditor editor;
    editor.setCode(QStringLiteral("def f(request):\n    x = 1\n    return x"), 61);
    QCOMPARE(editor.firstLineNumber(), 61);
    QCOMPARE(editor.lastLineNumber(), 63);
    QCOMPARE(editor.currentLineNumber(), 61);
    editor.setCode(QStringLiteral("one"), 0); // line numbers are 1-based; nonsense is clamped
    QCOMPARE(editor.firstLineNumber(), 1);
}

void TestCodeEditor::goToLine_data()
{
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("found");
    QTest::addColumn<int>("positionInBlock");

    QTest::newRow("first line") << 61 << 1 << true << 0;
    QTest::newRow("middle, column 5") << 62 << 5 << true << 4;
    QTest::newRow("column past the end is clamped") << 63 << 99 << true << 12;
    QTest::newRow("before the block") << 60 << 1 << false << 0;
    QTest::newRow("after the block") << 64 << 1 << false << 0;
}

void TestCodeEditor::goToLine()
{
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(bool, found);
    QFETCH(int, positionInBlock);

    CodeEditor editor;
    editor.setCode(QStringLiteral("def f(request):\n    x = 1\n    return x"), 61);
    QCOMPARE(editor.goToLine(line, column), found);
    if (found) {
        QCOMPARE(editor.currentLineNumber(), line);
        QCOMPARE(editor.textCursor().positionInBlock(), positionInBlock);
        QCOMPARE(editor.markedLine(), line);
    } else {
        QCOMPARE(editor.currentLineNumber(), 61);
        QCOMPARE(editor.markedLine(), 0);
    }
}

void TestCodeEditor::markersAndMarkedLine()
{
    CodeEditor editor;
    editor.setCode(QStringLiteral("a: 1\nb: 2\nc: 3\n"), 1);
    QCOMPARE(editor.extraSelections().size(), 0);
    editor.setLineMarkers({{2, CodeEditor::LineMarker::Kind::Error, QStringLiteral("bad b")},
                           {3, CodeEditor::LineMarker::Kind::Warning, QStringLiteral("odd c")},
                           {99, CodeEditor::LineMarker::Kind::Error, QStringLiteral("not in the text")}});
    QCOMPARE(editor.extraSelections().size(), 2); // a marker outside the text is kept but not drawn
    QCOMPARE(editor.extraSelections().at(0).cursor.block().text(), QStringLiteral("b: 2"));
    QCOMPARE(editor.extraSelections().at(0).format.background().color(), editor.theme().errorLine);
    QCOMPARE(editor.extraSelections().at(1).format.background().color(), editor.theme().warningLine);
    QVERIFY(editor.goToLine(1));
    QCOMPARE(editor.extraSelections().size(), 3);
    QCOMPARE(editor.extraSelections().at(2).cursor.block().text(), QStringLiteral("a: 1"));
    // New text forgets the marked line.
    editor.setCode(QStringLiteral("x"), 1);
    QCOMPARE(editor.markedLine(), 0);
}

void TestCodeEditor::gutterWidthFollowsDigits()
{
    CodeEditor editor;
    editor.setCode(QStringLiteral("x"), 1);
    const int narrow = editor.lineNumberAreaWidth();
    editor.setCode(QStringLiteral("x\ny"), 99999);
    QVERIFY(editor.lineNumberAreaWidth() > narrow);
    QCOMPARE(editor.findChild<QWidget*>(QStringLiteral("lineNumberArea"))->sizeHint().width(), editor.lineNumberAreaWidth());
}

void TestCodeEditor::readOnlyAndMonospace()
{
    CodeEditor editor;
    editor.setCode(QStringLiteral("text"), 5);
    QVERIFY(editor.isReadOnly());
    QVERIFY(QFontInfo(editor.font()).fixedPitch());
    QTest::keyClicks(&editor, QStringLiteral("typed"));
    QCOMPARE(editor.toPlainText(), QStringLiteral("text"));
}

QTEST_MAIN(TestCodeEditor)
#include "tst_codeeditor.moc"
