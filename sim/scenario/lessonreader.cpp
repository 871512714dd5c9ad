// readExpect and readLesson: request and load expectations; one-action lesson steps.
#include "sim/scenario/lessonreader.h"

#include "sim/scenario/settingsreader.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace pipelab::scenario {

namespace {

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

std::int64_t expandedCount(const Scenario& scenario)
{
    std::int64_t n = 0;
    for (const Request& request : scenario.requests)
        n += request.repeat;
    return n;
}

int lineCount(const std::string& text)
{
    const auto newlines = std::count(text.begin(), text.end(), '\n');
    return static_cast<int>(newlines) + (text.empty() || text.back() == '\n' ? 0 : 1);
}

const std::optional<CodeBlock>* moduleBlock(const Scenario& s, std::string_view key)
{
    if (key == "models")
        return &s.models;
    if (key == "urls")
        return &s.urls;
    if (key == "views")
        return &s.views;
    if (key == "middleware")
        return &s.middleware;
    if (key == "signals")
        return &s.signals;
    if (key == "apps")
        return &s.apps;
    return nullptr;
}

std::optional<std::int64_t> requestIndex(YamlReader& r, const YamlNode& node, std::int64_t count)
{
    auto index = r.integer(node, "'request'", 0, kInt64Max);
    if (index && *index >= count) {
        r.error(node.pos,
                fmt::format("request index {} is out of range (the scenario has {})", *index, countOf(count, "request")));
        return std::nullopt;
    }
    return index;
}

void readLoadBounds(YamlReader& r, const YamlNode& node, Expectation& e)
{
    if (!r.isMapping(node, "'load'"))
        return;
    r.checkKeys(node, {"max_p95_ms", "min_throughput", "max_timeouts"}, "load expectation");
    Expectation::LoadBounds bounds;
    if (const YamlNode* p95 = node.find("max_p95_ms"))
        bounds.maxP95Ms = r.number(*p95, "'max_p95_ms'", 0, std::numeric_limits<double>::max(), true);
    if (const YamlNode* throughput = node.find("min_throughput"))
        bounds.minThroughput = r.number(*throughput, "'min_throughput'", 0, std::numeric_limits<double>::max());
    if (const YamlNode* timeouts = node.find("max_timeouts"))
        bounds.maxTimeouts = r.integer(*timeouts, "'max_timeouts'", 0, kInt64Max);
    if (node.entries.empty())
        r.error(node.pos, "a load expectation needs max_p95_ms, min_throughput or max_timeouts");
    e.load = bounds;
}

class LessonReader {
public:
    LessonReader(YamlReader& reader, const Scenario& scenario)
        : r(reader), s(scenario), m_requestCount(expandedCount(scenario))
    {
    }

