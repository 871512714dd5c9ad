// tst_templateparser: the template lexer and parser against real Django 3.2. The `parse` rows are
// the output of oracle/template_oracle.py (regenerate with
// /usr/bin/python3 tests/django/template/oracle/template_oracle.py): Django's node tree in the
// dump notation, or its TemplateSyntaxError message with the line its debug page reports.
#include "sim/django/template/lexer.h"
#include "sim/django/template/parser.h"
#include "sim/django/template/templatedump.h"
#include "sim/django/template/templatesyntaxerror.h"

#include <QtTest>

using namespace pipelab::django::templates;

namespace {

QString parseResult(const QString& source)
{
    ParseOptions options;
    options.templateName = "shop/page.html";
    try {
        return QString::fromStdString(dumpNodeList(parseTemplate(source.toStdString(), options)));
    } catch (const TemplateSyntaxError& e) {
        return QString::fromStdString("error@" + std::to_string(e.line()) + ": " + e.what());
    }
}

QString errorOf(const std::string& source, const ParseOptions& options = {})
{
    try {
        parseTemplate(source, options);
    } catch (const TemplateSyntaxError& e) {
        return QString::fromStdString("error@" + std::to_string(e.line()) + ": " + e.what());
    }
    return QStringLiteral("parsed");
}

} // namespace

class TestTemplateParser : public QObject {
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void lexerTokensAndLines();
    void verbatimLexing();
    void smartSplitKeepsQuotes();
    void relativeInclude();
    void unsimulatedTagsAreReported();
    void unsimulatedLibraryIsReported();
    void errorLineMapsToSourceFile();
    void deepNestingIsReported();
    void deepIfExpressionIsReported();
    void pathologicalInputIsLinear();
};

