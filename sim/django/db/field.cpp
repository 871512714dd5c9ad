// Field: defaults and parameter preparation as Django's Field subclasses do them.
#include "sim/django/db/field.h"

#include <cmath>
#include <cstdio>

namespace pipelab::django::db {

const char* fieldKindName(FieldKind kind)
{
    switch (kind) {
    case FieldKind::AutoField: return "AutoField";
    case FieldKind::CharField: return "CharField";
    case FieldKind::TextField: return "TextField";
    case FieldKind::SlugField: return "SlugField";
    case FieldKind::EmailField: return "EmailField";
    case FieldKind::IntegerField: return "IntegerField";
    case FieldKind::PositiveIntegerField: return "PositiveIntegerField";
    case FieldKind::BigIntegerField: return "BigIntegerField";
    case FieldKind::FloatField: return "FloatField";
    case FieldKind::DecimalField: return "DecimalField";
    case FieldKind::BooleanField: return "BooleanField";
    case FieldKind::DateField: return "DateField";
    case FieldKind::DateTimeField: return "DateTimeField";
    case FieldKind::ForeignKey: return "ForeignKey";
    case FieldKind::OneToOneField: return "OneToOneField";
    case FieldKind::ManyToManyField: return "ManyToManyField";
    }
    return "Field";
}

DbValue Field::defaultForNewRow() const
{
    if (defaultValue)
        return prepValue(*this, *defaultValue);
    if (null)
        return {};
    // Field.get_default(): "" for fields whose empty value is a string, else None.
    if (isTextual())
        return std::string();
    return {};
}

DbValue prepValue(const Field& field, const DbValue& value)
{
    if (value.isNull())
        return value;
    switch (field.kind) {
    case FieldKind::DecimalField:
        if (const auto* d = std::get_if<double>(&value.variant())) {
            // DecimalField.to_python(float): context.create_decimal_from_float, max_digits digits.
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.*g", field.maxDigits > 0 ? field.maxDigits : 17, *d);
            if (auto dec = Decimal::parse(buf))
                return *dec;
            return value;
        }
        if (const auto i = value.asInt(); i && !std::holds_alternative<Decimal>(value.variant()))
            return Decimal::fromInt(*i);
        if (std::holds_alternative<std::string>(value.variant())) {
            if (auto dec = Decimal::parse(value.text()))
                return *dec;
        }
        return value;
    case FieldKind::FloatField:
        if (value.isNumeric())
            return value.asDouble();
        return value;
    case FieldKind::BooleanField:
        if (const auto i = value.asInt())
            return *i != 0;
        return value;
    case FieldKind::AutoField:
    case FieldKind::IntegerField:
    case FieldKind::PositiveIntegerField:
    case FieldKind::BigIntegerField:
    case FieldKind::ForeignKey:
    case FieldKind::OneToOneField:
        if (std::holds_alternative<bool>(value.variant()))
            return *value.asInt();
        if (const auto* d = std::get_if<double>(&value.variant()))
            return static_cast<std::int64_t>(std::trunc(*d));
        if (std::holds_alternative<std::string>(value.variant())) {
            const std::string s = value.text();
            char* end = nullptr;
            const long long n = std::strtoll(s.c_str(), &end, 10);
            if (!s.empty() && end && *end == '\0')
                return static_cast<std::int64_t>(n);
        }
        return value;
    case FieldKind::CharField:
    case FieldKind::TextField:
    case FieldKind::SlugField:
    case FieldKind::EmailField:
        if (!value.isText())
            return value.text();
        return value;
    default:
        return value;
    }
}

DbValue prepSave(const Field& field, const DbValue& value)
{
    DbValue v = prepValue(field, value);
    const auto* d = std::get_if<Decimal>(&v.variant());
    if (!d || field.kind != FieldKind::DecimalField)
        return v;
    Decimal out = *d;
    while (out.scale < field.decimalPlaces) {
        out.units *= 10;
        ++out.scale;
    }
    while (out.scale > field.decimalPlaces) {
        // ROUND_HALF_EVEN, Python's default decimal context.
        const std::int64_t q = out.units / 10;
        const std::int64_t r = out.units % 10;
        std::int64_t rounded = q;
        const std::int64_t ar = r < 0 ? -r : r;
        if (ar > 5 || (ar == 5 && (q % 2 != 0)))
            rounded += out.units < 0 ? -1 : 1;
        out.units = rounded;
        --out.scale;
    }
    return out;
}

} // namespace pipelab::django::db
