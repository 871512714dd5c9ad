// Unit tests of the ORM core's parts: Options (tables, columns, reverse names, through
// tables, auth_user), SQLite value semantics (QUOTE literals, comparison, LIKE), the store's
// indexes, join aliasing, and the speed of an N+1 loop (the 501-query dashboard).
#ifndef Q_MOC_RUN
#include "sim/django/db/queryevaluator.h"
#include "sim/django/db/sqlcompiler.h"
#include "testshop.h"
#endif

#include <QElapsedTimer>
#include <QtTest>

using namespace pipelab::django::db;
using pipelab::django::db::test::TestShop;

class TstOrmCore : public QObject {
    Q_OBJECT

private slots:
    void optionsNames();
    void authUserColumns();
    void selfReferentialManyToMany();
    void unknownRelationTarget();
    void quoteLiterals_data();
    void quoteLiterals();
    void decimalSemantics();
    void sqlLikeMatching_data();
    void sqlLikeMatching();
    void storeForeignKeyIndex();
    void aliasNamingAcrossFilters();
    void joinPromotionInOr();
    void nPlusOneDashboardIsFast();
    void slicedQueryRefusesFilterAndReorder();
};

void TstOrmCore::slicedQueryRefusesFilterAndReorder()
{
    TestShop shop;
    Query q(*shop.order);
    q.setLimits(std::nullopt, 5);
    QVERIFY_THROWS_EXCEPTION(pipelab::django::db::TypeError, q.addQ(Q("status", DbValue("paid"))));
    QVERIFY_THROWS_EXCEPTION(pipelab::django::db::TypeError, q.orderBy({"id"}));
    q.addQ(Q()); // filter() with no arguments is allowed, as in Django
    QCOMPARE(QueryEvaluator(shop.store).execute(q).size(), std::size_t{5});
}

void TstOrmCore::optionsNames()
{
    TestShop shop;
    QCOMPARE(QString::fromStdString(shop.order->dbTable), QStringLiteral("shop_order"));
    const Field* customer = shop.order->field("customer");
    QVERIFY(customer);
    QCOMPARE(QString::fromStdString(customer->attname), QStringLiteral("customer_id"));
    QCOMPARE(shop.order->fieldByAttname("customer_id"), customer);
    QCOMPARE(shop.order->fields.front().name, std::string("id"));
    // related_name on the FK gives both accessor and query name; the default accessor is
    // "<model>_set" and the default query name the model name.
    const RelatedObject* orders = shop.customer->relatedByAccessor("orders");
    QVERIFY(orders);
    QCOMPARE(QString::fromStdString(orders->queryName), QStringLiteral("orders"));
    const RelatedObject* orderSet = shop.product->relatedByAccessor("order_set");
    QVERIFY(orderSet);
    QCOMPARE(QString::fromStdString(orderSet->queryName), QStringLiteral("order"));
    QVERIFY(shop.tag->relatedByQueryName("product"));
    QVERIFY(shop.tag->relatedByAccessor("product_set"));
    QVERIFY(shop.category->relatedByAccessor("children"));
    const ModelMeta* through = shop.productTags;
    QCOMPARE(QString::fromStdString(through->dbTable), QStringLiteral("shop_product_tags"));
    QCOMPARE(through->fields.size(), std::size_t{3});
    QCOMPARE(through->fields[1].column, std::string("product_id"));
    QCOMPARE(through->fields[2].column, std::string("tag_id"));
}

void TstOrmCore::authUserColumns()
{
    TestShop shop;
    std::string cols;
    for (const Field& f : shop.user->fields)
        cols += f.column + " ";
    QCOMPARE(QString::fromStdString(cols),
        QStringLiteral("id password last_login is_superuser username first_name last_name email is_staff is_active date_joined "));
    QCOMPARE(QString::fromStdString(shop.user->dbTable), QStringLiteral("auth_user"));
}