void TestTemplateParser::parse_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::newRow("text only") << QString("Hello\nworld") << QString("[T@1'Hello\\nworld']");
    QTest::newRow("variable") << QString("Hi {{ user.name }}!") << QString("[T@1'Hi ' V@1(L[user,name]) T@1'!']");
    QTest::newRow("filters") << QString("{{ value|default:\"nothing\"|upper }}") << QString("[V@1(L[value]|default:S'nothing'|upper)]");
    QTest::newRow("filter var arg") << QString("{{ items|join:sep|length }}") << QString("[V@1(L[items]|join:L[sep]|length)]");
    QTest::newRow("date filter") << QString("{{ created|date:\"Y-m-d\" }}") << QString("[V@1(L[created]|date:S'Y-m-d')]");
    QTest::newRow("numbers") << QString("{{ 5 }}{{ -2.5 }}{{ 1e3 }}{{ \"a\\\"b\" }}") << QString("[V@1(I5) V@1(F-2.5) V@1(F1000.0) V@1(S'a\"b')]");
    QTest::newRow("i18n literal") << QString("{{ _(\"Hello\") }}{{ x|default:_(\"none\") }}") << QString("[V@1(_S'Hello') V@1(L[x]|default:S'none')]");
    QTest::newRow("spaces around pipe") << QString("{{ a | lower }}") << QString("[V@1(L[a]|lower)]");
    QTest::newRow("for") << QString("{% for o in orders %}\n<li>{{ o.id }}</li>\n{% endfor %}") << QString("[For@1(o in L[orders])[T@1'\\n<li>' V@2(L[o,id]) T@2'</li>\\n']]");
    QTest::newRow("for unpack reversed empty") << QString("{% for k, v in d.items reversed %}{{ k }}{% empty %}none{% endfor %}") << QString("[For@1(k,v in L[d,items] reversed)[V@1(L[k])][T@1'none']]");
    QTest::newRow("for comma forms") << QString("{% for a ,b in x %}{% endfor %}{% for a,b,c in y %}{% endfor %}") << QString("[For@1(a,b in L[x])[] For@1(a,b,c in L[y])[]]");
    QTest::newRow("if elif else") << QString("{% if a %}A{% elif b %}B{% else %}C{% endif %}") << QString("[If@1{L[a]}[T@1'A']{L[b]}[T@1'B']{else}[T@1'C']]");
    QTest::newRow("if precedence") << QString("{% if a or b and not c %}x{% endif %}") << QString("[If@1{(or L[a] (and L[b] (not L[c])))}[T@1'x']]");
    QTest::newRow("if comparisons") << QString("{% if a == 1 and b != \"x\" or c >= d|length %}x{% endif %}") << QString("[If@1{(or (and (== L[a] I1) (!= L[b] S'x')) (>= L[c] L[d]|length))}[T@1'x']]");
    QTest::newRow("if in not in is") << QString("{% if a in b %}{% endif %}{% if a not in b %}{% endif %}{% if a is not None %}{% endif %}") << QString("[If@1{(in L[a] L[b])}[] If@1{(not in L[a] L[b])}[] If@1{(is not L[a] L[None])}[]]");
    QTest::newRow("if not chain") << QString("{% if not not a %}{% endif %}{% if a < b <= c %}{% endif %}") << QString("[If@1{(not (not L[a]))}[] If@1{(<= (< L[a] L[b]) L[c])}[]]");
    QTest::newRow("with") << QString("{% with total=business.employees.count %}{{ total }}{% endwith %}") << QString("[With@1(total=L[business,employees,count])[V@1(L[total])]]");
    QTest::newRow("with legacy") << QString("{% with business.employees.count as total %}{{ total }}{% endwith %}") << QString("[With@1(total=L[business,employees,count])[V@1(L[total])]]");
    QTest::newRow("with two") << QString("{% with a=1 b=\"x\" %}{% endwith %}{% with x as y and z as w %}{% endwith %}") << QString("[With@1(a=I1,b=S'x')[] With@1(y=L[x],w=L[z])[]]");
    QTest::newRow("include") << QString("{% include \"nav.html\" %}{% include tpl with a=1 b=c only %}") << QString("[Include@1(S'nav.html') Include@1(L[tpl] with a=I1,b=L[c] only)]");
    QTest::newRow("extends blocks") << QString("{% extends \"base.html\" %}\n{% block content %}{{ block.super }}hi{% endblock content %}") << QString("[Extends@1(S'base.html')[T@1'\\n' Block@2(content)[V@2(L[block,super]) T@2'hi']]]");
    QTest::newRow("url") << QString("{% url \"detail\" o.pk %}{% url \"shop:list\" page=2 as the_url %}{% url name %}") << QString("[Url@1(S'detail' args=L[o,pk] kwargs= as=None) Url@1(S'shop:list' args= kwargs=page=I2 as=the_url) Url@1(L[name] args= kwargs= as=None)]");
    QTest::newRow("csrf load cache") << QString("{% load cache %}{% csrf_token %}{% cache 500 sidebar request.user.username %}x{% endcache %}") << QString("[Load@1 Csrf@1 Cache@1(I500 sidebar vary=L[request,user,username] using=None)[T@1'x']]");
    QTest::newRow("cache using") << QString("{% load cache %}{% cache timeout frag a b using=\"local\" %}y{% endcache %}") << QString("[Load@1 Cache@1(L[timeout] frag vary=L[a],L[b] using=S'local')[T@1'y']]");
    QTest::newRow("comments") << QString("a{# inline #}b{% comment \"why\" %}{{ ignored }}{% endcomment %}c") << QString("[T@1'a' T@1'b' Comment@1 T@1'c']");
    QTest::newRow("spaceless now firstof") << QString("{% spaceless %} <p> x </p> {% endspaceless %}{% now \"Y\" %}{% now \"jS\" as d %}{% firstof a b \"c\" %}{% firstof a as v %}") << QString("[Spaceless@1[T@1' <p> x </p> '] Now@1('Y' as=None) Now@1('jS' as=d) FirstOf@1(L[a],L[b],S'c' as=None) FirstOf@1(L[a] as=v)]");
    QTest::newRow("cycle") << QString("{% for i in l %}{% cycle \"odd\" \"even\" %}{% cycle a b as c silent %}{% cycle c %}{% endfor %}") << QString("[For@1(i in L[l])[Cycle@1(S'odd',S'even' as=None silent=False) Cycle@1(L[a],L[b] as=c silent=True) Cycle@1(L[a],L[b] as=c silent=True)]]");
    QTest::newRow("autoescape") << QString("{% autoescape off %}{{ x }}{% endautoescape %}") << QString("[Autoescape@1(off)[V@1(L[x])]]");
    QTest::newRow("verbatim") << QString("{% verbatim %}{{ raw }}{% if %}{% endverbatim %}{{ after }}") << QString("[Verbatim@1('{{ raw }}{% if %}') V@1(L[after])]");
    QTest::newRow("verbatim named") << QString("{% verbatim v1 %}{% endverbatim %}{% endverbatim v1 %}") << QString("[Verbatim@1('{% endverbatim %}')]");
    QTest::newRow("lines") << QString("a\n{{ b }}\n\n{% if c %}\n{{ d }}{% endif %}\n") << QString("[T@1'a\\n' V@2(L[b]) T@2'\\n\\n' If@4{L[c]}[T@4'\\n' V@5(L[d])] T@5'\\n']");
    QTest::newRow("tag across lines is text") << QString("{{ a\n}} {% if\nx %}") << QString("[T@1'{{ a\\n}} {% if\\nx %}']");
    QTest::newRow("unbalanced braces") << QString("{{ a }}} {{{ b }}") << QString("error@1: Could not parse the remainder: '{ b' from '{ b'");
    QTest::newRow("dashboard") << QString("<h1>Paid orders</h1>\n<table>\n{% for order in orders %}\n  <tr><td>{{ order.id }}</td><td>{{ order.product.name }}</td></tr>\n{% endfor %}\n</table>\n") << QString("[T@1'<h1>Paid orders</h1>\\n<table>\\n' For@3(order in L[orders])[T@3'\\n  <tr><td>' V@4(L[order,id]) T@4'</td><td>' V@4(L[order,product,name]) T@4'</td></tr>\\n'] T@5'\\n</table>\\n']");
    QTest::newRow("err unknown tag") << QString("a\nb\n{% foo %}") << QString("error@3: Invalid block tag on line 3: 'foo'. Did you forget to register or load this tag?");
    QTest::newRow("err unknown tag in block") << QString("{% if a %}\n{% foo %}\n{% endif %}") << QString("error@2: Invalid block tag on line 2: 'foo', expected 'elif', 'else' or 'endif'. Did you forget to register or load this tag?");
    QTest::newRow("err unclosed for") << QString("x\n{% for a in b %}\n{{ a }}") << QString("error@2: Unclosed tag on line 2: 'for'. Looking for one of: empty, endfor.");
    QTest::newRow("err unclosed if") << QString("{% if a %}{% else %}") << QString("error@1: Unclosed tag on line 1: 'if'. Looking for one of: endif.");
    QTest::newRow("err unknown filter") << QString("{{ a }}\n{{ a|foo }}") << QString("error@2: Invalid filter: 'foo'");
    QTest::newRow("err remainder") << QString("{{ a b }}") << QString("error@1: Could not parse the remainder: ' b' from 'a b'");
    QTest::newRow("err remainder 2") << QString("{{ a|default:\"x\" y }}") << QString("error@1: Could not parse the remainder: ' y' from 'a|default:\"x\" y'");
    QTest::newRow("err parse some characters") << QString("{{ a|upper \"x\" }}") << QString("error@1: Could not parse the remainder: ' \"x\"' from 'a|upper \"x\"'");
    QTest::newRow("err empty variable") << QString("x\n{{ }}") << QString("error@2: Empty variable tag on line 2");
    QTest::newRow("err empty block") << QString("{% %}") << QString("error@1: Empty block tag on line 1");
    QTest::newRow("err underscore") << QString("{{ a._b }}") << QString("error@1: Variables and attributes may not begin with underscores: 'a._b'");
    QTest::newRow("err filter arity") << QString("{{ a|default }}") << QString("error@1: default requires 2 arguments, 1 provided");
    QTest::newRow("err filter arity 2") << QString("{{ a|upper:\"x\" }}") << QString("error@1: upper requires 1 arguments, 2 provided");
    QTest::newRow("err for args") << QString("{% for x in %}{% endfor %}") << QString("error@1: 'for' statements should have at least four words: for x in");
    QTest::newRow("err for format") << QString("{% for x of y %}{% endfor %}") << QString("error@1: 'for' statements should use the format 'for x in y': for x of y");
    QTest::newRow("err for var") << QString("{% for x| in y %}{% endfor %}") << QString("error@1: 'for' tag received an invalid argument: for x| in y");
    QTest::newRow("err if end") << QString("{% if %}{% endif %}") << QString("error@1: Unexpected end of expression in if tag.");
    QTest::newRow("err if unused") << QString("{% if a b %}{% endif %}") << QString("error@1: Unused 'b' at end of if expression.");
    QTest::newRow("err if not expecting") << QString("{% if and a %}{% endif %}") << QString("error@1: Not expecting 'and' in this position in if tag.");
    QTest::newRow("err if infix") << QString("{% if a not b %}{% endif %}") << QString("error@1: Not expecting 'not' as infix operator in if tag.");
    QTest::newRow("err endif stray") << QString("{% endif %}") << QString("error@1: Invalid block tag on line 1: 'endif'. Did you forget to register or load this tag?");
    QTest::newRow("err load") << QString("{% load nope %}") << QString("error@1: 'nope' is not a registered tag library. Must be one of:\nadmin_list\nadmin_modify\nadmin_urls\ncache\ni18n\nl10n\nlog\nstatic\ntz");
    QTest::newRow("err cache args") << QString("{% load cache %}{% cache 5 %}{% endcache %}") << QString("error@1: ''cache'' tag requires at least 2 arguments.");
    QTest::newRow("err cache not loaded") << QString("{% cache 5 x %}{% endcache %}") << QString("error@1: Invalid block tag on line 1: 'cache'. Did you forget to register or load this tag?");
    QTest::newRow("err with") << QString("{% with %}{% endwith %}") << QString("error@1: 'with' expected at least one variable assignment");
    QTest::newRow("err with invalid") << QString("{% with a=1 b %}{% endwith %}") << QString("error@1: 'with' received an invalid token: 'b'");
    QTest::newRow("err include") << QString("{% include %}") << QString("error@1: 'include' tag takes at least one argument: the name of the template to be included.");
    QTest::newRow("err include option") << QString("{% include \"x\" foo %}") << QString("error@1: Unknown argument for 'include' tag: 'foo'.");
    QTest::newRow("err extends twice") << QString("{% extends \"a\" %}{% extends \"b\" %}") << QString("error@1: 'extends' cannot appear more than once in the same template");
    QTest::newRow("err extends not first") << QString("{{ x }}{% extends \"a\" %}") << QString("error@1: <ExtendsNode: extends \"a\"> must be the first tag in the template.");
    QTest::newRow("err block dup") << QString("{% block a %}{% endblock %}\n{% block a %}{% endblock %}") << QString("error@2: 'block' tag with name 'a' appears more than once");
    QTest::newRow("err endblock name") << QString("{% block a %}{% endblock b %}") << QString("error@1: Invalid block tag on line 1: 'endblock', expected 'endblock' or 'endblock a'. Did you forget to register or load this tag?");
    QTest::newRow("err url") << QString("{% url %}") << QString("error@1: 'url' takes at least one argument, a URL pattern name.");
    QTest::newRow("err cycle") << QString("{% cycle a %}") << QString("error@1: No named cycles in template. 'a' is not defined");
    QTest::newRow("err cycle named") << QString("{% cycle a b as c %}{% cycle d %}") << QString("error@1: Named cycle 'd' does not exist");
    QTest::newRow("err now") << QString("{% now %}") << QString("error@1: 'now' statement takes one argument");
    QTest::newRow("err firstof") << QString("{% firstof %}") << QString("error@1: 'firstof' statement requires at least one argument");
    QTest::newRow("err autoescape") << QString("{% autoescape maybe %}{% endautoescape %}") << QString("error@1: 'autoescape' argument should be 'on' or 'off'");
    QTest::newRow("err elif after else") << QString("{% if a %}{% else %}{% elif b %}{% endif %}") << QString("error@1: Invalid block tag on line 1: 'elif', expected 'endif'. Did you forget to register or load this tag?");
    QTest::newRow("err could not find variable") << QString("{{ |upper }}") << QString("error@1: Could not find variable at start of |upper.");
}

