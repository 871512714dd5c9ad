// ScenarioCode (see scenariocode.h).
#include "sim/django/analysis/scenariocode.h"

#include <cctype>
#include <charconv>

namespace pipelab::django::analysis {

namespace {

std::vector<std::string_view> splitLines(std::string_view text)
{
    std::vector<std::string_view> lines;
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t nl = text.find('\n', begin);
        if (nl == std::string_view::npos)
            nl = text.size();
        std::string_view line = text.substr(begin, nl - begin);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        lines.push_back(line);
        begin = nl + 1;
    }
    return lines;
}

bool isBlank(std::string_view line)
{
    return line.find_first_not_of(" \t") == std::string_view::npos;
}

// The identifier after `keyword ` at the start of a line ("def dashboard(" → "dashboard").
std::optional<std::string> definedName(std::string_view line, std::string_view keyword)
{
    if (line.substr(0, keyword.size()) != keyword)
        return std::nullopt;
    std::size_t i = keyword.size();
    const std::size_t start = i;
    while (i < line.size() && isIdentifierChar(line[i]))
        ++i;
    if (i == start)
        return std::nullopt;
    return std::string(line.substr(start, i - start));
}

} // namespace

bool isIdentifierChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool hasAttributeAccess(std::string_view text, std::string_view name)
{
    for (std::size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
        const std::size_t end = at + name.size();
        if (at > 0 && text[at - 1] == '.' && (end == text.size() || !isIdentifierChar(text[end])))
            return true;
    }
    return false;
}

bool hasName(std::string_view text, std::string_view word)
{
    for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
        const std::size_t end = at + word.size();
        if ((at == 0 || (!isIdentifierChar(text[at - 1]) && text[at - 1] != '.'))
            && (end == text.size() || !isIdentifierChar(text[end])))
            return true;
    }
    return false;
}

ScenarioCode::ScenarioCode(const scenario::Scenario& scenario)
{
    const auto add = [this](std::string name, const std::optional<scenario::CodeBlock>& code) {
        if (code)
            blocks_[std::move(name)] = Block{&*code, splitLines(code->text)};
    };
    add("models", scenario.models);
    add("urls", scenario.urls);
    add("views", scenario.views);
    add("middleware", scenario.middleware);
    add("signals", scenario.signals);
    add("apps", scenario.apps);
    for (const scenario::Template& t : scenario.templates)
        blocks_["templates/" + t.name] = Block{&t.source, splitLines(t.source.text)};
}

const ScenarioCode::Block* ScenarioCode::find(std::string_view name) const
{
    const auto it = blocks_.find(name);
    return it == blocks_.end() ? nullptr : &it->second;
}

const scenario::CodeBlock* ScenarioCode::block(std::string_view name) const
{
    const Block* b = find(name);
    return b ? b->code : nullptr;
}

std::optional<ScenarioCode::Line> ScenarioCode::line(std::string_view source) const
{
    const std::size_t colon = source.rfind(':');
    if (colon == std::string_view::npos)
        return std::nullopt;
    int yamlLine = 0;
    const std::string_view digits = source.substr(colon + 1);
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), yamlLine);
    if (ec != std::errc() || ptr != digits.data() + digits.size())
        return std::nullopt;
    const Block* b = find(source.substr(0, colon));
    if (!b)
        return std::nullopt;
    return line(source.substr(0, colon), yamlLine - b->code->pos.line + 1);
}

std::optional<ScenarioCode::Line> ScenarioCode::line(std::string_view block, int number) const
{
    const Block* b = find(block);
    if (!b || number < 1 || number > static_cast<int>(b->lines.size()))
        return std::nullopt;
    return Line{std::string(block), b->code, number, b->lines[static_cast<std::size_t>(number - 1)]};
}

int ScenarioCode::lineCount(std::string_view block) const
{
    const Block* b = find(block);
    return b ? static_cast<int>(b->lines.size()) : 0;
}

std::string ScenarioCode::text(std::string_view block, int first, int last) const
{
    std::string out;
    for (int n = first; n <= last; ++n)
        if (const std::optional<Line> l = line(block, n)) {
            out.append(l->text);
            out += '\n';
        }
    return out;
}

std::vector<ScenarioCode::Definition> ScenarioCode::definitions(std::string_view block) const
{
    std::vector<Definition> out;
    const Block* b = find(block);
    if (!b)
        return out;
    int decorators = 0; // first line of the decorators seen just above, 0 when none
    for (std::size_t i = 0; i < b->lines.size(); ++i) {
        const std::string_view text = b->lines[i];
        const int number = static_cast<int>(i) + 1;
        if (isBlank(text) || text.front() == ' ' || text.front() == '\t' || text.front() == '#')
            continue;
        if (text.front() == '@') {
            if (decorators == 0)
                decorators = number;
            continue;
        }
        std::optional<std::string> name = definedName(text, "def ");
        bool isClass = false;
        if (!name) {
            name = definedName(text, "class ");
            isClass = name.has_value();
        }
        if (!name) {
            decorators = 0;
            continue;
        }
        Definition d{*name, isClass, decorators ? decorators : number, number, number};
        for (std::size_t j = i + 1; j < b->lines.size(); ++j) {
            const std::string_view body = b->lines[j];
            if (isBlank(body))
                continue;
            if (body.front() != ' ' && body.front() != '\t')
                break;
            d.last = static_cast<int>(j) + 1;
        }
        out.push_back(std::move(d));
        decorators = 0;
    }
    return out;
}

std::optional<ScenarioCode::Definition> ScenarioCode::definition(std::string_view block, std::string_view name) const
{
    for (Definition& d : definitions(block))
        if (d.name == name)
            return d;
    return std::nullopt;
}

} // namespace pipelab::django::analysis