    std::vector<LessonStep> read(const YamlNode& node)
    {
        std::vector<LessonStep> steps;
        if (!r.isSequence(node, "'lesson'"))
            return steps;
        for (const YamlNode& item : node.items) {
            if (!r.isMapping(item, "a lesson step"))
                continue;
            if (auto step = readStep(item))
                steps.push_back(std::move(*step));
        }
        return steps;
    }

private:
    std::optional<LessonStep> readStep(const YamlNode& item)
    {
        static constexpr std::string_view kKinds[] = {"say", "show", "highlight", "run", "ask", "patch", "compare"};
        r.checkKeys(item, {"say", "show", "highlight", "run", "ask", "answer", "patch", "compare"}, "lesson step");
        std::vector<const YamlEntry*> actions;
        for (const auto& entry : item.entries) {
            if (entry.key.isScalar() &&
                std::find(std::begin(kKinds), std::end(kKinds), entry.key.value) != std::end(kKinds))
                actions.push_back(&entry);
        }
        if (actions.empty()) {
            r.error(item.pos, "a lesson step needs one of say, show, highlight, run, ask, patch or compare");
            return std::nullopt;
        }
        if (actions.size() > 1) {
            r.error(actions[1]->key.pos, fmt::format("a lesson step does one thing; this one has both '{}' and '{}'",
                                                       actions[0]->key.value, actions[1]->key.value));
            return std::nullopt;
        }
        const std::string& kind = actions[0]->key.value;
        const YamlNode& value = actions[0]->value;
        const YamlNode* answer = item.find("answer");
        if (answer && kind != "ask")
            r.error(item.findKey("answer")->pos, "'answer' goes with 'ask'");

        LessonStep step;
        step.pos = item.pos;
        if (kind == "say" || kind == "show" || kind == "highlight") {
            step.kind = kind == "say" ? LessonStep::Kind::Say
                        : kind == "show" ? LessonStep::Kind::Show
                                         : LessonStep::Kind::Highlight;
            if (auto text = r.nonEmptyString(value, "'" + kind + "'")) {
                step.text = *text;
                if (step.kind == LessonStep::Kind::Highlight)
                    checkHighlight(value, *text);
                if (step.kind == LessonStep::Kind::Show)
                    checkPanel(value, *text);
            }
        } else if (kind == "run") {
            step.kind = LessonStep::Kind::Run;
            if (auto index = r.integer(value, "'run'", 0, kInt64Max)) {
                if (*index >= m_requestCount)
                    r.error(value.pos, fmt::format("request index {} is out of range (the scenario has {})",
                                                   *index, countOf(m_requestCount, "request")));
                step.run = *index;
            }
            ++m_runs;
        } else if (kind == "ask") {
            step.kind = LessonStep::Kind::Ask;
            if (auto text = r.nonEmptyString(value, "'ask'"))
                step.text = *text;
            if (!answer) {
                r.error(item.pos, "'ask' needs an 'answer'");
            } else if (auto text = r.nonEmptyString(*answer, "'answer'")) {
                step.answer = *text;
            }
        } else if (kind == "patch") {
            step.kind = LessonStep::Kind::Patch;
            readPatch(value, step);
        } else {
            step.kind = LessonStep::Kind::Compare;
            readCompare(value, step);
        }
        return step;
    }

    // The panels a lesson can bring forward (the GUI's names for them).
    void checkPanel(const YamlNode& node, const std::string& panel)
    {
        if (std::find(std::begin(kLessonPanels), std::end(kLessonPanels), panel) != std::end(kLessonPanels))
            return;
        std::string choices;
        for (std::string_view name : kLessonPanels)
            choices += (choices.empty() ? "" : ", ") + std::string(name);
        r.error(node.pos, fmt::format("'show' names panel '{}'; the panels are {}", panel, choices));
    }

    // `views:LINE` (any module), `templates/NAME:LINE`, or a middleware name.
    void checkHighlight(const YamlNode& node, const std::string& target)
    {
        const std::size_t colon = target.rfind(':');
        if (colon == std::string::npos)
            return; // a middleware name
        const std::string where = target.substr(0, colon);
        const std::string lineText = target.substr(colon + 1);
        const CodeBlock* block = nullptr;
        if (where.rfind("templates/", 0) == 0) {
            const std::string name = where.substr(10);
            const auto it = std::find_if(s.templates.begin(), s.templates.end(),
                                         [&](const Template& t) { return t.name == name; });
            if (it == s.templates.end()) {
                r.error(node.pos, fmt::format("highlight names template '{}', which the scenario does not define", name));
                return;
            }
            block = &it->source;
        } else if (const std::optional<CodeBlock>* module = moduleBlock(s, where)) {
            if (!*module) {
                r.error(node.pos, fmt::format("highlight names '{}', which the scenario does not define", where));
                return;
            }
            block = &**module;
        } else {
            r.error(node.pos, fmt::format("highlight '{}' must be MODULE:LINE, templates/NAME:LINE or a middleware name",
                                          target));
            return;
        }
        // LINE is a line of the YAML file, as in trace sources ("views:12"), inside the block.
        const bool digits = !lineText.empty() && lineText.size() < 10 &&
                            std::all_of(lineText.begin(), lineText.end(), [](char c) { return c >= '0' && c <= '9'; });
        const int line = digits ? std::stoi(lineText) : 0;
        const int lines = lineCount(block->text);
        const int first = block->pos.line;
        const int last = first + lines - 1;
        if (lines == 0)
            r.error(node.pos, fmt::format("highlight line '{}' is not a line of '{}' (it is empty)", lineText, where));
        else if (line < first || line > last)
            r.error(node.pos, fmt::format("highlight line '{}' is not a line of '{}' (it spans YAML lines {} to {})",
                                          lineText, where, first, last));
    }