void TstOrmCore::selfReferentialManyToMany()
{
    ModelRegistry reg;
    FieldSpec friends;
    friends.name = "friends";
    friends.kind = FieldKind::ManyToManyField;
    friends.to = "self";
    FieldSpec name;
    name.name = "name";
    reg.addModel({"club", "Person", {name, friends}, {}});
    reg.finalize();
    const ModelMeta* person = reg.model("Person");
    const ModelMeta* through = person->field("friends")->through;
    QCOMPARE(QString::fromStdString(through->dbTable), QStringLiteral("club_person_friends"));
    QCOMPARE(through->fields[1].column, std::string("from_person_id"));
    QCOMPARE(through->fields[2].column, std::string("to_person_id"));
    Query q(*person);
    q.addQ(Q("friends__name", DbValue("Ann")));
    QCOMPARE(QString::fromStdString(SQLCompiler::compile(q).sql),
        QStringLiteral("SELECT \"club_person\".\"id\", \"club_person\".\"name\" FROM \"club_person\" INNER JOIN "
                       "\"club_person_friends\" ON (\"club_person\".\"id\" = \"club_person_friends\".\"from_person_id\") "
                       "INNER JOIN \"club_person\" T3 ON (\"club_person_friends\".\"to_person_id\" = T3.\"id\") "
                       "WHERE T3.\"name\" = 'Ann'"));
}

void TstOrmCore::unknownRelationTarget()
{
    ModelRegistry reg;
    FieldSpec ghost;
    ghost.name = "ghost";
    ghost.kind = FieldKind::ForeignKey;
    ghost.to = "Ghost";
    reg.addModel({"shop", "Item", {ghost}, {}});
    QVERIFY_THROWS_EXCEPTION(FieldError, reg.finalize());
}

void TstOrmCore::quoteLiterals_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("null") << 0 << "NULL";
    QTest::newRow("true") << 1 << "1";
    QTest::newRow("int") << 2 << "-42";
    QTest::newRow("real integral") << 3 << "1.0";
    QTest::newRow("real 1/3") << 4 << "3.33333333333333314829e-01";
    QTest::newRow("real big") << 5 << "1.0e+20";
    QTest::newRow("decimal") << 6 << "'5.00'";
    QTest::newRow("string quote") << 7 << "'Dan O''Neil'";
    QTest::newRow("date") << 8 << "'2024-02-10'";
    QTest::newRow("datetime") << 9 << "'2024-01-05 10:30:00'";
}

void TstOrmCore::quoteLiterals()
{
    QFETCH(int, kind);
    QFETCH(QString, expected);
    const DbValue values[] = {DbValue(), DbValue(true), DbValue(-42), DbValue(1.0), DbValue(1.0 / 3), DbValue(1e20),
        DbValue(*Decimal::parse("5.00")), DbValue("Dan O'Neil"), DbValue(Date{"2024-02-10"}),
        DbValue(DateTime{"2024-01-05 10:30:00"})};
    QCOMPARE(QString::fromStdString(values[kind].sqlLiteral()), expected);
}

void TstOrmCore::decimalSemantics()
{
    QVERIFY(DbValue(*Decimal::parse("5.00")) == DbValue(5));
    QVERIFY(sqlCompare(DbValue(*Decimal::parse("12.50")), DbValue(12.5)) == 0);
    QVERIFY(sqlCompare(DbValue(*Decimal::parse("0.99")), DbValue(*Decimal::parse("1"))) < 0);
    QVERIFY(sqlCompare(DbValue(), DbValue(-1)) < 0);    // NULL sorts first
    QVERIFY(sqlCompare(DbValue(999), DbValue("1")) < 0); // numbers before text
    QCOMPARE(QString::fromStdString(decimalFromFloat(0.99).toString()), QStringLiteral("0.990000000000000"));
    QCOMPARE(QString::fromStdString(decimalFromFloat(15.75).toString()), QStringLiteral("15.75"));
    QCOMPARE(QString::fromStdString(decimalFromFloat(20.0).toString()), QStringLiteral("20"));
    Field price;
    price.kind = FieldKind::DecimalField;
    price.maxDigits = 8;
    price.decimalPlaces = 2;
    QCOMPARE(QString::fromStdString(prepSave(price, DbValue(8)).sqlLiteral()), QStringLiteral("'8.00'"));
    QCOMPARE(QString::fromStdString(prepSave(price, DbValue(*Decimal::parse("2.675"))).sqlLiteral()), QStringLiteral("'2.68'"));
    QCOMPARE(QString::fromStdString(prepValue(price, DbValue(8)).sqlLiteral()), QStringLiteral("'8'"));
}

