// URLPattern: one path()/re_path() endpoint: a pattern, the view (an opaque handle: this layer
// knows no Python), default kwargs and a name.
#pragma once

#include "sim/django/urls/pattern.h"
#include "sim/django/urls/resolvermatch.h"

#include <optional>
#include <string>

namespace pipelab::django::urls {

class URLPattern {
public:
    // lookupStr is the view's dotted path ("shop.views.detail"), Django's lookup_str.
    URLPattern(Pattern pattern, Handle callback, std::string lookupStr, Kwargs defaultArgs = {},
               std::optional<std::string> name = std::nullopt);

    std::optional<ResolverMatch> resolve(std::string_view path) const;

    const Pattern& pattern() const { return pattern_; }
    Handle callback() const { return callback_; }
    const std::string& lookupStr() const { return lookupStr_; }
    const Kwargs& defaultArgs() const { return defaultArgs_; }
    const std::optional<std::string>& name() const { return name_; }

private:
    Pattern pattern_;
    Handle callback_;
    std::string lookupStr_;
    Kwargs defaultArgs_;
    std::optional<std::string> name_;
};

} // namespace pipelab::django::urls
