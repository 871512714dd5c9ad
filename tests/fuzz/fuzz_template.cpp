// libFuzzer target: the template lexer, parser and renderer. The input holds up to three
// templates separated by a line "----" (page.html, a.html, b.html; they may include or extend each
// other); page.html is parsed and rendered with a fixed context under small budgets. A render
// must end with output, a Python exception or BudgetExceeded; parsing with TemplateSyntaxError.
#include "sim/django/template/engine.h"
#include "sim/python/interpreter.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace {

constexpr std::array<std::string_view, 3> kNames = {"page.html", "a.html", "b.html"};

std::array<std::string, 3> splitTemplates(std::string_view input)
{
    std::array<std::string, 3> sources;
    std::size_t index = 0;
    while (index + 1 < sources.size()) {
        const std::size_t cut = input.find("\n----\n");
        if (cut == std::string_view::npos)
            break;
        sources[index++] = std::string(input.substr(0, cut));
        input.remove_prefix(cut + 6);
    }
    sources[index] = std::string(input);
    return sources;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace pipelab;
    const std::array<std::string, 3> sources = splitTemplates(std::string_view(reinterpret_cast<const char*>(data), size));

    py::Budget budget;
    budget.maxSteps = 200'000;
    budget.maxCollection = 100'000;
    budget.maxStringBytes = 1 << 20;
    budget.maxAllocations = 500'000;
    py::Interpreter interp(budget);
    django::templates::RenderHooks hooks;
    django::templates::EngineOptions options;
    options.maxOutputBytes = 1 << 20;
    django::templates::Engine engine(
        interp,
        [&](std::string_view name) -> std::optional<django::templates::TemplateSource> {
            for (std::size_t i = 0; i < kNames.size(); ++i)
                if (name == kNames[i])
                    return django::templates::TemplateSource{sources[i], 1};
            return std::nullopt;
        },
        hooks, options);

    try {
        if (!engine.findTemplate("page.html"))
            return 0;
    } catch (const django::templates::TemplateSyntaxError&) {
        return 0;
    }
    static_cast<void>(interp.guard([&] {
        py::ModuleObject* module = interp.newModule("fuzzcontext", "views");
        const py::Value context = interp.evalExpression(
            module, R"({"items": [1, 2, "<b>x</b>", None], "user": {"name": "ann", "is_staff": True},
                        "n": 3, "s": "Hello World", "price": 12.5, "empty": [], "nested": {"a": {"b": [1, {"c": 2}]}}})");
        engine.renderToString("page.html", context);
    }));
    return 0;
}
