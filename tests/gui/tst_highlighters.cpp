// tst_highlighters: what colour each highlighter gives a piece of code — Python (keywords,
// builtins, strings across lines, f-string fields, comments, numbers, decorators, Django names),
// Django templates (tags, variables, filters, comments, HTML) and YAML (keys, scalars, and the
// languages embedded in block scalars).
#include "gui/code/djangotemplatehighlighter.h"
#include "gui/code/pythonhighlighter.h"
#include "gui/code/syntaxtheme.h"
#include "gui/code/yamlhighlighter.h"

#include <QApplication>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

#include <map>
#include <memory>

using namespace pipelab::gui;

namespace {

QTextCharFormat expectedFormat(const SyntaxTheme& t, const QString& role)
{
    const std::map<QString, QTextCharFormat> formats{
        {QStringLiteral("keyword"), t.keyword},       {QStringLiteral("builtin"), t.builtin},
        {QStringLiteral("constant"), t.constant},     {QStringLiteral("string"), t.string},
        {QStringLiteral("interpolation"), t.interpolation}, {QStringLiteral("comment"), t.comment},
        {QStringLiteral("decorator"), t.decorator},   {QStringLiteral("definition"), t.definition},
        {QStringLiteral("django"), t.django},         {QStringLiteral("self"), t.self},
        {QStringLiteral("delimiter"), t.templateDelimiter}, {QStringLiteral("tag"), t.templateTag},
        {QStringLiteral("variable"), t.templateVariable}, {QStringLiteral("filter"), t.templateFilter},
        {QStringLiteral("html"), t.htmlTag},          {QStringLiteral("attribute"), t.htmlAttribute},
        {QStringLiteral("key"), t.yamlKey},           {QStringLiteral("plain"), QTextCharFormat()},
    };
    return formats.at(role);
}

struct Found {
    bool found = false;
    bool uniform = true; // every character of the needle has the same format
    QTextCharFormat format;
};

// The format of the characters of `needle` on `line` (1-based).
Found formatOf(QTextDocument& document, int line, const QString& needle)
{
    const QTextBlock block = document.findBlockByNumber(line - 1);
    const auto start = block.text().indexOf(needle);
    if (start < 0)
        return {};
    Found result{true, true, {}};
    for (auto position = start; position < start + needle.size(); ++position) {
        QTextCharFormat at;
        for (const QTextLayout::FormatRange& range : block.layout()->formats()) {
            if (position >= range.start && position < range.start + range.length)
                at = range.format;
        }
        if (position > start && at != result.format)
            result.uniform = false;
        result.format = at;
    }
    return result;
}

} // namespace

class TestHighlighters : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void highlight_data();
    void highlight();
    void darkPaletteGivesDarkTheme();
};

