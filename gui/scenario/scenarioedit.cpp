// ScenarioEdit: finds what to change with the loader's own YAML parser (byte offsets of nodes),
// splices new bytes in, and reads the result back. Works on UTF-8 bytes because the parser's
// offsets are byte offsets.
#include "gui/scenario/scenarioedit.h"

#include "sim/scenario/yamlparser.h"

#include <QCoreApplication>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace pipelab::gui {

using scenario::YamlNode;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("pipelab::gui::ScenarioEdit", text);
}

// What an edit computes: the new bytes, or why they cannot be written.
struct Spliced {
    std::string text;
    QString error;
};

Spliced failure(const QString& error)
{
    return {{}, error};
}

struct ParsedRoot {
    std::optional<YamlNode> root;
    QString error;
};

ParsedRoot parseRoot(const std::string& text)
{
    scenario::YamlParser parser("scenario");
    std::optional<YamlNode> root = parser.parse(text);
    if (!root) {
        const auto& d = parser.diagnostics();
        return {std::nullopt, d.empty() ? tr("the file is not valid YAML")
                                        : tr("the file is not valid YAML (line %1: %2)")
                                              .arg(d.front().pos.line)
                                              .arg(QString::fromStdString(d.front().message))};
    }
    if (!root->isMapping())
        return {std::nullopt, tr("the file is not a YAML mapping of scenario keys")};
    return {std::move(root), {}};
}

std::size_t lineBegin(const std::string& text, std::size_t offset)
{
    const std::size_t newline = offset == 0 ? std::string::npos : text.rfind('\n', offset - 1);
    return newline == std::string::npos ? 0 : newline + 1;
}

// The end of the line holding `offset`, before its newline.
std::size_t lineEnd(const std::string& text, std::size_t offset)
{
    const std::size_t newline = text.find('\n', offset);
    return newline == std::string::npos ? text.size() : newline;
}

// Where the scalar starting at `at` ends (exclusive): after the closing quote, or after the last
// non-blank character of a plain scalar (which a flow list also ends at ',' or ']').
std::optional<std::size_t> scalarEnd(const std::string& text, std::size_t at, bool flow)
{
    const char quote = text[at];
    if (quote == '"') {
        for (std::size_t i = at + 1; i < text.size(); ++i) {
            if (text[i] == '\\')
                ++i;
            else if (text[i] == '"')
                return i + 1;
        }
        return std::nullopt;
    }
    if (quote == '\'') {
        for (std::size_t i = at + 1; i < text.size(); ++i) {
            if (text[i] != '\'')
                continue;
            if (i + 1 < text.size() && text[i + 1] == '\'')
                ++i;
            else
                return i + 1;
        }
        return std::nullopt;
    }
    std::size_t end = at;
    for (std::size_t i = at; i < text.size() && text[i] != '\n' && text[i] != '\r'; ++i) {
        if (flow && (text[i] == ',' || text[i] == ']'))
            break;
        if (text[i] == '#' && i > at && (text[i - 1] == ' ' || text[i - 1] == '\t'))
            break;
        if (text[i] != ' ' && text[i] != '\t')
            end = i + 1;
    }
    return end;
}

// The ']' that closes the flow sequence opened at `open`, skipping quoted text and comments.
std::optional<std::size_t> flowClose(const std::string& text, std::size_t open)
{
    int depth = 0;
    for (std::size_t i = open; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"' || c == '\'') {
            const auto end = scalarEnd(text, i, true);
            if (!end)
                return std::nullopt;
            i = *end - 1;
        } else if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n')) {
            i = lineEnd(text, i);
        } else if (c == '[') {
            ++depth;
        } else if (c == ']' && --depth == 0) {
            return i;
        }
    }
    return std::nullopt;
}

// A dotted path as a YAML scalar in the style of its neighbours: quoted alike, or plain when
// plain is safe.
std::string scalarText(const std::string& value, char style)
{
    const bool plainSafe = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    });
    if (style == '\'') {
        std::string out = "'";
        for (char c : value)
            out += c == '\'' ? std::string("''") : std::string(1, c);
        return out + "'";
    }
    if (style != '"' && plainSafe)
        return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

char quoteStyle(const std::string& text, std::size_t at)
{
    return text[at] == '"' || text[at] == '\'' ? text[at] : '\0';
}

std::string flowList(const std::vector<std::string>& paths)
{
    std::string out = "[";
    for (std::size_t i = 0; i < paths.size(); ++i)
        out += (i > 0 ? ", " : "") + scalarText(paths[i], '\0');
    return out + "]";
}

