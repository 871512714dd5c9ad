// DateFormat: django.utils.dateformat.format() and formats.date_format() for the en locale
// (USE_L10N = True, LANGUAGE_CODE = "en-us"): PHP-style format characters, backslash escapes,
// and the named formats (DATE_FORMAT "N j, Y", DATETIME_FORMAT "N j, Y, P", ...).
#pragma once

#include "sim/django/template/datetimeobject.h"

#include <stdexcept>
#include <string>
#include <string_view>

namespace pipelab::django::templates {

// Django raises TypeError for a time specifier applied to a date.
class DateFormatTypeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class DateFormat {
public:
    // dateformat.format(value, formatString). Throws DateFormatTypeError.
    static std::string format(const DateParts& value, std::string_view formatString);
    // formats.date_format(value, format): a named format ("DATE_FORMAT" ...) is looked up first;
    // an empty format means DATE_FORMAT.
    static std::string dateFormat(const DateParts& value, std::string_view format);
    // The en locale's value of a named format, or the name itself when it is not one.
    static std::string_view namedFormat(std::string_view name);
};

} // namespace pipelab::django::templates
