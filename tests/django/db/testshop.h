// TestShop: the models and rows of tests/django/db/oracle (shop/models.py and golden.py's
// create_data), built in the ORM core so C++ queries run against the oracle's exact data.
#pragma once

#include "sim/django/db/modelregistry.h"
#include "sim/django/db/store.h"

#include <cstdio>
#include <memory>
#include <utility>

namespace pipelab::django::db::test {

inline FieldSpec spec(std::string name, FieldKind kind)
{
    FieldSpec f;
    f.name = std::move(name);
    f.kind = kind;
    return f;
}

inline FieldSpec withNull(FieldSpec f)
{
    f.null = true;
    return f;
}

inline FieldSpec withDefault(FieldSpec f, DbValue v)
{
    f.defaultValue = std::move(v);
    return f;
}

inline FieldSpec relation(std::string name, FieldKind kind, std::string to, std::string relatedName = {}, bool null = false)
{
    FieldSpec f = spec(std::move(name), kind);
    f.to = std::move(to);
    f.relatedName = std::move(relatedName);
    f.null = null;
    return f;
}

struct TestShop {
    ModelRegistry registry;
    Store store;
    const ModelMeta* customer = nullptr;
    const ModelMeta* tag = nullptr;
    const ModelMeta* category = nullptr;
    const ModelMeta* product = nullptr;
    const ModelMeta* order = nullptr;
    const ModelMeta* user = nullptr;
    const ModelMeta* productTags = nullptr;
    const ModelMeta* person = nullptr;

    TestShop()
    {
        registry.addAuthUser();
        registry.addModel({"shop", "Customer",
            {spec("name", FieldKind::CharField), spec("email", FieldKind::EmailField),
                withDefault(spec("vip", FieldKind::BooleanField), DbValue(false))},
            {}});
        registry.addModel({"shop", "Tag", {spec("name", FieldKind::CharField)}, {}});
        registry.addModel({"shop", "Category",
            {spec("name", FieldKind::CharField), relation("parent", FieldKind::ForeignKey, "self", "children", true)}, {}});
        FieldSpec price = spec("price", FieldKind::DecimalField);
        price.maxDigits = 8;
        price.decimalPlaces = 2;
        registry.addModel({"shop", "Product",
            {spec("name", FieldKind::CharField), price, relation("category", FieldKind::ForeignKey, "Category", "", true),
                relation("tags", FieldKind::ManyToManyField, "Tag")},
            {}});
        registry.addModel({"shop", "Order",
            {relation("customer", FieldKind::ForeignKey, "Customer", "orders"),
                relation("product", FieldKind::ForeignKey, "Product"),
                withDefault(spec("status", FieldKind::CharField), DbValue("paid")),
                withDefault(spec("quantity", FieldKind::IntegerField), DbValue(1)),
                withNull(spec("note", FieldKind::TextField)), withNull(spec("created", FieldKind::DateTimeField)),
                withNull(spec("shipped_on", FieldKind::DateField)),
                withDefault(spec("weight", FieldKind::FloatField), DbValue(0.0))},
            {"id"}});
        registry.addModel({"shop", "Person",
            {spec("name", FieldKind::CharField), relation("friends", FieldKind::ManyToManyField, "self")}, {}});
        registry.finalize();
        customer = registry.model("Customer");
        tag = registry.model("Tag");
        category = registry.model("Category");
        product = registry.model("Product");
        order = registry.model("Order");
        user = registry.model("auth.User");
        productTags = product->field("tags")->through;
        person = registry.model("Person");
        fill();
    }

    void fill()
    {
        const char* names[] = {"Alice", "Bob", "Carol", "Dan O'Neil", "eve"};
        for (int i = 1; i <= 5; ++i)
            store.insert(*customer, {{}, names[i - 1], "c" + std::to_string(i) + "@example.com", i == 1 || i == 3});
        for (const char* n : {"red", "green", "blue", "Sale"})
            store.insert(*tag, {{}, n});
        store.insert(*category, {{}, "Tools", {}});
        store.insert(*category, {{}, "Toys", {}});
        store.insert(*category, {{}, "Power tools", 1});
        struct P {
            const char* name;
            const char* price;
            int category;
            std::vector<int> tags;
        };
        const P products[] = {{"Hammer", "5.00", 1, {1, 2}}, {"Drill", "12.50", 3, {1}}, {"Ball", "3.25", 2, {2, 3}},
            {"Kite", "8", 2, {}}, {"Saw", "15.75", 1, {1, 3, 4}}, {"Widget 100%", "0.99", 0, {4}}};
        for (const P& p : products) {
            const auto pk = store.insert(*product,
                {{}, p.name, *Decimal::parse(p.price), p.category ? DbValue(p.category) : DbValue()});
            for (int t : p.tags)
                store.insert(*productTags, {{}, pk, t});
        }
        const char* statuses[] = {"paid", "paid", "shipped", "refunded"};
        for (int i = 1; i <= 20; ++i) {
            char created[32];
            std::snprintf(created, sizeof created, "2024-01-%02d 10:30:00", i);
            char shipped[16];
            std::snprintf(shipped, sizeof shipped, "2024-02-%02d", i);
            store.insert(*order,
                {{}, (i - 1) % 4 + 1, (i - 1) % 6 + 1, statuses[(i - 1) % 4], i % 3 + 1,
                    i % 5 == 0 ? DbValue() : DbValue("note " + std::to_string(i)),
                    i <= 15 ? DbValue(DateTime{created}) : DbValue(), i % 2 == 0 ? DbValue(Date{shipped}) : DbValue(),
                    i * 0.5});
        }
        for (const char* n : {"Ann", "Ben", "Cy"})
            store.insert(*person, {{}, n});
        // A symmetrical add() writes both directions: ben.friends.add(ann); cy.friends.add(ben).
        const ModelMeta& friends = *person->field("friends")->through;
        for (const auto& [a, b] : {std::pair{2, 1}, std::pair{1, 2}, std::pair{3, 2}, std::pair{2, 3}})
            store.insert(friends, {{}, a, b});
    }
};

} // namespace pipelab::django::db::test