// "MIDDLEWARE:" and its block list, every line starting with `indent`.
std::string middlewareBlock(const std::string& indent, const std::vector<std::string>& paths)
{
    if (paths.empty())
        return indent + "MIDDLEWARE: []\n";
    std::string out = indent + "MIDDLEWARE:\n";
    for (const std::string& path : paths)
        out += indent + "  - " + scalarText(path, '\0') + "\n";
    return out;
}

std::string splice(const std::string& text, std::size_t begin, std::size_t end, const std::string& with)
{
    return text.substr(0, begin) + with + text.substr(end);
}

// One written entry of the old list: its path, where its scalar is, and the text that carries it
// when it moves (the scalar in a flow list, the whole line in a block list).
struct OldItem {
    std::string path;
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string unit;
    bool used = false;
};

// The units of the new list: an old entry's own text where the path was already written, else a
// new one made like the first old entry (`makeUnit`).
template <class MakeUnit>
std::vector<std::string> newUnits(std::vector<OldItem>& old, const std::vector<std::string>& paths, MakeUnit makeUnit)
{
    std::vector<std::string> units;
    for (const std::string& path : paths) {
        const auto match = std::find_if(old.begin(), old.end(),
                                         [&](const OldItem& item) { return !item.used && item.path == path; });
        if (match != old.end()) {
            match->used = true;
            units.push_back(match->unit);
        } else {
            units.push_back(makeUnit(path));
        }
    }
    return units;
}

Spliced rewriteFlowList(const std::string& text, const YamlNode& list, const std::vector<std::string>& paths)
{
    const std::size_t open = list.offset;
    std::vector<OldItem> old;
    for (const YamlNode& item : list.items) {
        const auto end = item.isScalar() ? scalarEnd(text, item.offset, true) : std::nullopt;
        if (!end)
            return failure(tr("a MIDDLEWARE entry on line %1 is not a plain string").arg(item.pos.line));
        old.push_back({item.value, item.offset, *end, text.substr(item.offset, *end - item.offset)});
    }
    const char style = old.empty() ? '\0' : quoteStyle(text, old.front().begin);
    const std::vector<std::string> units =
        newUnits(old, paths, [style](const std::string& path) { return scalarText(path, style); });

    if (old.empty() || units.empty()) {
        // Everything between the brackets is replaced: nothing to keep but the brackets.
        const auto close = flowClose(text, open);
        if (!close)
            return failure(tr("cannot find the ']' that ends MIDDLEWARE"));
        std::string inside;
        for (std::size_t i = 0; i < units.size(); ++i)
            inside += (i > 0 ? ", " : "") + units[i];
        return {splice(text, open + 1, *close, inside), {}};
    }
    // The separators between old entries stay where they were (a list written one entry per line
    // keeps its lines); extra entries reuse the last separator.
    std::vector<std::string> separators;
    for (std::size_t i = 1; i < old.size(); ++i)
        separators.push_back(text.substr(old[i - 1].end, old[i].begin - old[i - 1].end));
    std::string out = units.front();
    for (std::size_t i = 1; i < units.size(); ++i)
        out += (i - 1 < separators.size() ? separators[i - 1] : separators.empty() ? ", " : separators.back()) + units[i];
    return {splice(text, old.front().begin, old.back().end, out), {}};
}

Spliced rewriteBlockList(const std::string& text, const YamlNode& key, const YamlNode& list,
                         const std::vector<std::string>& paths)
{
    std::vector<OldItem> old;
    std::vector<std::size_t> itemLines; // line begin offsets
    for (const YamlNode& item : list.items) {
        const auto end = item.isScalar() ? scalarEnd(text, item.offset, false) : std::nullopt;
        const std::size_t begin = lineBegin(text, item.offset);
        const std::string prefix = text.substr(begin, item.offset - begin);
        const auto dash = prefix.find_first_not_of(' ');
        const bool onItsOwnLine = dash != std::string::npos && prefix[dash] == '-' &&
                                  prefix.find_first_not_of(" \t", dash + 1) == std::string::npos;
        if (!end || !onItsOwnLine)
            return failure(tr("MIDDLEWARE entries must be strings written one per line ('- path'); line %1 is not")
                               .arg(item.pos.line));
        old.push_back({item.value, item.offset, *end, text.substr(begin, lineEnd(text, item.offset) - begin)});
        itemLines.push_back(begin);
    }
    const std::string newPrefix = text.substr(itemLines.front(), old.front().begin - itemLines.front());
    const char style = quoteStyle(text, old.front().begin);
    const std::vector<std::string> units = newUnits(
        old, paths, [&](const std::string& path) { return newPrefix + scalarText(path, style); });

    // The lines from the first entry to the last: entries take the new order, comment and blank
    // lines between them stay where they are; extra entries follow the last one.
    const std::size_t regionBegin = itemLines.front();
    const std::size_t regionEnd = lineEnd(text, old.back().begin);
    std::vector<std::string> lines;
    std::size_t next = 0;
    for (std::size_t at = regionBegin; at <= regionEnd;) {
        const std::size_t end = lineEnd(text, at);
        const auto slot = std::find(itemLines.begin(), itemLines.end(), at);
        if (slot == itemLines.end()) {
            lines.push_back(text.substr(at, end - at));
        } else {
            if (next < units.size())
                lines.push_back(units[next++]);
            if (slot + 1 == itemLines.end()) {
                while (next < units.size())
                    lines.push_back(units[next++]);
            }
        }
        at = end + 1;
    }
    std::string region;
    for (const std::string& line : lines)
        region += line + "\n";
    // The region ran up to (not including) the last entry's newline; a file without a final
    // newline keeps lacking one.
    std::size_t replaceEnd = regionEnd;
    if (regionEnd < text.size())
        ++replaceEnd;
    else if (!region.empty())
        region.pop_back();
    std::string out = splice(text, regionBegin, replaceEnd, region);
    if (units.empty()) {
        // An empty block list cannot be written: the key takes a flow `[]` instead.
        const std::size_t colon = out.find(':', key.offset);
        out = splice(out, colon + 1, colon + 1, " []");
    }
    return {std::move(out), {}};
}

