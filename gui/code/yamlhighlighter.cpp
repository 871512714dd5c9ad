// YamlHighlighter: a line scanner with a packed block state. The state remembers whether the
// line is inside a block scalar (and which language it holds), the indentation that ends it,
// the content indentation, whether we are under `templates:`, and the embedded highlighter's
// own state.
#include "gui/code/yamlhighlighter.h"

#include "gui/code/djangotemplatehighlighter.h"
#include "gui/code/pythonhighlighter.h"

#include <QRegularExpression>
#include <QSet>

namespace pipelab::gui {

namespace {

enum class Block { None = 0, Plain = 1, Python = 2, Template = 3 };

struct State {
    Block block = Block::None;
    int parentIndent = 0;  // a non-blank line indented this much or less ends the block
    int contentIndent = 0; // 0 until the block's first non-blank line
    bool inTemplates = false;
    int inner = 0; // the embedded highlighter's state

    static State unpack(int packed)
    {
        State s;
        if (packed < 0)
            return s;
        s.block = static_cast<Block>(packed & 0x3);
        s.parentIndent = (packed >> 2) & 0xff;
        s.contentIndent = (packed >> 10) & 0xff;
        s.inTemplates = ((packed >> 18) & 0x1) != 0;
        s.inner = (packed >> 19) & 0xff;
        return s;
    }
    int pack() const
    {
        return static_cast<int>(block) | (std::min(parentIndent, 0xff) << 2) | (std::min(contentIndent, 0xff) << 10)
            | (inTemplates ? 1 << 18 : 0) | ((inner & 0xff) << 19);
    }
};

const QSet<QString>& pythonKeys()
{
    static const QSet<QString> keys{QStringLiteral("models"), QStringLiteral("urls"), QStringLiteral("views"),
                                    QStringLiteral("middleware"), QStringLiteral("signals"), QStringLiteral("apps")};
    return keys;
}

int indentation(const QString& text)
{
    int i = 0;
    while (i < text.size() && text[i] == u' ')
        ++i;
    return i;
}

bool isBlank(const QString& text) { return text.trimmed().isEmpty(); }

// Colours a plain scalar: numbers, booleans and null as constants, anything else as a string.
void formatPlainScalar(const QString& word, int start, const SyntaxTheme& theme, const FormatFn& setFormat)
{
    static const QRegularExpression number(QStringLiteral("^[-+]?(\\d[\\d_]*)?(\\.\\d+)?([eE][-+]?\\d+)?$"));
    static const QSet<QString> constants{QStringLiteral("true"), QStringLiteral("false"), QStringLiteral("True"),
                                         QStringLiteral("False"), QStringLiteral("null"), QStringLiteral("Null"),
                                         QStringLiteral("~")};
    const QString trimmed = word.trimmed();
    if (trimmed.isEmpty())
        return;
    const bool isNumber = trimmed.contains(QRegularExpression(QStringLiteral("\\d"))) && number.match(trimmed).hasMatch();
    setFormat(start, static_cast<int>(word.size()), isNumber || constants.contains(trimmed) ? theme.constant : theme.string);
}

// One line outside block scalars. Returns the key a block scalar indicator follows ("" if none).
QString highlightNode(const QString& text, const SyntaxTheme& theme, const FormatFn& setFormat, bool* opensBlock,
                      int* keyColumn)
{
    const int n = static_cast<int>(text.size());
    int flowDepth = 0;
    QString lastKey;
    *opensBlock = false;
    *keyColumn = indentation(text);
    int i = 0;
    while (i < n) {
        const QChar c = text[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == u'#' && (i == 0 || text[i - 1].isSpace())) {
            setFormat(i, n - i, theme.comment);
            break;
        }
        if (c == u'-' && (i + 1 == n || text[i + 1] == u' ') && flowDepth == 0) {
            setFormat(i, 1, theme.punctuation);
            ++i;
            *keyColumn = i + 1;
            continue;
        }
        if (c == u'{' || c == u'}' || c == u'[' || c == u']' || c == u',') {
            flowDepth += (c == u'{' || c == u'[') ? 1 : (c == u',' ? 0 : -1);
            setFormat(i, 1, theme.punctuation);
            ++i;
            continue;
        }
        if ((c == u'|' || c == u'>') && flowDepth == 0) {
            int j = i + 1;
            while (j < n && (text[j] == u'-' || text[j] == u'+' || text[j].isDigit()))
                ++j;
            setFormat(i, j - i, theme.keyword);
            *opensBlock = true;
            i = j;
            continue;
        }
        if (c == u'&' || c == u'*' || c == u'!') {
            int j = i + 1;
            while (j < n && !text[j].isSpace() && text[j] != u',')
                ++j;
            setFormat(i, j - i, theme.decorator);
            i = j;
            continue;
        }
        int end = i;
        bool quoted = false;
        if (c == u'"' || c == u'\'') {
            quoted = true;
            end = i + 1;
            while (end < n) {
                if (c == u'"' && text[end] == u'\\') {
                    end += 2;
                    continue;
                }
                if (text[end] == c) {
                    if (c == u'\'' && end + 1 < n && text[end + 1] == u'\'') {
                        end += 2;
                        continue;
                    }
                    ++end;
                    break;
                }
                ++end;
            }
            end = std::min(end, n);
        } else {
            // A plain scalar runs to ": ", " #", the end of the line or, in flow style, to , ] }.
            while (end < n) {
                const QChar d = text[end];
                if (d == u':' && (end + 1 == n || text[end + 1] == u' ' || (flowDepth > 0 && QStringLiteral(",]}").contains(text[end + 1]))))
                    break;
                if (d == u'#' && text[end - 1].isSpace())
                    break;
                if (flowDepth > 0 && QStringLiteral(",[]{}").contains(d))
                    break;
                ++end;
            }
            while (end > i && text[end - 1].isSpace())
                --end;
        }
        int next = end;
        while (next < n && text[next] == u' ')
            ++next;
        const bool isKey = next < n && text[next] == u':' && (next + 1 == n || text[next + 1] == u' '
                                                              || (flowDepth > 0 && QStringLiteral(",]}").contains(text[next + 1])));
        if (isKey) {
            setFormat(i, end - i, theme.yamlKey);
            setFormat(next, 1, theme.punctuation);
            lastKey = text.mid(i, end - i);
            if (quoted && lastKey.size() >= 2)
                lastKey = lastKey.mid(1, lastKey.size() - 2);
            if (flowDepth == 0)
                *keyColumn = i;
            i = next + 1;
            continue;
        }
        if (quoted)
            setFormat(i, end - i, theme.string);
        else
            formatPlainScalar(text.mid(i, end - i), i, theme, setFormat);
        i = std::max(end, i + 1);
    }
    return lastKey;
}

} // namespace

YamlHighlighter::YamlHighlighter(QTextDocument* document, const SyntaxTheme& theme)
    : QSyntaxHighlighter(document), theme_(theme)
{
}

void YamlHighlighter::highlightBlock(const QString& text)
{
    const FormatFn sink = [this](int start, int length, const QTextCharFormat& f) { setFormat(start, length, f); };
    State state = State::unpack(previousBlockState());

    if (state.block != Block::None) {
        const int indent = indentation(text);
        if (isBlank(text) || indent > state.parentIndent) {
            if (!isBlank(text) && state.contentIndent == 0)
                state.contentIndent = indent;
            const int from = std::min(state.contentIndent == 0 ? indent : state.contentIndent, static_cast<int>(text.size()));
            switch (state.block) {
            case Block::Python:
                state.inner = PythonHighlighter::highlightLine(text, from, state.inner, theme_, sink);
                break;
            case Block::Template:
                state.inner = DjangoTemplateHighlighter::highlightLine(text, from, state.inner, theme_, sink);
                break;
            case Block::Plain:
            case Block::None:
                setFormat(from, static_cast<int>(text.size()) - from, theme_.string);
                break;
            }
            setCurrentBlockState(state.pack());
            return;
        }
        state.block = Block::None;
        state.inner = 0;
    }

    bool opensBlock = false;
    int keyColumn = 0;
    const QString key = highlightNode(text, theme_, sink, &opensBlock, &keyColumn);
    const int indent = indentation(text);
    if (!isBlank(text) && indent == 0 && !text.startsWith(u'#') && !key.isEmpty())
        state.inTemplates = key == QStringLiteral("templates");
    if (opensBlock) {
        if (pythonKeys().contains(key))
            state.block = Block::Python;
        else if (state.inTemplates && indent > 0)
            state.block = Block::Template;
        else
            state.block = Block::Plain;
        state.parentIndent = keyColumn;
        state.contentIndent = 0;
        state.inner = 0;
    }
    setCurrentBlockState(state.pack());
}

} // namespace pipelab::gui
