// Expression: Django's query expressions in one value type — F("a"), Value(1), F("a") + 1,
// aggregates (Count Sum Avg Max Min, distinct=), Col (a resolved column "alias"."column") and
// Ref (an annotation by name). Built unresolved (F, Value) by callers; Query resolves F paths
// to Cols, creating joins as Django's resolve_ref does.
#pragma once

#include "sim/django/db/dbvalue.h"
#include "sim/django/db/field.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pipelab::django::db {

class Query;

struct Expression {
    enum class Kind { F, Value, Col, Combined, Aggregate, Ref, Star, Subquery };
    Kind kind = Kind::Value;
    std::string name;              // F: path; Combined: "+", "-", "*", "/"; Aggregate: "COUNT"...; Ref: annotation
    DbValue value;                 // Value
    std::string alias;             // Col: table alias
    const Field* field = nullptr;  // Col: the column's field; Aggregate: output field if a DecimalField
    bool outer = false;            // Col of the enclosing query (ResolvedOuterRef in a subquery)
    bool distinct = false;         // Aggregate
    std::vector<Expression> args;  // Combined: lhs, rhs; Aggregate: its argument
    std::shared_ptr<const Query> subquery; // Subquery: a resolved inner query ("IN (SELECT U0.id ...)")

    static Expression f(std::string path);
    static Expression literal(DbValue v);
    static Expression col(std::string alias, const Field& field);
    static Expression star();
    static Expression ref(std::string annotation);
    static Expression combine(std::string op, Expression lhs, Expression rhs);
    // function: "Count", "Sum", "Avg", "Max" or "Min" (Django's class names).
    static Expression aggregate(std::string function, Expression arg, bool distinct = false);

    bool containsAggregate() const;
    // The kind of Django's resolved output_field (Col: its field; Count: IntegerField; Avg:
    // FloatField or DecimalField; arithmetic: FloatField if a side is float, DecimalField if
    // one is decimal, else IntegerField); nullopt when unknown. Lookup values are prepared
    // with it ("total__gt=10" on a float expression binds 10.0).
    std::optional<FieldKind> outputKind() const;
    bool isAggregate() const { return kind == Kind::Aggregate; }
    // Django's default alias for an aggregate over F("quantity"): "quantity__sum".
    std::string defaultAlias() const;
};

Expression operator+(Expression a, Expression b);
Expression operator-(Expression a, Expression b);
Expression operator*(Expression a, Expression b);
Expression operator/(Expression a, Expression b);

} // namespace pipelab::django::db