void TstOrmCore::sqlLikeMatching_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("match");
    QTest::newRow("contains ci") << "Drill" << "%DR%" << true;
    QTest::newRow("prefix") << "Kite" << "K%" << true;
    QTest::newRow("escaped percent") << "Widget 100%" << "%\\%" << true;
    QTest::newRow("escaped percent miss") << "Widget 100" << "%\\%" << false;
    QTest::newRow("underscore") << "ab" << "a_" << true;
    QTest::newRow("escaped underscore") << "ab" << "a\\_" << false;
    QTest::newRow("backtrack") << "aXbXc" << "%X%c" << true;
    QTest::newRow("empty pattern") << "a" << "" << false;
}

void TstOrmCore::sqlLikeMatching()
{
    QFETCH(QString, text);
    QFETCH(QString, pattern);
    QFETCH(bool, match);
    QCOMPARE(sqlLike(text.toStdString(), pattern.toStdString()), match);
}

void TstOrmCore::storeForeignKeyIndex()
{
    TestShop shop;
    const std::size_t customerCol = shop.order->fieldIndex(*shop.order->field("customer"));
    QCOMPARE(shop.store.byForeignKey(*shop.order, customerCol, 1).size(), std::size_t{5});
    Row row = *shop.store.get(*shop.order, 1);
    row[customerCol] = 5;
    QVERIFY(shop.store.update(*shop.order, 1, row));
    QCOMPARE(shop.store.byForeignKey(*shop.order, customerCol, 1).size(), std::size_t{4});
    QCOMPARE(shop.store.byForeignKey(*shop.order, customerCol, 5).size(), std::size_t{1});
    QVERIFY(shop.store.remove(*shop.order, 1));
    QCOMPARE(shop.store.byForeignKey(*shop.order, customerCol, 5).size(), std::size_t{0});
    QCOMPARE(shop.store.insert(*shop.order, {{}, 2, 2}), std::int64_t{21});
    QVERIFY_THROWS_EXCEPTION(FieldError, shop.store.insert(*shop.order, {2, 2, 2}));
}

void TstOrmCore::aliasNamingAcrossFilters()
{
    TestShop shop;
    // A trimmed join ("customer__id") still takes its place in the alias map, so the next
    // table joined twice is numbered after it.
    Query q(*shop.order);
    q.addQ(Q("customer__id", DbValue(2)));
    q = q.chain();
    q.addQ(Q("product__category__parent__name", DbValue("Tools")));
    const CompiledQuery c = SQLCompiler::compile(q);
    QVERIFY(c.sql.find("INNER JOIN \"shop_category\" T5 ON (\"shop_category\".\"parent_id\" = T5.\"id\")") != std::string::npos);
    QVERIFY(c.sql.find("WHERE (\"shop_order\".\"customer_id\" = 2 AND T5.\"name\" = 'Tools')") != std::string::npos);
    QCOMPARE(QueryEvaluator(shop.store).execute(c).size(), std::size_t{2}); // orders 2 and 14: customer 2, product 2
}