Spliced writeMiddleware(const std::string& text, const YamlNode& root, const std::vector<std::string>& paths)
{
    const YamlNode* settingsKey = root.findKey("settings");
    const YamlNode* settings = root.find("settings");
    if (settings == nullptr) {
        // Appended, not inserted, so that no line of the file moves: trace sources and lesson
        // highlights are YAML line numbers.
        std::string out = text;
        if (!out.empty() && out.back() != '\n')
            out += '\n';
        return {out + "settings:\n" + middlewareBlock("  ", paths), {}};
    }
    if (settings->isNull()) {
        const std::size_t end = lineEnd(text, settingsKey->offset);
        const std::string block = middlewareBlock("  ", paths);
        if (end == text.size())
            return {text + "\n" + block, {}};
        return {splice(text, end + 1, end + 1, block), {}};
    }
    if (!settings->isMapping())
        return failure(tr("'settings' (line %1) is not a mapping").arg(settingsKey->pos.line));

    const YamlNode* key = settings->findKey("MIDDLEWARE");
    const YamlNode* list = settings->find("MIDDLEWARE");
    if (list == nullptr) {
        if (text[settings->offset] == '{') {
            const std::string entry = "MIDDLEWARE: " + flowList(paths) + (settings->entries.empty() ? "" : ", ");
            return {splice(text, settings->offset + 1, settings->offset + 1, entry), {}};
        }
        // Structured binding: entries are key/value pairs, however the parser spells them.
        const auto& [first, firstValue] = settings->entries.front();
        const std::string indent(static_cast<std::size_t>(std::max(0, first.pos.column - 1)), ' ');
        const std::size_t at = lineBegin(text, first.offset);
        return {splice(text, at, at, middlewareBlock(indent, paths)), {}};
    }
    if (list->isNull()) {
        const std::size_t colon = text.find(':', key->offset);
        if (paths.empty())
            return {splice(text, colon + 1, colon + 1, " []"), {}};
        const std::string indent(static_cast<std::size_t>(std::max(0, key->pos.column - 1)) + 2, ' ');
        std::string items;
        for (const std::string& path : paths)
            items += "\n" + indent + "- " + scalarText(path, '\0');
        const std::size_t end = lineEnd(text, key->offset);
        return {splice(text, end, end, items), {}};
    }
    if (!list->isSequence())
        return failure(tr("MIDDLEWARE (line %1) is not a list").arg(key->pos.line));
    if (text[list->offset] == '[')
        return rewriteFlowList(text, *list, paths);
    return rewriteBlockList(text, *key, *list, paths);
}

std::vector<std::string> readBackMiddleware(const YamlNode& root)
{
    std::vector<std::string> paths;
    const YamlNode* settings = root.find("settings");
    const YamlNode* list = settings != nullptr ? settings->find("MIDDLEWARE") : nullptr;
    if (list == nullptr)
        return {"<no MIDDLEWARE>"};
    for (const YamlNode& item : list->items)
        paths.push_back(item.isScalar() ? item.value : "<not a string>");
    return paths;
}

// The block node for a key such as "views" or "templates/NAME", and the key node naming it.
std::pair<const YamlNode*, const YamlNode*> findBlock(const YamlNode& root, const std::string& key)
{
    const YamlNode* mapping = &root;
    std::string name = key;
    if (key.rfind("templates/", 0) == 0) {
        mapping = root.find("templates");
        name = key.substr(10);
        if (mapping == nullptr || !mapping->isMapping())
            return {nullptr, nullptr};
    }
    for (const auto& [k, v] : mapping->entries) {
        if (k.isScalar() && k.value == name)
            return {&k, &v};
    }
    return {nullptr, nullptr};
}

