// Expression: constructors and structural queries.
#include "sim/django/db/expression.h"

#include <algorithm>
#include <cctype>

namespace pipelab::django::db {

Expression Expression::f(std::string path)
{
    Expression e;
    e.kind = Kind::F;
    e.name = std::move(path);
    return e;
}

Expression Expression::literal(DbValue v)
{
    Expression e;
    e.kind = Kind::Value;
    e.value = std::move(v);
    return e;
}

Expression Expression::col(std::string alias, const Field& field)
{
    Expression e;
    e.kind = Kind::Col;
    e.alias = std::move(alias);
    e.field = &field;
    return e;
}

Expression Expression::star()
{
    Expression e;
    e.kind = Kind::Star;
    return e;
}

Expression Expression::ref(std::string annotation)
{
    Expression e;
    e.kind = Kind::Ref;
    e.name = std::move(annotation);
    return e;
}

Expression Expression::combine(std::string op, Expression lhs, Expression rhs)
{
    Expression e;
    e.kind = Kind::Combined;
    e.name = std::move(op);
    e.args.push_back(std::move(lhs));
    e.args.push_back(std::move(rhs));
    return e;
}

Expression Expression::aggregate(std::string function, Expression arg, bool distinct)
{
    Expression e;
    e.kind = Kind::Aggregate;
    std::transform(function.begin(), function.end(), function.begin(),
        [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    e.name = std::move(function);
    e.distinct = distinct;
    e.args.push_back(std::move(arg));
    return e;
}

bool Expression::containsAggregate() const
{
    if (kind == Kind::Aggregate)
        return true;
    return std::any_of(args.begin(), args.end(), [](const Expression& a) { return a.containsAggregate(); });
}

std::optional<FieldKind> Expression::outputKind() const
{
    switch (kind) {
    case Kind::Col:
        if (!field)
            return std::nullopt;
        if (field->isForeignKey())
            return FieldKind::IntegerField;
        return field->kind;
    case Kind::Value:
        if (std::holds_alternative<double>(value.variant()))
            return FieldKind::FloatField;
        if (std::holds_alternative<Decimal>(value.variant()))
            return FieldKind::DecimalField;
        if (std::holds_alternative<std::int64_t>(value.variant()))
            return FieldKind::IntegerField;
        if (std::holds_alternative<bool>(value.variant()))
            return FieldKind::BooleanField;
        if (std::holds_alternative<std::string>(value.variant()))
            return FieldKind::CharField;
        return std::nullopt;
    case Kind::Aggregate: {
        if (name == "COUNT")
            return FieldKind::IntegerField;
        const auto arg = args.empty() ? std::nullopt : args[0].outputKind();
        if (name == "AVG")
            return arg == FieldKind::DecimalField ? FieldKind::DecimalField : FieldKind::FloatField;
        return arg;
    }
    case Kind::Combined: {
        const auto a = args.at(0).outputKind();
        const auto b = args.at(1).outputKind();
        if (a == FieldKind::FloatField || b == FieldKind::FloatField)
            return FieldKind::FloatField;
        if (a == FieldKind::DecimalField || b == FieldKind::DecimalField)
            return FieldKind::DecimalField;
        return a ? a : b;
    }
    default:
        return std::nullopt;
    }
}

std::string Expression::defaultAlias() const
{
    if (kind != Kind::Aggregate || args.size() != 1 || args[0].kind != Kind::F)
        return {};
    std::string fn = name;
    std::transform(fn.begin(), fn.end(), fn.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return args[0].name + "__" + fn;
}

Expression operator+(Expression a, Expression b) { return Expression::combine("+", std::move(a), std::move(b)); }
Expression operator-(Expression a, Expression b) { return Expression::combine("-", std::move(a), std::move(b)); }
Expression operator*(Expression a, Expression b) { return Expression::combine("*", std::move(a), std::move(b)); }
Expression operator/(Expression a, Expression b) { return Expression::combine("/", std::move(a), std::move(b)); }

} // namespace pipelab::django::db
