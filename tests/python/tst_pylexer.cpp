// Lexer: token kinds, INDENT/DEDENT, implicit joining, f-string bodies, positions, errors.
#include "sim/python/lexer.h"
#include "sim/python/syntaxerror.h"

#include <QtTest>

using namespace pipelab::py;

namespace {

// "Name:x Op:= Int:1 NL" style rendering of a token stream.
std::string render(const std::vector<Token>& tokens)
{
    std::string out;
    for (const Token& t : tokens) {
        if (!out.empty())
            out += ' ';
        switch (t.kind) {
        case TokenKind::Name: out += "N:" + t.text; break;
        case TokenKind::Int: out += "I:" + std::to_string(t.intValue); break;
        case TokenKind::Float: out += "F:" + t.text; break;
        case TokenKind::String: out += "S:" + t.text; break;
        case TokenKind::FString: out += "FS:" + t.text; break;
        case TokenKind::Op: out += t.text; break;
        case TokenKind::Newline: out += "NL"; break;
        case TokenKind::Indent: out += "IN"; break;
        case TokenKind::Dedent: out += "DE"; break;
        case TokenKind::EndOfFile: out += "EOF"; break;
        }
    }
    return out;
}

} // namespace

class TestPyLexer : public QObject {
    Q_OBJECT

private slots:
    void tokens_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");
        QTest::newRow("simple") << "x = 1\n" << "N:x = I:1 NL EOF";
        QTest::newRow("no trailing newline") << "x" << "N:x NL EOF";
        QTest::newRow("indent dedent") << "if a:\n    b\n    if c:\n        d\ne\n"
                                       << "N:if N:a : NL IN N:b NL N:if N:c : NL IN N:d NL DE DE N:e NL EOF";
        QTest::newRow("dedent at eof") << "def f():\n  return 1" << "N:def N:f ( ) : NL IN N:return I:1 NL DE EOF";
        QTest::newRow("blank and comment lines") << "a\n\n   # note\n\nb  # tail\n" << "N:a NL N:b NL EOF";
        QTest::newRow("implicit joining") << "f(1,\n      2)\n[3,\n4]\n" << "N:f ( I:1 , I:2 ) NL [ I:3 , I:4 ] NL EOF";
        QTest::newRow("backslash continuation") << "x = 1 + \\\n    2\n" << "N:x = I:1 + I:2 NL EOF";
        QTest::newRow("operators") << "a **= b // c != d <= e >> f := g -> h ... @ ~"
                                   << "N:a **= N:b // N:c != N:d <= N:e >> N:f := N:g -> N:h ... @ ~ NL EOF";
        QTest::newRow("numbers") << "0 42 1_000 0x1F 0o17 0b101 3.5 .5 1e3 2.5e-2 7."
                                 << "I:0 I:42 I:1000 I:31 I:15 I:5 F:3.5 F:.5 F:1e3 F:2.5e-2 F:7. NL EOF";
        QTest::newRow("strings") << R"('a' "b" 'it\'s' "tab\tx" r'raw\n' u'u' '\x41\u00e9')"
                                 << "S:a S:b S:it's S:tab\tx S:raw\\n S:u S:A\xc3\xa9 NL EOF";
        QTest::newRow("triple quoted") << "'''one\ntwo''' \"\"\"3\"\"\"" << "S:one\ntwo S:3 NL EOF";
        QTest::newRow("f-strings") << "f'{x:.2f} {y!r}' F\"{{a}}\" rf'\\d{z}'"
                                   << "FS:{x:.2f} {y!r} FS:{{a}} FS:\\d{z} NL EOF";
        QTest::newRow("keywords are names") << "not in is lambda" << "N:not N:in N:is N:lambda NL EOF";
    }

    void tokens()
    {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        const std::string src = source.toStdString();
        QCOMPARE(QString::fromStdString(render(Lexer(src).tokenize())), expected);
    }

    void positionsAreBlockRelative()
    {
        const auto tokens = Lexer("a = 1\nif a:\n    b = 'x'\n", {100, 5}, "views").tokenize();
        // tokens: a = 1 NL if a : NL IN b = 'x' NL DE EOF
        QCOMPARE(tokens[0].line, 1);
        QCOMPARE(tokens[0].column, 1);
        QCOMPARE(tokens[2].column, 5);
        QCOMPARE(tokens[9].text, std::string("b"));
        QCOMPARE(tokens[9].line, 3);
        QCOMPARE(tokens[9].column, 5);
        QCOMPARE(tokens[11].line, 3);
        QCOMPARE(tokens[11].column, 9);
    }

    void fstringBodyPosition()
    {
        const auto tokens = Lexer("x = f'ab{c}'\n").tokenize();
        QCOMPARE(tokens[2].kind, TokenKind::FString);
        QCOMPARE(tokens[2].column, 5);
        QCOMPARE(tokens[2].bodyLine, 1);
        QCOMPARE(tokens[2].bodyColumn, 7);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad dedent") << "if a:\n        b\n    c\n" << "views:13:5: unindent does not match any outer indentation level";
        QTest::newRow("unterminated") << "x = 'abc\n" << "views:11:5: unterminated string literal (detected at line 11)";
        QTest::newRow("unterminated triple") << "x = '''abc\n\n" << "views:11:5: unterminated triple-quoted string literal (detected at line 13)";
        QTest::newRow("never closed") << "f(1,\n  2\n" << "views:11:2: '(' was never closed";
        QTest::newRow("unmatched") << "x = 1)\n" << "views:11:6: unmatched ')'";
        QTest::newRow("mismatched") << "x = (1]\n" << "views:11:7: closing parenthesis ']' does not match opening parenthesis '('";
        QTest::newRow("invalid character") << "x = 1 $ 2\n" << "views:11:7: invalid character '$'";
        QTest::newRow("bytes") << "x = b'abc'\n" << "views:11:5: bytes literals are not supported in PipeLab scenarios";
        QTest::newRow("complex") << "x = 3j\n" << "views:11:5: complex numbers are not supported in PipeLab scenarios";
        QTest::newRow("leading zero") << "x = 012\n" << "views:11:5: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers";
        QTest::newRow("huge int") << "x = 99999999999999999999\n" << "views:11:5: integer literal too large (PipeLab integers are 64-bit)";
        QTest::newRow("continuation junk") << "x = 1 \\ 2\n" << "views:11:7: unexpected character after line continuation character";
    }

    void errors()
    {
        QFETCH(QString, source);
        QFETCH(QString, message);
        const std::string src = source.toStdString();
        try {
            Lexer(src, {11, 1}, "views").tokenize();
            QFAIL("expected a SyntaxError");
        } catch (const SyntaxError& e) {
            QCOMPARE(QString::fromStdString(e.what()), message);
        }
    }

    void indentationLimit()
    {
        std::string src;
        for (int i = 0; i <= Lexer::kMaxIndentLevels; ++i)
            src += std::string(static_cast<std::size_t>(i), ' ') + "if x:\n";
        src += std::string(Lexer::kMaxIndentLevels + 1, ' ') + "pass\n";
        try {
            Lexer(src).tokenize();
            QFAIL("expected a SyntaxError");
        } catch (const SyntaxError& e) {
            QCOMPARE(e.message(), std::string("too many levels of indentation"));
            QCOMPARE(e.line(), Lexer::kMaxIndentLevels + 2);
        }
    }
};

QTEST_GUILESS_MAIN(TestPyLexer)
#include "tst_pylexer.moc"
