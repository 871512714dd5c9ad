// The names of Django's global settings, so that a setting the simulator does not model can be
// told apart from a misspelled one: the first is a warning "not simulated", the second a warning
// "unknown Django setting".
#pragma once

#include <string_view>

namespace pipelab::scenario {

// True for every name in Django 3.2's django/conf/global_settings.py, plus ROOT_URLCONF
// (required by every project, but without a global default).
bool isDjangoSetting(std::string_view name);

} // namespace pipelab::scenario
