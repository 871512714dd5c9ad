// tst_scenarioedit: the YAML patcher behind every GUI edit — MIDDLEWARE written as a block list,
// a flow list, or not at all (then Django's default is replaced by an explicit list), and code
// blocks replaced — gives exactly the expected file, every other byte untouched.
#include "gui/scenario/scenarioedit.h"

#include <QTest>

using pipelab::gui::ScenarioEdit;

namespace {

const QString kSecurity = QStringLiteral("django.middleware.security.SecurityMiddleware");
const QString kSession = QStringLiteral("django.contrib.sessions.middleware.SessionMiddleware");
const QString kCommon = QStringLiteral("django.middleware.common.CommonMiddleware");
const QString kAuth = QStringLiteral("django.contrib.auth.middleware.AuthenticationMiddleware");

} // namespace

class TestScenarioEdit : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void setMiddleware_data();
    void setMiddleware();
    void setMiddlewareRefusals_data();
    void setMiddlewareRefusals();
    void replaceBlock_data();
    void replaceBlock();
    void replaceBlockRefusals_data();
    void replaceBlockRefusals();
};

void TestScenarioEdit::setMiddleware_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QStringList>("middleware");
    QTest::addColumn<QString>("expected");

    const QString block = QStringLiteral(
        "format: 1\n"
        "settings:\n"
        "  DEBUG: true\n"
        "  MIDDLEWARE:\n"
        "    - django.middleware.security.SecurityMiddleware   # first\n"
        "    # sessions next\n"
        "    - django.contrib.sessions.middleware.SessionMiddleware\n"
        "    - django.middleware.common.CommonMiddleware\n"
        "views: |\n"
        "  x = 1\n");
    QTest::newRow("block list: move keeps each line's comment, comment lines stay put")
        << block << QStringList{kSession, kSecurity, kCommon}
        << QStringLiteral("format: 1\n"
                          "settings:\n"
                          "  DEBUG: true\n"
                          "  MIDDLEWARE:\n"
                          "    - django.contrib.sessions.middleware.SessionMiddleware\n"
                          "    # sessions next\n"
                          "    - django.middleware.security.SecurityMiddleware   # first\n"
                          "    - django.middleware.common.CommonMiddleware\n"
                          "views: |\n"
                          "  x = 1\n");
    QTest::newRow("block list: add at the end")
        << block << QStringList{kSecurity, kSession, kCommon, kAuth}
        << QStringLiteral("format: 1\n"
                          "settings:\n"
                          "  DEBUG: true\n"
                          "  MIDDLEWARE:\n"
                          "    - django.middleware.security.SecurityMiddleware   # first\n"
                          "    # sessions next\n"
                          "    - django.contrib.sessions.middleware.SessionMiddleware\n"
                          "    - django.middleware.common.CommonMiddleware\n"
                          "    - django.contrib.auth.middleware.AuthenticationMiddleware\n"
                          "views: |\n"
                          "  x = 1\n");
    QTest::newRow("block list: add in the middle")
        << block << QStringList{kSecurity, kAuth, kSession, kCommon}
        << QStringLiteral("format: 1\n"
                          "settings:\n"
                          "  DEBUG: true\n"
                          "  MIDDLEWARE:\n"
                          "    - django.middleware.security.SecurityMiddleware   # first\n"
                          "    # sessions next\n"
                          "    - django.contrib.auth.middleware.AuthenticationMiddleware\n"
                          "    - django.contrib.sessions.middleware.SessionMiddleware\n"
                          "    - django.middleware.common.CommonMiddleware\n"
                          "views: |\n"
                          "  x = 1\n");
    QTest::newRow("block list: remove")
        << block << QStringList{kSecurity, kCommon}
        << QStringLiteral("format: 1\n"
                          "settings:\n"
                          "  DEBUG: true\n"
                          "  MIDDLEWARE:\n"
                          "    - django.middleware.security.SecurityMiddleware   # first\n"
                          "    # sessions next\n"
                          "    - django.middleware.common.CommonMiddleware\n"
                          "views: |\n"
                          "  x = 1\n");
    QTest::newRow("block list: remove all gives []")
        << QStringLiteral("settings:\n  MIDDLEWARE:\n    - a.B\n    - c.D\nviews: |\n  x\n") << QStringList{}
        << QStringLiteral("settings:\n  MIDDLEWARE: []\nviews: |\n  x\n");
    QTest::newRow("block list: quoted entries, new one quoted alike, no final newline")
        << QStringLiteral("settings:\n  MIDDLEWARE:\n  - 'a.B'\n  - 'c.D'") << QStringList{QStringLiteral("c.D"), QStringLiteral("x.Y"), QStringLiteral("a.B")}
        << QStringLiteral("settings:\n  MIDDLEWARE:\n  - 'c.D'\n  - 'x.Y'\n  - 'a.B'");

    const QString flow = QStringLiteral("settings:\n  MIDDLEWARE: [\"a.B\", \"c.D\"]  # two\nviews: |\n  x\n");
    QTest::newRow("flow list: move") << flow << QStringList{QStringLiteral("c.D"), QStringLiteral("a.B")}
                                     << QStringLiteral("settings:\n  MIDDLEWARE: [\"c.D\", \"a.B\"]  # two\nviews: |\n  x\n");
    QTest::newRow("flow list: add") << flow << QStringList{QStringLiteral("a.B"), QStringLiteral("c.D"), QStringLiteral("e.F")}
                                    << QStringLiteral("settings:\n  MIDDLEWARE: [\"a.B\", \"c.D\", \"e.F\"]  # two\nviews: |\n  x\n");
    QTest::newRow("flow list: remove first") << flow << QStringList{QStringLiteral("c.D")}
                                             << QStringLiteral("settings:\n  MIDDLEWARE: [\"c.D\"]  # two\nviews: |\n  x\n");
    QTest::newRow("flow list: remove all") << flow << QStringList{}
                                           << QStringLiteral("settings:\n  MIDDLEWARE: []  # two\nviews: |\n  x\n");
    QTest::newRow("flow list: empty, add")
        << QStringLiteral("settings:\n  MIDDLEWARE: []\n") << QStringList{QStringLiteral("a.B"), QStringLiteral("c.D")}
        << QStringLiteral("settings:\n  MIDDLEWARE: [a.B, c.D]\n");
    QTest::newRow("flow list over lines keeps its lines")
        << QStringLiteral("settings:\n  MIDDLEWARE: [\n    a.B,\n    c.D,\n  ]\nviews: |\n  x\n")
        << QStringList{QStringLiteral("c.D"), QStringLiteral("a.B"), QStringLiteral("e.F")}
        << QStringLiteral("settings:\n  MIDDLEWARE: [\n    c.D,\n    a.B,\n    e.F,\n  ]\nviews: |\n  x\n");

    QTest::newRow("no settings: appended at the end, no line moves")
        << QStringLiteral("format: 1\n# the views\nviews: |\n  x = 1\n") << QStringList{kSession, kSecurity}
        << QStringLiteral("format: 1\n# the views\nviews: |\n  x = 1\n"
                          "settings:\n"
                          "  MIDDLEWARE:\n"
                          "    - django.contrib.sessions.middleware.SessionMiddleware\n"
                          "    - django.middleware.security.SecurityMiddleware\n");
    QTest::newRow("no settings, no final newline")
        << QStringLiteral("format: 1") << QStringList{QStringLiteral("a.B")}
        << QStringLiteral("format: 1\nsettings:\n  MIDDLEWARE:\n    - a.B\n");
    QTest::newRow("settings without MIDDLEWARE: first entry of settings")
        << QStringLiteral("settings:\n    # debug on\n    DEBUG: true\nviews: |\n  x\n") << QStringList{QStringLiteral("a.B")}
        << QStringLiteral("settings:\n    # debug on\n    MIDDLEWARE:\n      - a.B\n    DEBUG: true\nviews: |\n  x\n");
    QTest::newRow("flow settings without MIDDLEWARE")
        << QStringLiteral("settings: {DEBUG: true}\n") << QStringList{QStringLiteral("a.B")}
        << QStringLiteral("settings: {MIDDLEWARE: [a.B], DEBUG: true}\n");
    QTest::newRow("empty settings")
        << QStringLiteral("settings:\nviews: |\n  x\n") << QStringList{QStringLiteral("a.B")}
        << QStringLiteral("settings:\n  MIDDLEWARE:\n    - a.B\nviews: |\n  x\n");
    QTest::newRow("MIDDLEWARE with no value")
        << QStringLiteral("settings:\n  MIDDLEWARE:\n  DEBUG: true\n") << QStringList{QStringLiteral("a.B"), QStringLiteral("c.D")}
        << QStringLiteral("settings:\n  MIDDLEWARE:\n    - a.B\n    - c.D\n  DEBUG: true\n");
}

