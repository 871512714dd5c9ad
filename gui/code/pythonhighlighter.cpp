// PythonHighlighter: a small hand-written scanner rather than a list of regular expressions, so a
// '#' inside a string or a quote inside a comment never confuses it.
#include "gui/code/pythonhighlighter.h"

#include <QSet>

namespace pipelab::gui {

namespace {

// Line states: which triple quote is open, and whether that string is an f-string.
constexpr int SingleTriple = 1;
constexpr int DoubleTriple = 2;
constexpr int QuoteMask = 3;
constexpr int FString = 4;

const QSet<QString>& keywords()
{
    static const QSet<QString> words{
        QStringLiteral("and"), QStringLiteral("as"), QStringLiteral("assert"), QStringLiteral("async"),
        QStringLiteral("await"), QStringLiteral("break"), QStringLiteral("class"), QStringLiteral("continue"),
        QStringLiteral("def"), QStringLiteral("del"), QStringLiteral("elif"), QStringLiteral("else"),
        QStringLiteral("except"), QStringLiteral("finally"), QStringLiteral("for"), QStringLiteral("from"),
        QStringLiteral("global"), QStringLiteral("if"), QStringLiteral("import"), QStringLiteral("in"),
        QStringLiteral("is"), QStringLiteral("lambda"), QStringLiteral("nonlocal"), QStringLiteral("not"),
        QStringLiteral("or"), QStringLiteral("pass"), QStringLiteral("raise"), QStringLiteral("return"),
        QStringLiteral("try"), QStringLiteral("while"), QStringLiteral("with"), QStringLiteral("yield")};
    return words;
}

const QSet<QString>& constants()
{
    static const QSet<QString> words{QStringLiteral("True"), QStringLiteral("False"), QStringLiteral("None")};
    return words;
}

const QSet<QString>& builtins()
{
    static const QSet<QString> words{
        QStringLiteral("len"), QStringLiteral("list"), QStringLiteral("dict"), QStringLiteral("set"),
        QStringLiteral("tuple"), QStringLiteral("str"), QStringLiteral("int"), QStringLiteral("float"),
        QStringLiteral("bool"), QStringLiteral("range"), QStringLiteral("sum"), QStringLiteral("min"),
        QStringLiteral("max"), QStringLiteral("sorted"), QStringLiteral("enumerate"), QStringLiteral("zip"),
        QStringLiteral("any"), QStringLiteral("all"), QStringLiteral("print"), QStringLiteral("isinstance"),
        QStringLiteral("getattr"), QStringLiteral("setattr"), QStringLiteral("hasattr"), QStringLiteral("repr"),
        QStringLiteral("super"), QStringLiteral("object"), QStringLiteral("type"), QStringLiteral("iter"),
        QStringLiteral("next"), QStringLiteral("abs"), QStringLiteral("round"), QStringLiteral("map"),
        QStringLiteral("filter"), QStringLiteral("reversed"), QStringLiteral("Exception"),
        QStringLiteral("KeyError"), QStringLiteral("ValueError"), QStringLiteral("TypeError"),
        QStringLiteral("IndexError"), QStringLiteral("AttributeError"), QStringLiteral("ZeroDivisionError"),
        QStringLiteral("RuntimeError"), QStringLiteral("NotImplementedError"), QStringLiteral("StopIteration")};
    return words;
}

// The names a scenario module gets from its implicit Django prelude (scenario-format.md §1).
const QSet<QString>& djangoNames()
{
    static const QSet<QString> words{
        QStringLiteral("models"), QStringLiteral("render"), QStringLiteral("redirect"),
        QStringLiteral("get_object_or_404"), QStringLiteral("get_list_or_404"), QStringLiteral("HttpResponse"),
        QStringLiteral("JsonResponse"), QStringLiteral("Http404"), QStringLiteral("HttpResponseRedirect"),
        QStringLiteral("HttpResponseForbidden"), QStringLiteral("HttpResponseNotFound"), QStringLiteral("reverse"),
        QStringLiteral("transaction"), QStringLiteral("Q"), QStringLiteral("F"), QStringLiteral("Count"),
        QStringLiteral("Sum"), QStringLiteral("Avg"), QStringLiteral("Max"), QStringLiteral("Min"),
        QStringLiteral("Prefetch"), QStringLiteral("cache"), QStringLiteral("cache_page"),
        QStringLiteral("never_cache"), QStringLiteral("vary_on_cookie"), QStringLiteral("vary_on_headers"),
        QStringLiteral("csrf_exempt"), QStringLiteral("require_POST"), QStringLiteral("require_GET"),
        QStringLiteral("require_http_methods"), QStringLiteral("login_required"),
        QStringLiteral("LoginRequiredMixin"), QStringLiteral("User"), QStringLiteral("View"),
        QStringLiteral("TemplateView"), QStringLiteral("ListView"), QStringLiteral("DetailView"),
        QStringLiteral("pre_save"), QStringLiteral("post_save"), QStringLiteral("pre_delete"),
        QStringLiteral("post_delete"), QStringLiteral("m2m_changed"), QStringLiteral("request_started"),
        QStringLiteral("request_finished"), QStringLiteral("user_logged_in"), QStringLiteral("user_logged_out"),
        QStringLiteral("receiver"), QStringLiteral("Signal"), QStringLiteral("path"), QStringLiteral("re_path"),
        QStringLiteral("include"), QStringLiteral("AppConfig"), QStringLiteral("ObjectDoesNotExist"),
        QStringLiteral("PermissionDenied"), QStringLiteral("MultipleObjectsReturned")};
    return words;
}

bool isIdentifierStart(QChar c) { return c.isLetter() || c == u'_'; }
bool isIdentifierChar(QChar c) { return c.isLetterOrNumber() || c == u'_'; }

// End (exclusive) of a string body starting at `pos` and closed by `quote` (one char or three);
// -1 when a triple-quoted string runs past the end of the line. A single-quoted string that is
// not closed ends at the end of the line: Python rejects it, the highlighter just stops there.
int scanStringBody(const QString& text, int pos, QChar quote, bool triple)
{
    const int n = static_cast<int>(text.size());
    for (int i = pos; i < n; ++i) {
        const QChar c = text[i];
        if (c == u'\\') {
            ++i; // even in a raw string a backslash keeps the quote after it inside the string
            continue;
        }
        if (c != quote)
            continue;
        if (!triple)
            return i + 1;
        if (i + 2 < n && text[i + 1] == quote && text[i + 2] == quote)
            return i + 3;
    }
    return triple ? -1 : n;
}

// Re-colours the {replacement fields} of an f-string segment; {{ and }} are literal braces.
void formatFStringFields(const QString& text, int start, int end, const SyntaxTheme& theme,
                         const FormatFn& setFormat)
{
    for (int i = start; i < end; ++i) {
        if (text[i] != u'{')
            continue;
        if (i + 1 < end && text[i + 1] == u'{') {
            ++i;
            continue;
        }
        int depth = 0;
        int j = i;
        for (; j < end; ++j) {
            if (text[j] == u'{')
                ++depth;
            else if (text[j] == u'}' && --depth == 0)
                break;
        }
        const int fieldEnd = j < end ? j + 1 : end;
        setFormat(i, fieldEnd - i, theme.interpolation);
        i = fieldEnd - 1;
    }
}

// Length of a string prefix (r, b, f, u, rb, br, fr, rf in any case) at `pos` that is directly
// followed by a quote; 0 when there is none.
int stringPrefixLength(const QString& text, int pos)
{
    const int n = static_cast<int>(text.size());
    int len = 0;
    while (len < 2 && pos + len < n && QStringLiteral("rRbBfFuU").contains(text[pos + len]))
        ++len;
    for (; len > 0; --len) {
        if (pos + len < n && (text[pos + len] == u'\'' || text[pos + len] == u'"'))
            return len;
    }
    return 0;
}

} // namespace

PythonHighlighter::PythonHighlighter(QTextDocument* document, const SyntaxTheme& theme)
    : QSyntaxHighlighter(document), theme_(theme)
{
}

void PythonHighlighter::highlightBlock(const QString& text)
{
    const int previous = previousBlockState();
    const int state = highlightLine(text, 0, previous < 0 ? 0 : previous, theme_,
                                    [this](int start, int length, const QTextCharFormat& f) {
                                        setFormat(start, length, f);
                                    });
    setCurrentBlockState(state);
}

int PythonHighlighter::highlightLine(const QString& text, int from, int state, const SyntaxTheme& theme,
                                     const FormatFn& setFormat)
{
    const int n = static_cast<int>(text.size());
    int i = from;

    if ((state & QuoteMask) != 0) {
        const QChar quote = (state & QuoteMask) == SingleTriple ? u'\'' : u'"';
        const int end = scanStringBody(text, i, quote, true);
        const int stop = end < 0 ? n : end;
        setFormat(i, stop - i, theme.string);
        if ((state & FString) != 0)
            formatFStringFields(text, i, stop, theme, setFormat);
        if (end < 0)
            return state;
        i = end;
    }

    bool lineStart = true;     // only whitespace so far: a decorator may start here
    bool nameIsDefinition = false; // the previous word was def or class
    bool afterDot = false;
    QString previousWord;

    while (i < n) {
        const QChar c = text[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == u'#') {
            setFormat(i, n - i, theme.comment);
            break;
        }

        const int prefix = isIdentifierStart(c) ? stringPrefixLength(text, i) : 0;
        if (c == u'\'' || c == u'"' || prefix > 0) {
            const QString prefixText = text.mid(i, prefix).toLower();
            const bool fstring = prefixText.contains(u'f');
            const int quotePos = i + prefix;
            const QChar quote = text[quotePos];
            const bool triple = quotePos + 2 < n && text[quotePos + 1] == quote && text[quotePos + 2] == quote;
            const int bodyStart = quotePos + (triple ? 3 : 1);
            const int end = scanStringBody(text, bodyStart, quote, triple);
            const int stop = end < 0 ? n : end;
            setFormat(i, stop - i, theme.string);
            if (fstring)
                formatFStringFields(text, bodyStart, stop, theme, setFormat);
            if (end < 0)
                return (quote == u'\'' ? SingleTriple : DoubleTriple) | (fstring ? FString : 0);
            i = end;
            lineStart = false;
            afterDot = false;
            continue;
        }

        if (c.isDigit() || (c == u'.' && i + 1 < n && text[i + 1].isDigit() && !afterDot)) {
            int j = i + 1;
            while (j < n) {
                const QChar d = text[j];
                const bool exponentSign = (d == u'+' || d == u'-') && (text[j - 1] == u'e' || text[j - 1] == u'E')
                    && !text.mid(i, 2).startsWith(QStringLiteral("0x"), Qt::CaseInsensitive);
                if (!(d.isLetterOrNumber() || d == u'_' || d == u'.' || exponentSign))
                    break;
                ++j;
            }
            setFormat(i, j - i, theme.constant);
            i = j;
            lineStart = false;
            afterDot = false;
            continue;
        }

        if (c == u'@' && lineStart) {
            int j = i + 1;
            while (j < n && (isIdentifierChar(text[j]) || text[j] == u'.'))
                ++j;
            setFormat(i, j - i, theme.decorator);
            i = j;
            lineStart = false;
            continue;
        }

        if (isIdentifierStart(c)) {
            int j = i + 1;
            while (j < n && isIdentifierChar(text[j]))
                ++j;
            const QString word = text.mid(i, j - i);
            if (nameIsDefinition) {
                setFormat(i, j - i, theme.definition);
                nameIsDefinition = false;
            } else if (afterDot) {
                if (previousWord == QStringLiteral("models"))
                    setFormat(i, j - i, theme.django);
            } else if (keywords().contains(word)) {
                setFormat(i, j - i, theme.keyword);
                nameIsDefinition = word == QStringLiteral("def") || word == QStringLiteral("class");
            } else if (constants().contains(word)) {
                setFormat(i, j - i, theme.constant);
            } else if (word == QStringLiteral("self") || word == QStringLiteral("cls")) {
                setFormat(i, j - i, theme.self);
            } else if (djangoNames().contains(word)) {
                setFormat(i, j - i, theme.django);
            } else if (builtins().contains(word)) {
                setFormat(i, j - i, theme.builtin);
            }
            previousWord = word;
            afterDot = false;
            lineStart = false;
            i = j;
            continue;
        }

        afterDot = c == u'.';
        if (!afterDot)
            previousWord.clear();
        lineStart = false;
        ++i;
    }
    return 0;
}

} // namespace pipelab::gui
