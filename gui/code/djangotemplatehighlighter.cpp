// DjangoTemplateHighlighter: two passes per line. The HTML pass colours tags and comments; the
// template pass then colours Django's constructs over it, because Django processes them before
// any browser sees the HTML (a {{ variable }} inside an attribute value is a variable).
#include "gui/code/djangotemplatehighlighter.h"

#include <QRegularExpression>
#include <QSet>

namespace pipelab::gui {

namespace {

constexpr int InHtmlTag = 1;
constexpr int InHtmlComment = 2;
constexpr int InCommentBlock = 4; // between {% comment %} and {% endcomment %}

bool isWordChar(QChar c) { return c.isLetterOrNumber() || c == u'_'; }

const QSet<QString>& tagKeywords()
{
    static const QSet<QString> words{
        QStringLiteral("in"), QStringLiteral("not"), QStringLiteral("and"), QStringLiteral("or"),
        QStringLiteral("is"), QStringLiteral("as"), QStringLiteral("with"), QStringLiteral("only"),
        QStringLiteral("by"), QStringLiteral("reversed"), QStringLiteral("silent"), QStringLiteral("from"),
        QStringLiteral("on"), QStringLiteral("off"), QStringLiteral("None"), QStringLiteral("True"),
        QStringLiteral("False")};
    return words;
}

// If a template construct ({% %}, {{ }}, {# #}) closed on this line starts at `i`, its end.
int templateConstructEnd(const QString& text, int i)
{
    if (i + 1 >= text.size() || text[i] != u'{')
        return -1;
    const QChar kind = text[i + 1];
    QString close;
    if (kind == u'%')
        close = QStringLiteral("%}");
    else if (kind == u'{')
        close = QStringLiteral("}}");
    else if (kind == u'#')
        close = QStringLiteral("#}");
    else
        return -1;
    const auto end = text.indexOf(close, i + 2);
    return end < 0 ? -1 : static_cast<int>(end) + 2;
}

// The inside of {% ... %} or {{ ... }}: words, strings, numbers and |filters.
void formatExpression(const QString& text, int start, int end, bool isTag, const SyntaxTheme& theme,
                      const FormatFn& setFormat)
{
    bool firstWord = isTag;
    bool afterPipe = false;
    int i = start;
    while (i < end) {
        const QChar c = text[i];
        if (c == u'"' || c == u'\'') {
            auto close = text.indexOf(c, i + 1);
            const int stop = close < 0 || close >= end ? end : static_cast<int>(close) + 1;
            setFormat(i, stop - i, theme.string);
            i = stop;
            firstWord = false;
            afterPipe = false;
            continue;
        }
        if (c == u'|') {
            setFormat(i, 1, theme.templateDelimiter);
            afterPipe = true;
            ++i;
            continue;
        }
        if (c.isDigit()) {
            int j = i;
            while (j < end && (text[j].isDigit() || text[j] == u'.'))
                ++j;
            setFormat(i, j - i, theme.constant);
            i = j;
            continue;
        }
        if (isWordChar(c)) {
            int j = i;
            while (j < end && (isWordChar(text[j]) || text[j] == u'.'))
                ++j;
            const QString word = text.mid(i, j - i);
            if (firstWord)
                setFormat(i, j - i, theme.templateTag);
            else if (afterPipe)
                setFormat(i, j - i, theme.templateFilter);
            else if (isTag && tagKeywords().contains(word))
                setFormat(i, j - i, theme.keyword);
            else
                setFormat(i, j - i, theme.templateVariable);
            firstWord = false;
            afterPipe = false;
            i = j;
            continue;
        }
        if (!c.isSpace() && c != u':')
            afterPipe = false;
        ++i;
    }
}

// Pass 1: HTML tags and comments. Returns the HTML part of the state.
int highlightHtml(const QString& text, int from, int state, const SyntaxTheme& theme, const FormatFn& setFormat)
{
    const int n = static_cast<int>(text.size());
    int i = from;
    bool inTag = (state & InHtmlTag) != 0;
    bool expectTagName = false;

    if ((state & InHtmlComment) != 0) {
        const auto end = text.indexOf(QStringLiteral("-->"), i);
        if (end < 0) {
            setFormat(i, n - i, theme.comment);
            return InHtmlComment;
        }
        setFormat(i, static_cast<int>(end) + 3 - i, theme.comment);
        i = static_cast<int>(end) + 3;
    }

    while (i < n) {
        const int construct = templateConstructEnd(text, i);
        if (construct > 0) {
            i = construct;
            continue;
        }
        const QChar c = text[i];
        if (!inTag) {
            if (c == u'<' && text.mid(i, 4) == QStringLiteral("<!--")) {
                const auto end = text.indexOf(QStringLiteral("-->"), i + 4);
                if (end < 0) {
                    setFormat(i, n - i, theme.comment);
                    return InHtmlComment;
                }
                setFormat(i, static_cast<int>(end) + 3 - i, theme.comment);
                i = static_cast<int>(end) + 3;
                continue;
            }
            if (c == u'<' && i + 1 < n && (text[i + 1].isLetter() || text[i + 1] == u'/' || text[i + 1] == u'!')) {
                inTag = true;
                expectTagName = true;
                setFormat(i, 1, theme.punctuation);
                ++i;
                if (text[i] == u'/' || text[i] == u'!') {
                    setFormat(i, 1, theme.punctuation);
                    ++i;
                }
                continue;
            }
            ++i;
            continue;
        }
        // Inside a tag: its name, then attributes until '>'.
        if (c == u'>' || (c == u'/' && i + 1 < n && text[i + 1] == u'>')) {
            const int len = c == u'>' ? 1 : 2;
            setFormat(i, len, theme.punctuation);
            i += len;
            inTag = false;
            continue;
        }
        if (c == u'"' || c == u'\'') {
            const auto close = text.indexOf(c, i + 1);
            const int stop = close < 0 ? n : static_cast<int>(close) + 1;
            setFormat(i, stop - i, theme.string);
            i = stop;
            continue;
        }
        if (c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u':') {
            int j = i;
            while (j < n && (text[j].isLetterOrNumber() || text[j] == u'-' || text[j] == u'_' || text[j] == u':'))
                ++j;
            setFormat(i, j - i, expectTagName ? theme.htmlTag : theme.htmlAttribute);
            expectTagName = false;
            i = j;
            continue;
        }
        if (c == u'=')
            setFormat(i, 1, theme.punctuation);
        ++i;
    }
    return inTag ? InHtmlTag : 0;
}

// Pass 2: Django's own constructs. Returns the template part of the state.
int highlightTemplate(const QString& text, int from, int state, const SyntaxTheme& theme, const FormatFn& setFormat)
{
    static const QRegularExpression endComment(QStringLiteral("\\{%\\s*endcomment\\s*%\\}"));
    static const QRegularExpression commentTag(QStringLiteral("^\\s*comment\\b"));
    const int n = static_cast<int>(text.size());
    int i = from;
    bool inComment = (state & InCommentBlock) != 0;

    while (i < n) {
        if (inComment) {
            const auto match = endComment.match(text, i);
            if (!match.hasMatch()) {
                setFormat(i, n - i, theme.comment);
                return InCommentBlock;
            }
            const int tagStart = static_cast<int>(match.capturedStart());
            setFormat(i, tagStart - i, theme.comment);
            i = tagStart;
            inComment = false;
        }
        const int end = templateConstructEnd(text, i);
        if (end < 0) {
            ++i;
            continue;
        }
        const QChar kind = text[i + 1];
        if (kind == u'#') {
            setFormat(i, end - i, theme.comment);
        } else {
            setFormat(i, 2, theme.templateDelimiter);
            setFormat(end - 2, 2, theme.templateDelimiter);
            // Between the delimiters the HTML pass may have coloured things; start from plain.
            setFormat(i + 2, end - i - 4, QTextCharFormat());
            formatExpression(text, i + 2, end - 2, kind == u'%', theme, setFormat);
            if (kind == u'%' && commentTag.match(text.mid(i + 2, end - i - 4)).hasMatch())
                inComment = true;
        }
        i = end;
    }
    return inComment ? InCommentBlock : 0;
}

} // namespace

DjangoTemplateHighlighter::DjangoTemplateHighlighter(QTextDocument* document, const SyntaxTheme& theme)
    : QSyntaxHighlighter(document), theme_(theme)
{
}

void DjangoTemplateHighlighter::highlightBlock(const QString& text)
{
    const int previous = previousBlockState();
    setCurrentBlockState(highlightLine(text, 0, previous < 0 ? 0 : previous, theme_,
                                       [this](int start, int length, const QTextCharFormat& f) {
                                           setFormat(start, length, f);
                                       }));
}

int DjangoTemplateHighlighter::highlightLine(const QString& text, int from, int state, const SyntaxTheme& theme,
                                             const FormatFn& setFormat)
{
    const int html = highlightHtml(text, from, state & (InHtmlTag | InHtmlComment), theme, setFormat);
    const int tmpl = highlightTemplate(text, from, state & InCommentBlock, theme, setFormat);
    return html | tmpl;
}

} // namespace pipelab::gui