void TestTemplateParser::parse()
{
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QCOMPARE(parseResult(source), expected);
}

void TestTemplateParser::lexerTokensAndLines()
{
    const auto tokens = Lexer::tokenize("a\n{{ b }}\n{# c #}{% if x %}\n\n{% endif %}z");
    QCOMPARE(tokens.size(), std::size_t(8));
    const std::vector<std::pair<Token::Type, int>> expected = {
        {Token::Type::Text, 1}, {Token::Type::Var, 2}, {Token::Type::Text, 2}, {Token::Type::Comment, 3},
        {Token::Type::Block, 3}, {Token::Type::Text, 3}, {Token::Type::Block, 5}, {Token::Type::Text, 5}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(tokens[i].type, expected[i].first);
        QCOMPARE(tokens[i].lineno, expected[i].second);
    }
    QCOMPARE(tokens[1].contents, std::string("b"));
    QCOMPARE(tokens[3].contents, std::string("c"));
    QCOMPARE(tokens[4].contents, std::string("if x"));
    QCOMPARE(tokens[5].contents, std::string("\n\n"));
}

void TestTemplateParser::verbatimLexing()
{
    const auto tokens = Lexer::tokenize("{% verbatim %}{{ a }}{% endverbatim %}{{ b }}");
    QCOMPARE(tokens.size(), std::size_t(4));
    QCOMPARE(tokens[1].type, Token::Type::Text);
    QCOMPARE(tokens[1].contents, std::string("{{ a }}"));
    QCOMPARE(tokens[2].type, Token::Type::Block);
    QCOMPARE(tokens[3].type, Token::Type::Var);
}