    void readPatch(const YamlNode& node, LessonStep& step)
    {
        if (!r.isMapping(node, "'patch'"))
            return;
        r.checkKeys(node, {"settings", "views", "templates", "models", "middleware", "signals", "apps"}, "'patch'");
        if (node.entries.empty())
            r.error(node.pos, "'patch' must replace at least one of settings, views, templates, models, middleware, "
                              "signals or apps");
        for (const auto& [key, value] : node.entries) {
            if (!key.isScalar())
                continue;
            if (key.value == "settings") {
                // Patches accumulate, as the lesson plays them: this patch's settings apply on
                // top of every earlier one's.
                step.settings = readSettings(r, value, m_patchedSettings ? *m_patchedSettings : s.settings);
                m_patchedSettings = step.settings;
            } else if (key.value == "templates") {
                if (!r.isMapping(value, "'templates'"))
                    continue;
                r.checkScalarKeys(value);
                for (const auto& [name, source] : value.entries) {
                    if (!name.isScalar())
                        continue;
                    if (auto block = r.codeBlock(source, "template '" + name.value + "'"))
                        step.patch["templates/" + name.value] = std::move(*block);
                }
            } else if (key.value != "urls" && moduleBlock(s, key.value)) {
                if (auto block = r.codeBlock(value, "'" + key.value + "'"))
                    step.patch[key.value] = std::move(*block);
            }
        }
    }

    void readCompare(const YamlNode& node, LessonStep& step)
    {
        if (!node.isSequence() || node.items.size() != 2) {
            if (!node.isInvalid())
                r.error(node.pos, fmt::format("'compare' must be a list of two run numbers, got {}",
                                              node.isSequence() ? fmt::format("{} items", node.items.size())
                                                                : YamlReader::typeName(node)));
            return;
        }
        std::int64_t runs[2] = {0, 0};
        for (std::size_t i = 0; i < 2; ++i) {
            const YamlNode& item = node.items[i];
            auto index = r.integer(item, "a 'compare' run", 0, kInt64Max);
            if (!index)
                continue;
            if (*index >= m_runs)
                r.error(item.pos, fmt::format("'compare' names run {}, but the lesson has {} before this step", *index,
                                              countOf(m_runs, "run step")));
            runs[i] = *index;
        }
        step.compare = {runs[0], runs[1]};
    }

    YamlReader& r;
    const Scenario& s;
    std::optional<Settings> m_patchedSettings;
    std::int64_t m_requestCount;
    std::int64_t m_runs = 0;
};

} // namespace

std::vector<Expectation> readExpect(YamlReader& r, const YamlNode& node, const Scenario& scenario)
{
    std::vector<Expectation> out;
    if (!r.isSequence(node, "'expect'"))
        return out;
    const std::int64_t count = expandedCount(scenario);
    for (const YamlNode& item : node.items) {
        if (!r.isMapping(item, "an 'expect' item"))
            continue;
        Expectation e;
        e.pos = item.pos;
        if (const YamlNode* load = item.find("load")) {
            r.checkKeys(item, {"load"}, "load expectation");
            if (!scenario.load)
                r.error(item.pos, "a load expectation needs a 'load' section");
            readLoadBounds(r, *load, e);
            out.push_back(std::move(e));
            continue;
        }
        r.checkKeys(item, {"request", "status", "queries", "error", "header"}, "'expect' item");
        if (const YamlNode* request = item.find("request"))
            e.request = requestIndex(r, *request, count);
        else
            r.error(item.pos, "an 'expect' item needs 'request' or 'load'");
        if (const YamlNode* status = item.find("status"))
            e.status = r.integer(*status, "'status'", 100, 599);
        if (const YamlNode* queries = item.find("queries"))
            e.queries = r.integer(*queries, "'queries'", 0, kInt64Max);
        if (const YamlNode* error = item.find("error"))
            e.error = r.nonEmptyString(*error, "'error'");
        if (const YamlNode* header = item.find("header")) {
            if (r.isMapping(*header, "'header'")) {
                r.checkScalarKeys(*header);
                for (const auto& [name, value] : header->entries) {
                    if (!name.isScalar())
                        continue;
                    if (auto text = r.text(value, "'" + name.value + "'"))
                        e.headers.emplace_back(name.value, *text);
                }
            }
        }
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<LessonStep> readLesson(YamlReader& r, const YamlNode& node, const Scenario& scenario)
{
    return LessonReader(r, scenario).read(node);
}

} // namespace pipelab::scenario