void TestScenarioEdit::setMiddleware()
{
    QFETCH(QString, yaml);
    QFETCH(QStringList, middleware);
    QFETCH(QString, expected);
    const ScenarioEdit::Result result = ScenarioEdit::setMiddleware(yaml, middleware);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.text, expected);
    // Writing the same list again changes nothing.
    QCOMPARE(ScenarioEdit::setMiddleware(result.text, middleware).text, expected);
}

void TestScenarioEdit::setMiddlewareRefusals_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("error");

    QTest::newRow("MIDDLEWARE is a string") << QStringLiteral("settings:\n  MIDDLEWARE: a.B\n")
                                            << QStringLiteral("MIDDLEWARE (line 2) is not a list");
    QTest::newRow("settings is a list") << QStringLiteral("settings: [1]\n")
                                        << QStringLiteral("'settings' (line 1) is not a mapping");
    QTest::newRow("two entries on a line")
        << QStringLiteral("settings:\n  MIDDLEWARE:\n    - - a.B\n")
        << QStringLiteral("MIDDLEWARE entries must be strings written one per line ('- path'); line 3 is not");
    QTest::newRow("not YAML") << QStringLiteral("settings: [\n") << QString();
    QTest::newRow("not a mapping") << QStringLiteral("- a\n") << QStringLiteral("the file is not a YAML mapping of scenario keys");
}

