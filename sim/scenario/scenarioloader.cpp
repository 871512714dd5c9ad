// loadScenarioText / loadScenarioFile: parse, then read every section into a Scenario, collecting
// all diagnostics in one pass. Sections that refer to others (requests → users, expect and
// lesson → requests, templates, load) are read after what they refer to, whatever the file order;
// diagnostics are sorted into file order at the end.
#include "sim/scenario/scenarioloader.h"

#include "sim/scenario/datareader.h"
#include "sim/scenario/lessonreader.h"
#include "sim/scenario/limits.h"
#include "sim/scenario/loadreader.h"
#include "sim/scenario/requestreader.h"
#include "sim/scenario/settingsreader.h"
#include "sim/scenario/yamlparser.h"
#include "sim/scenario/yamlreader.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <system_error>

namespace pipelab::scenario {

namespace {

constexpr std::string_view kTopLevelKeys[] = {"format",   "name",      "summary",    "description", "app_label",
                                              "settings", "models",    "data",       "users",       "urls",
                                              "views",    "templates", "middleware", "signals",     "apps",
                                              "requests", "load",      "costs",      "expect",      "lesson"};
constexpr std::string_view kRequiredKeys[] = {"format", "name", "models", "urls", "views", "requests"};

class TopLevelReader {
public:
    explicit TopLevelReader(YamlReader& reader) : r(reader) {}

    Scenario read(const YamlNode& root)
    {
        Scenario s;
        s.file = r.fileName();
        s.settings = defaultSettings();
        if (!root.isMapping()) {
            if (!root.isInvalid())
                r.error(root.pos, fmt::format("the top level of a scenario must be a mapping, got {}",
                                              YamlReader::typeName(root)));
            return s;
        }
        r.checkScalarKeys(root);
        for (const auto& [key, value] : root.entries) {
            if (key.isScalar() &&
                std::find(std::begin(kTopLevelKeys), std::end(kTopLevelKeys), key.value) == std::end(kTopLevelKeys))
                r.error(key.pos, fmt::format("unknown top-level key '{}'", key.value));
        }
        for (std::string_view required : kRequiredKeys) {
            if (!root.find(std::string(required)))
                r.error({1, 1}, fmt::format("missing required key '{}'", required));
        }

        if (const YamlNode* format = root.find("format")) {
            if (auto version = r.integer(*format, "'format'", std::numeric_limits<std::int64_t>::min(),
                                         std::numeric_limits<std::int64_t>::max())) {
                if (*version != 1)
                    r.error(format->pos, fmt::format("unsupported format {} (this PipeLab reads format 1)", *version));
                s.format = *version;
            }
        }
        readString(root, "name", s.name, true);
        readString(root, "summary", s.summary, false);
        readString(root, "description", s.description, false);
        if (const YamlNode* label = root.find("app_label")) {
            if (auto text = r.nonEmptyString(*label, "'app_label'")) {
                if (isPythonIdentifier(*text))
                    s.appLabel = *text;
                else
                    r.error(label->pos, fmt::format("'app_label' must be a Python identifier, got '{}'", *text));
            }
        }
        if (const YamlNode* settings = root.find("settings"))
            s.settings = readSettings(r, *settings, s.settings);
        s.models = readModule(root, "models");
        s.urls = readModule(root, "urls");
        s.views = readModule(root, "views");
        s.middleware = readModule(root, "middleware");
        s.signals = readModule(root, "signals");
        s.apps = readModule(root, "apps");
        if (const YamlNode* templates = root.find("templates"))
            s.templates = readTemplates(*templates);
        if (const YamlNode* data = root.find("data"))
            s.data = readData(r, *data);
        if (const YamlNode* users = root.find("users"))
            s.users = readUsers(r, *users);
        if (const YamlNode* requests = root.find("requests"))
            s.requests = readRequests(r, *requests, s.users);
        std::int64_t requestCount = 0;
        for (const Request& request : s.requests)
            requestCount += request.repeat;
        if (const YamlNode* load = root.find("load"))
            s.load = readLoad(r, *load, requestCount);
        if (const YamlNode* costs = root.find("costs"))
            s.costs = readCosts(r, *costs);
        if (const YamlNode* expect = root.find("expect"))
            s.expect = readExpect(r, *expect, s);
        if (const YamlNode* lesson = root.find("lesson"))
            s.lesson = readLesson(r, *lesson, s);
        return s;
    }

private:
    void readString(const YamlNode& root, const char* key, std::string& out, bool nonEmpty)
    {
        if (const YamlNode* node = root.find(key)) {
            const std::string what = fmt::format("'{}'", key);
            if (auto text = nonEmpty ? r.nonEmptyString(*node, what) : r.string(*node, what))
                out = *text;
        }
    }

    std::optional<CodeBlock> readModule(const YamlNode& root, const char* key)
    {
        if (const YamlNode* node = root.find(key))
            return r.codeBlock(*node, fmt::format("'{}'", key));
        return std::nullopt;
    }

    std::vector<Template> readTemplates(const YamlNode& node)
    {
        std::vector<Template> templates;
        if (!r.isMapping(node, "'templates'"))
            return templates;
        r.checkScalarKeys(node);
        for (const auto& [name, source] : node.entries) {
            if (!name.isScalar())
                continue;
            if (name.value.empty()) {
                r.error(name.pos, "a template name must not be empty");
                continue;
            }
            if (auto block = r.codeBlock(source, fmt::format("template '{}'", name.value)))
                templates.push_back({name.value, std::move(*block)});
        }
        return templates;
    }

    YamlReader& r;
};

} // namespace

LoadResult loadScenarioText(std::string_view text, const std::string& fileName)
{
    // A UTF-8 byte order mark is not part of the text: editors show no column for it.
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    LoadResult result;
    YamlParser parser(fileName);
    std::optional<YamlNode> root = parser.parse(text);
    result.diagnostics = parser.diagnostics();
    std::optional<Scenario> scenario;
    if (root) {
        YamlReader reader(text, fileName, result.diagnostics);
        scenario = TopLevelReader(reader).read(*root);
    }
    std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                         return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
                     });
    if (scenario && !hasErrors(result.diagnostics))
        result.scenario = std::move(scenario);
    return result;
}

LoadResult loadScenarioFile(const std::filesystem::path& path)
{
    const std::string fileName = path.string();
    auto fail = [&](std::string message) {
        LoadResult result;
        result.diagnostics.push_back({Diagnostic::Severity::Error, fileName, {0, 0}, std::move(message)});
        return result;
    };
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status))
        return fail("cannot open file: no such file");
    if (std::filesystem::is_directory(status))
        return fail("cannot open file: it is a directory");
    if (!std::filesystem::is_regular_file(status))
        return fail("cannot open file: not a regular file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail("cannot open file");
    // Read at most one byte past the limit: enough for the parser to report the size.
    std::string text(limits::kMaxFileBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad())
        return fail("cannot read file");
    text.resize(static_cast<std::size_t>(in.gcount()));
    return loadScenarioText(text, fileName);
}

} // namespace pipelab::scenario
