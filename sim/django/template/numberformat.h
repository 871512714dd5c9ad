// Number formatting as Django's floatformat filter and django.utils.numberformat do it, on exact
// decimal text (Python's Decimal of repr(float)), so rounding is decimal ROUND_HALF_UP, never
// binary floating point.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pipelab::django::templates::numberformat {

// A finite Decimal: (-1)^negative × digits × 10^exponent, digits without leading zeros ("0" for 0).
struct DecimalNumber {
    bool negative = false;
    std::string digits = "0";
    int exponent = 0;
};

// Decimal(text) for finite literals ("34.5", "-1e-05", "7"); nullopt for anything else (the
// caller handles inf/nan, which Decimal accepts, separately).
std::optional<DecimalNumber> parseDecimal(std::string_view text);
// True for Decimal's spellings of infinity and NaN ("inf", "-Infinity", "nan", "sNaN" ...).
bool isSpecialDecimal(std::string_view text);
// '{:f}'.format(Decimal): positional notation.
std::string toPlain(const DecimalNumber& d);

// defaultfilters.floatformat once `d` and `p` are known (the caller does the conversions and
// their failure cases).
std::string floatformat(const DecimalNumber& d, long long p, bool forceGrouping);

// numberformat.format(str_number, decimal_sep='.', decimal_pos, grouping=3, thousand_sep=',').
std::string format(std::string_view number, std::optional<int> decimalPos, bool grouping);

// localize(float): str(value), expanded to positional notation when it has an exponent.
std::string localizeFloat(std::string_view pythonRepr);

} // namespace pipelab::django::templates::numberformat