void TstOrmCore::joinPromotionInOr()
{
    TestShop shop;
    // OR over a nullable FK promotes it to LEFT OUTER; a later AND filter on the same join
    // demotes it back to INNER (JoinPromoter votes).
    Query q(*shop.product);
    q.addQ(Q("category__name", DbValue("Tools")) | Q("price__lt", DbValue(5)));
    QVERIFY(SQLCompiler::compile(q).sql.find("LEFT OUTER JOIN \"shop_category\"") != std::string::npos);
    QCOMPARE(QueryEvaluator(shop.store).execute(q).size(), std::size_t{4});
    q = q.chain();
    q.addQ(Q("category__name__startswith", DbValue("T")));
    QVERIFY(SQLCompiler::compile(q).sql.find("INNER JOIN \"shop_category\"") != std::string::npos);
    QCOMPARE(QueryEvaluator(shop.store).execute(q).size(), std::size_t{3});
}

void TstOrmCore::nPlusOneDashboardIsFast()
{
    // The default scenario: 600 orders, 500 paid; the template touches order.product for each.
    ModelRegistry reg;
    FieldSpec name;
    name.name = "name";
    FieldSpec status;
    status.name = "status";
    FieldSpec product;
    product.name = "product";
    product.kind = FieldKind::ForeignKey;
    product.to = "Product";
    reg.addModel({"shop", "Product", {name}, {}});
    reg.addModel({"shop", "Order", {product, status}, {"id"}});
    reg.finalize();
    const ModelMeta& productMeta = *reg.model("Product");
    const ModelMeta& orderMeta = *reg.model("Order");
    Store store;
    for (int i = 1; i <= 20; ++i)
        store.insert(productMeta, {{}, "Product " + std::to_string(i)});
    const char* statuses[] = {"paid", "paid", "paid", "paid", "paid", "refunded"};
    for (int i = 1; i <= 600; ++i)
        store.insert(orderMeta, {{}, (i - 1) % 20 + 1, statuses[(i - 1) % 6]});

    QElapsedTimer timer;
    timer.start();
    QueryEvaluator eval(store);
    Query orders(orderMeta);
    orders.addQ(Q("status", DbValue("paid")));
    const std::vector<Row> rows = eval.execute(orders);
    QCOMPARE(rows.size(), std::size_t{500});
    int queries = 1;
    std::string last;
    for (const Row& order : rows) {
        Query fetch(productMeta);
        fetch.addQ(Q("id", order.at(1)));
        fetch.orderBy({});
        fetch.setLimits(std::nullopt, 21);
        const CompiledQuery c = SQLCompiler::compile(fetch);
        QCOMPARE(eval.execute(c).size(), std::size_t{1});
        last = c.sql;
        ++queries;
    }
    QCOMPARE(queries, 501);
    QCOMPARE(QString::fromStdString(last),
        QStringLiteral("SELECT \"shop_product\".\"id\", \"shop_product\".\"name\" FROM \"shop_product\" WHERE "
                       "\"shop_product\".\"id\" = 19 LIMIT 21"));
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QStringLiteral("took %1 ms").arg(timer.elapsed())));

    // The fix: select_related("product") is one query with a JOIN and 500 rows.
    Query joined = orders.chain();
    joined.addSelectRelated({"product"});
    const CompiledQuery c = SQLCompiler::compile(joined);
    QVERIFY(c.sql.find("INNER JOIN \"shop_product\" ON (\"shop_order\".\"product_id\" = \"shop_product\".\"id\")") != std::string::npos);
    const std::vector<Row> joinedRows = eval.execute(c);
    QCOMPARE(joinedRows.size(), std::size_t{500});
    QCOMPARE(c.plan->klassInfo->related.size(), std::size_t{1});
    const KlassInfo& rel = c.plan->klassInfo->related.front();
    QCOMPARE(rel.firstColumn, std::size_t{3});
    QCOMPARE(joinedRows.front().at(rel.firstColumn + 1).text(), std::string("Product 1"));
}

QTEST_APPLESS_MAIN(TstOrmCore)
#include "tst_ormcore.moc"
