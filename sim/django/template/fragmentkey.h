// django.core.cache.utils.make_template_fragment_key(), the key {% cache %} stores a fragment
// under: "template.cache.<fragment_name>.<md5 hex of each str(vary_on) followed by ':'>", and
// the MD5 it needs (RFC 1321).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pipelab::django::templates {

std::string md5Hex(std::string_view data);

std::string makeTemplateFragmentKey(std::string_view fragmentName, const std::vector<std::string>& varyOn);

} // namespace pipelab::django::templates
