// The built-in filter table, read from Django 3.2 with inspect.getfullargspec().
#include "sim/django/template/filtersignature.h"

#include <array>

namespace pipelab::django::templates {

namespace {

constexpr std::array<FilterSignature, 57> kBuiltins = {{
    {"add", 2, 0}, {"addslashes", 1, 0}, {"capfirst", 1, 0}, {"center", 2, 0}, {"cut", 2, 0},
    {"date", 2, 1}, {"default", 2, 0}, {"default_if_none", 2, 0}, {"dictsort", 2, 0},
    {"dictsortreversed", 2, 0}, {"divisibleby", 2, 0}, {"escape", 1, 0}, {"escapejs", 1, 0},
    {"filesizeformat", 1, 0}, {"first", 1, 0}, {"floatformat", 2, 1}, {"force_escape", 1, 0},
    {"get_digit", 2, 0}, {"iriencode", 1, 0}, {"join", 3, 1}, {"json_script", 2, 0}, {"last", 1, 0},
    {"length", 1, 0}, {"length_is", 2, 0}, {"linebreaks", 2, 1}, {"linebreaksbr", 2, 1},
    {"linenumbers", 2, 1}, {"ljust", 2, 0}, {"lower", 1, 0}, {"make_list", 1, 0}, {"phone2numeric", 1, 0},
    {"pluralize", 2, 1}, {"pprint", 1, 0}, {"random", 1, 0}, {"rjust", 2, 0}, {"safe", 1, 0},
    {"safeseq", 1, 0}, {"slice", 2, 0}, {"slugify", 1, 0}, {"stringformat", 2, 0}, {"striptags", 1, 0},
    {"time", 2, 1}, {"timesince", 2, 1}, {"timeuntil", 2, 1}, {"title", 1, 0}, {"truncatechars", 2, 0},
    {"truncatechars_html", 2, 0}, {"truncatewords", 2, 0}, {"truncatewords_html", 2, 0},
    {"unordered_list", 2, 1}, {"upper", 1, 0}, {"urlencode", 2, 1}, {"urlize", 2, 1}, {"urlizetrunc", 3, 1},
    {"wordcount", 1, 0}, {"wordwrap", 2, 0}, {"yesno", 2, 1},
}};

} // namespace

std::optional<FilterSignature> FilterSignature::builtin(std::string_view name)
{
    for (const auto& f : kBuiltins)
        if (f.name == name)
            return f;
    return std::nullopt;
}

} // namespace pipelab::django::templates