std::string withoutTrailingNewlines(std::string text)
{
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    return text;
}

Spliced writeBlock(const std::string& text, const YamlNode& root, const std::string& key, const std::string& code)
{
    const auto [keyNode, node] = findBlock(root, key);
    if (node == nullptr)
        return failure(tr("the file has no block '%1'").arg(QString::fromStdString(key)));
    if (!node->isScalar() || text[node->offset] != '|')
        return failure(tr("'%1' (line %2) is not a literal block ('|'); edit it in the Scenario tab")
                           .arg(QString::fromStdString(key))
                           .arg(keyNode->pos.line));
    const std::size_t headerEnd = lineEnd(text, node->offset);
    const std::string header = text.substr(node->offset, headerEnd - node->offset);
    if (header.find_first_of("123456789") < header.find('#'))
        return failure(tr("'%1' has an explicit indentation indicator, which this editor does not write")
                           .arg(QString::fromStdString(key)));
    const std::size_t firstText = code.find_first_not_of('\n');
    if (firstText != std::string::npos && (code[firstText] == ' ' || code[firstText] == '\t'))
        return failure(tr("the first line must not start with a space: YAML would take it for the block's "
                          "indentation"));

    // The block's lines: as many as its text has, starting on the line after the header.
    const std::size_t contentBegin = headerEnd == text.size() ? text.size() : headerEnd + 1;
    std::size_t lines = static_cast<std::size_t>(std::count(node->value.begin(), node->value.end(), '\n'));
    if (!node->value.empty() && node->value.back() != '\n')
        ++lines;
    std::size_t contentEnd = contentBegin;
    std::size_t indent = static_cast<std::size_t>(std::max(0, keyNode->pos.column - 1)) + 2;
    bool indentFound = false;
    for (std::size_t i = 0; i < lines && contentEnd < text.size(); ++i) {
        const std::size_t end = lineEnd(text, contentEnd);
        const std::size_t firstNonSpace = text.find_first_not_of(' ', contentEnd);
        if (!indentFound && firstNonSpace < end) {
            indent = firstNonSpace - contentEnd;
            indentFound = true;
        }
        contentEnd = end == text.size() ? end : end + 1;
    }

    std::string content;
    std::size_t at = 0;
    while (at < code.size()) {
        std::size_t end = code.find('\n', at);
        if (end == std::string::npos)
            end = code.size();
        const std::string line = code.substr(at, end - at);
        content += (line.empty() ? std::string() : std::string(indent, ' ') + line) + "\n";
        at = end + 1;
    }
    std::string out = text;
    if (contentBegin == text.size() && headerEnd == text.size())
        out += '\n';
    return {splice(out, std::min(contentBegin, out.size()), std::min(contentEnd, out.size()), content), {}};
}

} // namespace

ScenarioEdit::Result ScenarioEdit::setMiddleware(const QString& yaml, const QStringList& middleware)
{
    const std::string text = yaml.toStdString();
    ParsedRoot parsed = parseRoot(text);
    if (!parsed.root)
        return {{}, parsed.error};
    std::vector<std::string> paths;
    for (const QString& path : middleware)
        paths.push_back(path.toStdString());
    const Spliced edited = writeMiddleware(text, *parsed.root, paths);
    if (!edited.error.isEmpty())
        return {{}, edited.error};
    ParsedRoot check = parseRoot(edited.text);
    if (!check.root || readBackMiddleware(*check.root) != paths)
        return {{}, tr("the MIDDLEWARE list is written in a layout this editor cannot change safely; edit it in "
                       "the Scenario tab")};
    return {QString::fromStdString(edited.text), {}};
}

ScenarioEdit::Result ScenarioEdit::replaceBlock(const QString& yaml, const QString& key, const QString& code)
{
    const std::string text = yaml.toStdString();
    ParsedRoot parsed = parseRoot(text);
    if (!parsed.root)
        return {{}, parsed.error};
    const std::string name = key.toStdString();
    const std::string source = code.toStdString();
    const Spliced edited = writeBlock(text, *parsed.root, name, source);
    if (!edited.error.isEmpty())
        return {{}, edited.error};
    ParsedRoot check = parseRoot(edited.text);
    const YamlNode* block = check.root ? findBlock(*check.root, name).second : nullptr;
    if (block == nullptr || withoutTrailingNewlines(block->value) != withoutTrailingNewlines(source))
        return {{}, tr("this text cannot be written as the YAML block '%1' unchanged").arg(key)};
    return {QString::fromStdString(edited.text), {}};
}

} // namespace pipelab::gui