void TestHighlighters::highlight_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("needle");
    QTest::addColumn<QString>("role");

    const QString py = QStringLiteral("python");
    QTest::newRow("py def") << py << "def dashboard(request):" << 1 << "def" << "keyword";
    QTest::newRow("py def name") << py << "def dashboard(request):" << 1 << "dashboard" << "definition";
    QTest::newRow("py parameter") << py << "def dashboard(request):" << 1 << "request" << "plain";
    QTest::newRow("py class name") << py << "class Order(models.Model):" << 1 << "Order" << "definition";
    QTest::newRow("py models") << py << "class Order(models.Model):" << 1 << "models" << "django";
    QTest::newRow("py models.Model") << py << "class Order(models.Model):" << 1 << "Model" << "django";
    QTest::newRow("py field") << py << "    name = models.CharField(max_length=100)" << 1 << "CharField" << "django";
    QTest::newRow("py number") << py << "    name = models.CharField(max_length=100)" << 1 << "100" << "constant";
    QTest::newRow("py float exp") << py << "x = 1.5e-3 + y" << 1 << "1.5e-3" << "constant";
    QTest::newRow("py builtin") << py << "n = len(items)  # count them" << 1 << "len" << "builtin";
    QTest::newRow("py comment") << py << "n = len(items)  # count them" << 1 << "# count them" << "comment";
    QTest::newRow("py hash in string") << py << "s = 'a # not a comment'" << 1 << "# not a comment" << "string";
    QTest::newRow("py method not builtin") << py << "qs.filter(status=1)" << 1 << "filter" << "plain";
    QTest::newRow("py f-string text") << py << "msg = f\"Hi {user.name}!\"" << 1 << "Hi " << "string";
    QTest::newRow("py f-string field") << py << "msg = f\"Hi {user.name}!\"" << 1 << "{user.name}" << "interpolation";
    QTest::newRow("py f-string escaped brace") << py << "msg = f\"{{literal}}\"" << 1 << "{{literal}}" << "string";
    QTest::newRow("py plain string braces") << py << "msg = \"{x}\"" << 1 << "{x}" << "string";
    QTest::newRow("py triple quote inside") << py << "doc = \"\"\"first\nsecond def\nend\"\"\"\nreturn 1" << 2 << "second def" << "string";
    QTest::newRow("py after triple quote") << py << "doc = \"\"\"first\nsecond def\nend\"\"\"\nreturn 1" << 4 << "return" << "keyword";
    QTest::newRow("py triple single") << py << "x = '''a\nb'''  # c" << 2 << "# c" << "comment";
    QTest::newRow("py decorator") << py << "@login_required\ndef v(request):" << 1 << "@login_required" << "decorator";
    QTest::newRow("py dotted decorator") << py << "@transaction.atomic\ndef v(request):" << 1 << "@transaction.atomic" << "decorator";
    QTest::newRow("py None") << py << "    return None" << 1 << "None" << "constant";
    QTest::newRow("py self") << py << "        self.get_response = get_response" << 1 << "self" << "self";
    QTest::newRow("py prelude name") << py << "    return render(request, 't.html')" << 1 << "render" << "django";
    QTest::newRow("py raw string") << py << "p = r'\\d+'" << 1 << "r'\\d+'" << "string";

    const QString dt = QStringLiteral("template");
    QTest::newRow("tpl delimiter") << dt << "{% for order in orders %}" << 1 << "{%" << "delimiter";
    QTest::newRow("tpl tag") << dt << "{% for order in orders %}" << 1 << "for" << "tag";
    QTest::newRow("tpl in") << dt << "{% for order in orders %}" << 1 << "in" << "keyword";
    QTest::newRow("tpl variable in tag") << dt << "{% for order in orders %}" << 1 << "orders" << "variable";
    QTest::newRow("tpl variable") << dt << "<td>{{ order.product.name|upper }}</td>" << 1 << "order.product.name" << "variable";
    QTest::newRow("tpl filter") << dt << "<td>{{ order.product.name|upper }}</td>" << 1 << "upper" << "filter";
    QTest::newRow("tpl html tag") << dt << "<td>{{ order.product.name|upper }}</td>" << 1 << "td" << "html";
    QTest::newRow("tpl comment") << dt << "<p>{# a note #}</p>" << 1 << "{# a note #}" << "comment";
    QTest::newRow("tpl attribute") << dt << "<td class=\"num\">" << 1 << "class" << "attribute";
    QTest::newRow("tpl attribute value") << dt << "<td class=\"num\">" << 1 << "\"num\"" << "string";
    QTest::newRow("tpl tag in attribute") << dt << "<a href=\"{% url 'home' %}\">" << 1 << "url" << "tag";
    QTest::newRow("tpl string argument") << dt << "<a href=\"{% url 'home' %}\">" << 1 << "'home'" << "string";
    QTest::newRow("tpl comment block") << dt << "{% comment %}\n<b>hidden</b>\n{% endcomment %}" << 2 << "<b>hidden</b>" << "comment";
    QTest::newRow("tpl after comment block") << dt << "{% comment %}\n<b>hidden</b>\n{% endcomment %}<i>" << 3 << "endcomment" << "tag";
    QTest::newRow("tpl html comment") << dt << "<!-- one\ntwo -->\n<p>" << 2 << "two -->" << "comment";
    QTest::newRow("tpl tag across lines") << dt << "<a\n  href=\"x\">" << 2 << "href" << "attribute";

    const QString yaml = QStringLiteral("yaml");
    QTest::newRow("yaml key") << yaml << "name: \"Shop\"" << 1 << "name" << "key";
    QTest::newRow("yaml quoted") << yaml << "name: \"Shop\"" << 1 << "\"Shop\"" << "string";
    QTest::newRow("yaml number") << yaml << "count: 50" << 1 << "50" << "constant";
    QTest::newRow("yaml bool") << yaml << "DEBUG: true" << 1 << "true" << "constant";
    QTest::newRow("yaml plain") << yaml << "app_label: shop" << 1 << "shop" << "string";
    QTest::newRow("yaml comment") << yaml << "a: 1 # why" << 1 << "# why" << "comment";
    QTest::newRow("yaml flow key") << yaml << "status: {cycle: [paid, refunded]}" << 1 << "cycle" << "key";
    QTest::newRow("yaml flow item") << yaml << "status: {cycle: [paid, refunded]}" << 1 << "refunded" << "string";
    QTest::newRow("yaml list request") << yaml << "requests:\n  - \"GET /dashboard/\"" << 2 << "\"GET /dashboard/\"" << "string";
    QTest::newRow("yaml python block") << yaml << "views: |\n  def f(request):\n      return 1\nurls: |" << 2 << "def" << "keyword";
    QTest::newRow("yaml python block name") << yaml << "views: |\n  def show(request):\n      return 1\nurls: |" << 2 << "show" << "definition";
    QTest::newRow("yaml after block") << yaml << "views: |\n  def f(request):\n      return 1\nurls: |" << 4 << "urls" << "key";
    QTest::newRow("yaml blank line in block") << yaml << "models: |\n  x = 1\n\n  class A(models.Model):" << 4 << "class" << "keyword";
    QTest::newRow("yaml template block") << yaml << "templates:\n  a.html: |\n    {{ x|upper }}" << 3 << "upper" << "filter";
    QTest::newRow("yaml markdown block") << yaml << "description: |\n  def not python\n" << 2 << "def not python" << "string";
    QTest::newRow("yaml not templates") << yaml << "templates:\n  a.html: |\n    x\nlesson:\n  - say: |\n      {{ y }}" << 6 << "{{ y }}" << "string";
    QTest::newRow("yaml patch views") << yaml << "lesson:\n  - patch:\n      views: |\n        return 1" << 4 << "return" << "keyword";
}

