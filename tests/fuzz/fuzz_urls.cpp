// libFuzzer target: URL patterns. The first line of the input is a route (path() converters) and
// the second a regex (re_path(), Python syntax translated to RE2); each further line is a path to
// resolve against both, and a reverse() of each pattern by name is tried. Compiling a pattern
// may fail only with UrlError; resolving and reversing must never crash or hang.
#include "sim/django/urls/conf.h"
#include "sim/django/urls/urlerror.h"
#include "sim/django/urls/urlresolver.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

std::vector<std::string_view> splitLines(std::string_view input)
{
    std::vector<std::string_view> lines;
    while (!input.empty()) {
        const std::size_t end = input.find('\n');
        lines.push_back(input.substr(0, end));
        if (end == std::string_view::npos)
            break;
        input.remove_prefix(end + 1);
    }
    return lines;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace pipelab::django::urls;
    const std::vector<std::string_view> lines = splitLines(std::string_view(reinterpret_cast<const char*>(data), size));
    if (lines.size() < 2)
        return 0;

    std::vector<UrlEntry> patterns;
    try {
        patterns.push_back(path(lines[0], View{1, "shop.views.route"}, {}, "route"));
    } catch (const UrlError&) {
    }
    try {
        patterns.push_back(rePath(lines[1], View{2, "shop.views.regex"}, {}, "regex"));
    } catch (const UrlError&) {
    }
    if (patterns.empty())
        return 0;
    try {
        const auto root = URLResolver::root(std::move(patterns));
        for (std::size_t i = 2; i < lines.size(); ++i) {
            static_cast<void>(root->resolve(lines[i]));
            static_cast<void>(root->appendSlashMatch(lines[i]));
        }
        for (const char* name : {"route", "regex"}) {
            try {
                static_cast<void>(root->reverse(name));
            } catch (const UrlError&) {
            }
        }
    } catch (const UrlError&) {
        // Compiling the patterns lazily (the first resolve) may refuse them too.
    }
    return 0;
}