void TestScenarioEdit::setMiddlewareRefusals()
{
    QFETCH(QString, yaml);
    QFETCH(QString, error);
    const ScenarioEdit::Result result = ScenarioEdit::setMiddleware(yaml, {QStringLiteral("x.Y")});
    QVERIFY(!result.ok());
    QVERIFY(result.text.isEmpty());
    if (error.isEmpty())
        QVERIFY2(result.error.startsWith(QLatin1String("the file is not valid YAML")), qPrintable(result.error));
    else
        QCOMPARE(result.error, error);
}

void TestScenarioEdit::replaceBlock_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("expected");

    const QString file = QStringLiteral(
        "views: |\n"
        "  def a(request):\n"
        "\n"
        "      return 1\n"
        "\n"
        "# templates follow\n"
        "templates:\n"
        "  page.html: |-\n"
        "    <p>{{ x }}</p>\n"
        "  other.html: |\n"
        "    other\n");
    QTest::newRow("views: longer")
        << file << QStringLiteral("views") << QStringLiteral("def a(request):\n    x = 2\n\n    return x\n")
        << QStringLiteral("views: |\n"
                          "  def a(request):\n"
                          "      x = 2\n"
                          "\n"
                          "      return x\n"
                          "\n"
                          "# templates follow\n"
                          "templates:\n"
                          "  page.html: |-\n"
                          "    <p>{{ x }}</p>\n"
                          "  other.html: |\n"
                          "    other\n");
    QTest::newRow("views: shorter, no final newline")
        << file << QStringLiteral("views") << QStringLiteral("a = 1")
        << QStringLiteral("views: |\n"
                          "  a = 1\n"
                          "\n"
                          "# templates follow\n"
                          "templates:\n"
                          "  page.html: |-\n"
                          "    <p>{{ x }}</p>\n"
                          "  other.html: |\n"
                          "    other\n");
    QTest::newRow("template with strip chomping")
        << file << QStringLiteral("templates/page.html") << QStringLiteral("<h1>{{ x }}</h1>\n<p>y</p>")
        << QStringLiteral("views: |\n"
                          "  def a(request):\n"
                          "\n"
                          "      return 1\n"
                          "\n"
                          "# templates follow\n"
                          "templates:\n"
                          "  page.html: |-\n"
                          "    <h1>{{ x }}</h1>\n"
                          "    <p>y</p>\n"
                          "  other.html: |\n"
                          "    other\n");
    QTest::newRow("last template, end of file")
        << file << QStringLiteral("templates/other.html") << QStringLiteral("one\n  two\n")
        << QStringLiteral("views: |\n"
                          "  def a(request):\n"
                          "\n"
                          "      return 1\n"
                          "\n"
                          "# templates follow\n"
                          "templates:\n"
                          "  page.html: |-\n"
                          "    <p>{{ x }}</p>\n"
                          "  other.html: |\n"
                          "    one\n"
                          "      two\n");
}

void TestScenarioEdit::replaceBlock()
{
    QFETCH(QString, yaml);
    QFETCH(QString, key);
    QFETCH(QString, code);
    QFETCH(QString, expected);
    const ScenarioEdit::Result result = ScenarioEdit::replaceBlock(yaml, key, code);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.text, expected);
}

void TestScenarioEdit::replaceBlockRefusals_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("error");

    QTest::newRow("no such block") << QStringLiteral("views: |\n  x\n") << QStringLiteral("signals") << QStringLiteral("y")
                                   << QStringLiteral("the file has no block 'signals'");
    QTest::newRow("no such template") << QStringLiteral("templates:\n  a.html: |\n    x\n") << QStringLiteral("templates/b.html")
                                      << QStringLiteral("y") << QStringLiteral("the file has no block 'templates/b.html'");
    QTest::newRow("a one-line string") << QStringLiteral("views: \"x = 1\"\n") << QStringLiteral("views") << QStringLiteral("y")
                                       << QStringLiteral("'views' (line 1) is not a literal block ('|'); edit it in the Scenario tab");
    QTest::newRow("first line indented") << QStringLiteral("views: |\n  x\n") << QStringLiteral("views")
                                         << QStringLiteral("  y = 1\nz = 2\n")
                                         << QStringLiteral("the first line must not start with a space: YAML would take it "
                                                           "for the block's indentation");
    QTest::newRow("indentation indicator") << QStringLiteral("views: |2\n  x\n") << QStringLiteral("views") << QStringLiteral("y")
                                           << QStringLiteral("'views' has an explicit indentation indicator, which this "
                                                             "editor does not write");
}

void TestScenarioEdit::replaceBlockRefusals()
{
    QFETCH(QString, yaml);
    QFETCH(QString, key);
    QFETCH(QString, code);
    QFETCH(QString, error);
    const ScenarioEdit::Result result = ScenarioEdit::replaceBlock(yaml, key, code);
    QVERIFY(!result.ok());
    QCOMPARE(result.error, error);
}

QTEST_GUILESS_MAIN(TestScenarioEdit)
#include "tst_scenarioedit.moc"
