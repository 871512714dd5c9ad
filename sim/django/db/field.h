// Field: one model field as Django's Options knows it (name, attname, column, kind, options and,
// for relations, the resolved target). Built from a FieldSpec by the ModelRegistry.
#pragma once

#include "sim/django/db/dbvalue.h"

#include <optional>
#include <string>

namespace pipelab::django::db {

class ModelMeta;

enum class FieldKind {
    AutoField,
    CharField,
    TextField,
    SlugField,
    EmailField,
    IntegerField,
    PositiveIntegerField,
    BigIntegerField,
    FloatField,
    DecimalField,
    BooleanField,
    DateField,
    DateTimeField,
    ForeignKey,
    OneToOneField,
    ManyToManyField,
};

enum class OnDelete { Cascade, SetNull, Protect, DoNothing };

// What a models.py line declares: `customer = models.ForeignKey(Customer, on_delete=..., ...)`.
struct FieldSpec {
    std::string name;
    FieldKind kind = FieldKind::CharField;
    bool null = false;
    bool blank = false;
    bool unique = false;
    bool dbIndex = false;
    std::optional<DbValue> defaultValue;
    int maxLength = 0;
    int maxDigits = 0;
    int decimalPlaces = 0;
    std::string to;          // relations: "Customer", "self", "auth.User" or "shop.Customer"
    std::string relatedName; // relations: related_name ("" = Django's default)
    OnDelete onDelete = OnDelete::Cascade;
};

struct Field : FieldSpec {
    std::string attname; // "customer_id" for a ForeignKey "customer"
    std::string column;  // db column: the attname
    bool primaryKey = false;
    const ModelMeta* model = nullptr;        // the model that declares the field
    const ModelMeta* relatedModel = nullptr; // relations: the target model
    const ModelMeta* through = nullptr;      // ManyToManyField: the (auto-created) through model
    bool symmetrical = false;                // self-referential ManyToManyField

    bool isRelation() const
    {
        return kind == FieldKind::ForeignKey || kind == FieldKind::OneToOneField || kind == FieldKind::ManyToManyField;
    }
    bool isForeignKey() const { return kind == FieldKind::ForeignKey || kind == FieldKind::OneToOneField; }
    bool isManyToMany() const { return kind == FieldKind::ManyToManyField; }
    bool isTextual() const
    {
        return kind == FieldKind::CharField || kind == FieldKind::TextField || kind == FieldKind::SlugField
            || kind == FieldKind::EmailField;
    }
    // Django's Field.get_default() for a row created without a value for this field.
    DbValue defaultForNewRow() const;
};

// Django's class name for a field kind: "CharField", "ForeignKey"...
const char* fieldKindName(FieldKind kind);

// Converts a value given for a lookup or an assignment to what Django binds for this field
// (get_db_prep_value): 8 → Decimal('8') for a DecimalField, True stays a bool, and so on.
DbValue prepValue(const Field& field, const DbValue& value);

// What Django binds when saving (get_db_prep_save): prepValue, and for a DecimalField the value
// quantized to decimal_places (format_number), so Decimal('8') is saved as '8.00'.
DbValue prepSave(const Field& field, const DbValue& value);

} // namespace pipelab::django::db