// django.utils.text.smart_split's own doctests.
void TestTemplateParser::smartSplitKeepsQuotes()
{
    QCOMPARE(smartSplit("This is \"a person\\'s\" test."),
             (std::vector<std::string>{"This", "is", "\"a person\\'s\"", "test."}));
    QCOMPARE(smartSplit("Another 'person\\'s' test."), (std::vector<std::string>{"Another", "'person\\'s'", "test."}));
    QCOMPARE(smartSplit("A \"\\\"funky\\\" style\" test."),
             (std::vector<std::string>{"A", "\"\\\"funky\\\" style\"", "test."}));
    Token t{Token::Type::Block, "url _(\"a b\") x", 1};
    QCOMPARE(t.splitContents(), (std::vector<std::string>{"url", "_(\"a b\")", "x"}));
}

void TestTemplateParser::relativeInclude()
{
    ParseOptions options;
    options.templateName = "shop/orders/list.html";
    const auto nodes = parseTemplate("{% include \"./row.html\" %}{% include \"../base.html\" %}", options);
    QCOMPARE(QString::fromStdString(dumpNodeList(nodes)),
             QStringLiteral("[Include@1(S'shop/orders/row.html') Include@1(S'shop/base.html')]"));
    QCOMPARE(errorOf("{% include \"../../../x.html\" %}", options),
             QStringLiteral("error@1: The relative path '\"../../../x.html\"' points outside the file hierarchy that "
                            "template 'shop/orders/list.html' is in."));
}