void TestHighlighters::highlight()
{
    QFETCH(QString, language);
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(QString, needle);
    QFETCH(QString, role);

    const SyntaxTheme theme = SyntaxTheme::fromPalette(QApplication::palette());
    QTextDocument document;
    std::unique_ptr<QSyntaxHighlighter> highlighter;
    if (language == QLatin1String("python"))
        highlighter = std::make_unique<PythonHighlighter>(&document, theme);
    else if (language == QLatin1String("template"))
        highlighter = std::make_unique<DjangoTemplateHighlighter>(&document, theme);
    else
        highlighter = std::make_unique<YamlHighlighter>(&document, theme);
    document.setPlainText(text);
    highlighter->rehighlight();

    const Found actual = formatOf(document, line, needle);
    QVERIFY2(actual.found, "needle not found");
    QVERIFY2(actual.uniform, "the needle's characters are not coloured alike");
    const QTextCharFormat expected = expectedFormat(theme, role);
    QCOMPARE(actual.format.foreground().color(), expected.foreground().color());
    QCOMPARE(actual.format.fontItalic(), expected.fontItalic());
    QCOMPARE(actual.format.fontWeight(), expected.fontWeight());
}

void TestHighlighters::darkPaletteGivesDarkTheme()
{
    QPalette light;
    light.setColor(QPalette::Base, Qt::white);
    light.setColor(QPalette::Text, Qt::black);
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xdd, 0xdd, 0xdd));
    QVERIFY(!SyntaxTheme::isDark(light));
    QVERIFY(SyntaxTheme::isDark(dark));
    const SyntaxTheme onLight = SyntaxTheme::fromPalette(light);
    const SyntaxTheme onDark = SyntaxTheme::fromPalette(dark);
    // Keywords are lighter on a dark background, and comments sit between text and base.
    QVERIFY(onDark.keyword.foreground().color().lightness() > onLight.keyword.foreground().color().lightness());
    const int commentOnDark = onDark.comment.foreground().color().lightness();
    QVERIFY(commentOnDark > 0x1e && commentOnDark < 0xdd);
}

QTEST_MAIN(TestHighlighters)
#include "tst_highlighters.moc"