void TestTemplateParser::unsimulatedTagsAreReported()
{
    QCOMPARE(errorOf("x\n{% ifchanged a %}{% endifchanged %}"),
             QStringLiteral("error@2: PipeLab does not simulate the 'ifchanged' tag (line 2)."));
    QCOMPARE(errorOf("{% widthratio a b 100 %}"),
             QStringLiteral("error@1: PipeLab does not simulate the 'widthratio' tag (line 1)."));
}

void TestTemplateParser::unsimulatedLibraryIsReported()
{
    QCOMPARE(errorOf("\n{% load static %}"),
             QStringLiteral("error@2: PipeLab does not simulate the 'static' tag library; it simulates only 'cache'."));
    QCOMPARE(errorOf("{% load cache from cache %}{% cache 1 a %}{% endcache %}"), QStringLiteral("parsed"));
    QCOMPARE(errorOf("{% load nope from cache %}"),
             QStringLiteral("error@1: 'nope' is not a valid tag or filter in tag library 'cache'"));
}

void TestTemplateParser::errorLineMapsToSourceFile()
{
    try {
        parseTemplate("<p>\n{% for x in y %}\n");
        QFAIL("no error");
    } catch (const TemplateSyntaxError& e) {
        QCOMPARE(e.line(), 2);
        // A template whose first line is line 40 of the scenario file.
        QCOMPARE(e.sourceLine(40), 41);
    }
}

void TestTemplateParser::deepNestingIsReported()
{
    std::string source;
    for (int i = 0; i < 5000; ++i)
        source += "{% spaceless %}";
    QCOMPARE(errorOf(source), QStringLiteral("error@1: Template tags are nested more than 200 levels deep."));
}

void TestTemplateParser::deepIfExpressionIsReported()
{
    std::string source = "{% if";
    for (int i = 0; i < 5000; ++i)
        source += " not";
    source += " a %}{% endif %}";
    QCOMPARE(errorOf(source), QStringLiteral("error@1: if expression nested more than 200 levels deep."));
}

// Inputs that would make a naive scanner quadratic: a long line of unclosed openers, and a long
// run of spaces inside a variable tag.
void TestTemplateParser::pathologicalInputIsLinear()
{
    QElapsedTimer timer;
    timer.start();
    const std::string openers(2'000'000, '{');
    const auto tokens = Lexer::tokenize(openers);
    QCOMPARE(tokens.size(), std::size_t(1));
    QCOMPARE(tokens[0].type, Token::Type::Text);
    const std::string spaces = "{{ a" + std::string(1'000'000, ' ') + "b }}";
    QCOMPARE(errorOf(spaces).left(45), QStringLiteral("error@1: Could not parse the remainder: '    "));
    QVERIFY(timer.elapsed() < 5000);
}

QTEST_GUILESS_MAIN(TestTemplateParser)
#include "tst_templateparser.moc"
