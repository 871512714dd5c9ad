# ORM snippets run both in real Django 3.2 (oracle/golden.py) and in PipeLab (tst_orm).
# Each snippet starts with "### <scenario> <name>"; <scenario> is "dashboard"
# (scenarios/n-plus-one-dashboard.yaml) or "shop" (tests/conformance/corpus/qs_prefetch.yaml).
# Snippets of one scenario run in order against the same database (writes come last).
### dashboard n_plus_one_loop
orders = Order.objects.filter(status="paid")
names = [o.product.name for o in orders]
print(len(names), names[0], names[-1])
### dashboard select_related_fix
orders = Order.objects.filter(status="paid").select_related("product")
names = [o.product.name for o in orders]
print(len(names), names[0], names[-1])
### dashboard repr_truncated
print(repr(Order.objects.all()))
### dashboard get_more_than_20
Order.objects.get(status="paid")
### dashboard prefetch_product_set_order
orders = list(Order.objects.filter(id__gt=560).prefetch_related("product"))
print(sum(o.product.price for o in orders))
### dashboard prefetch_customer_set_order
orders = list(Order.objects.filter(id__gt=300).prefetch_related("customer"))
print(len({o.customer.name for o in orders}))
### shop cache_len_count_bool
qs = Order.objects.filter(status="paid")
print(len(qs), qs.count(), bool(qs), qs.exists(), qs[0].id)
### shop count_then_exists
qs = Order.objects.all()
print(qs.count(), qs.exists())
### shop index_twice
qs = Order.objects.all()
print(qs[3].id, qs[3].id)
### shop slice
print([o.id for o in Order.objects.all()[2:5]])
### shop slice_step
print([o.id for o in Order.objects.all()[0:10:3]])
### shop order_by_f_desc_asc
print([p.id for p in Product.objects.order_by(F("price").desc(), "id")[:3]])
print([p.id for p in Product.objects.order_by(F("price").asc(), F("id").desc())[:3]])
print(repr(F("price").desc()), repr(F("stock").asc()))
### shop order_by_f_relation
print([o.id for o in Order.objects.order_by(F("customer").desc(), "-id")[:3]])
print([o.id for o in Order.objects.order_by("-customer", "id")[:3]])
### shop values_list_named
rows = list(Region.objects.values_list("id", "name", named=True))
r = rows[0]
print(repr(r), r.name, r[0], r[-1], len(r), r == (r.id, r.name), r._fields)
a, b = r
print(a, b, list(r), r[0:1])
### shop values_list_named_pk
print(repr(Region.objects.values_list("pk", "name", named=True).get(pk=2)))
### shop repr_small
print(repr(Tag.objects.all()))
### shop repr_values
print(repr(Order.objects.filter(pk__lte=2).values("id", "status")))
### shop contains
qs = Tag.objects.all()
t = Tag.objects.get(pk=2)
print(t in qs, t in qs)
### shop iterator
print([t.name for t in Tag.objects.iterator()])
### shop first_last
print(Customer.objects.first(), Customer.objects.last(), Tag.objects.first(), Tag.objects.last())
### shop first_from_cache
qs = Customer.objects.all()
rows = list(qs)
print(qs.first().id, len(rows))
### shop get_multiple
Order.objects.get(status="paid")
### shop get_missing
Order.objects.get(pk=999)
### shop filter_after_slice
Order.objects.all()[:5].filter(status="paid")
### shop negative_index
Order.objects.all()[-1]
### shop index_error
Order.objects.filter(pk=999)[0]
### shop lookups_text
print(Customer.objects.filter(name__icontains="customer 1").count(), Customer.objects.filter(email__startswith="customer2").count(), Product.objects.filter(name__endswith="9").count())
### shop lookups_in_range_isnull
print(list(Order.objects.filter(id__in=[5, 3, 9]).values_list("id", flat=True)), Order.objects.filter(quantity__range=(2, 3)).count(), Customer.objects.filter(region__isnull=True).count())
### shop lookups_across_relations
print(Order.objects.filter(customer__region__name="North").count(), Product.objects.filter(tags__name="sale").count())
### shop exclude_and_q
print(Order.objects.exclude(status="paid").count(), Order.objects.filter(Q(quantity=1) | Q(status="pending")).count(), Order.objects.filter(~Q(status="paid") & Q(quantity__gte=2)).count())
### shop f_expressions
print(Product.objects.filter(stock__gt=F("id")).count(), Order.objects.filter(quantity__lt=F("customer_id") + 1).count())
### shop order_by_reverse_distinct
print(list(Order.objects.order_by("-quantity", "id").values_list("id", flat=True)[:5]), list(Order.objects.order_by("id").reverse().values_list("id", flat=True)[:3]), Order.objects.values("status").distinct().count())
### shop values_list_tuples
print(list(Order.objects.filter(pk__lte=3).values_list("id", "status", "customer__name")))
### shop values_dicts
print(list(Product.objects.filter(pk__lte=2).values()))
### shop only_deferred_access
o = Order.objects.only("status").get(pk=1)
print(o.status, o.quantity, o.quantity)
### shop defer_access
o = Order.objects.defer("note").get(pk=2)
print(o.status, o.note)
### shop select_related_chain
o = Order.objects.select_related("customer__region").get(pk=2)
print(o.customer.region.name, o.customer.name)
### shop select_related_null
c = Customer.objects.select_related("region").get(pk=4)
print(c.region)
### shop forward_fk_cache
o = Order.objects.get(pk=1)
print(o.product.name, o.product.name, o.product_id)
### shop forward_fk_null
c = Customer.objects.get(pk=4)
print(c.region, c.region_id)
### shop reverse_manager_known_related
c = Customer.objects.get(pk=3)
orders = list(c.orders.all())
print(len(orders), orders[0].customer is c, c.orders.count())
### shop m2m_both_sides
p = Product.objects.get(pk=1)
print([t.name for t in p.tags.all()])
t = Tag.objects.get(pk=2)
print([x.id for x in t.products.all()])
### shop instance_str_repr_eq
a = Order.objects.get(pk=1)
b = Order.objects.filter(pk=1)[0]
print(str(a), repr(a), a == b, len({a, b}))
### shop decimal_values
p = Product.objects.get(pk=2)
print(p.price, repr(p.price), p.price * 2, p.price + 1)
### shop annotate_count
print([(c.name, c.n) for c in Category.objects.annotate(n=Count("products")).order_by("id")])
### shop aggregate
print(Product.objects.aggregate(Sum("price"), Max("stock"), avg=Avg("stock")))
### shop none_queryset
print(list(Order.objects.none()), Order.objects.none().count(), Product.objects.none().aggregate(n=Count("id")))
### shop in_bulk
print(sorted(Product.objects.in_bulk([1, 2, 30])), sorted(Category.objects.in_bulk(["books", "music"], field_name="slug")))
### shop field_error
Order.objects.filter(nope=1)
### shop manager_has_no_delete
Order.objects.delete()
### shop no_prefetch
rows = []
for category in Category.objects.all():
    rows.append(len(category.products.all()))
print(rows)
### shop prefetch_fk
orders = list(Order.objects.filter(quantity=2).prefetch_related("product"))
print(", ".join([o.product.name for o in orders]))
### shop prefetch_reverse
categories = Category.objects.prefetch_related("products")
print([len(c.products.all()) for c in categories])
### shop prefetch_m2m
products = Product.objects.filter(category_id=1).prefetch_related("tags")
print(" | ".join([",".join([t.name for t in p.tags.all()]) for p in products]))
### shop prefetch_nested
customers = Customer.objects.filter(vip=True).prefetch_related("orders__product__tags")
count = 0
for customer in customers:
    for order in customer.orders.all():
        count += len(order.product.tags.all())
print(count)
### shop prefetch_object
paid = Order.objects.filter(status="paid").order_by("-quantity")
customers = Customer.objects.prefetch_related(Prefetch("orders", queryset=paid))
print([len(c.orders.all()) for c in customers])
### shop prefetch_to_attr
in_stock = Product.objects.filter(stock__gt=0)
categories = list(Category.objects.prefetch_related(Prefetch("products", queryset=in_stock, to_attr="available")))
print([len(c.available) for c in categories])
### shop prefetch_then_filter
categories = Category.objects.prefetch_related("products")
print([category.products.filter(stock__gt=0).count() for category in categories])
### shop prefetch_count_first
categories = Category.objects.prefetch_related("products")
rows = [c.products.count() for c in categories]
firsts = [c.products.first() for c in categories]
print(rows, firsts)
### shop prefetch_with_select_related
products = Product.objects.prefetch_related("tags").select_related("category")
print([(p.category.name, len(p.tags.all())) for p in products][:3])
### shop create_and_save
o = Order(customer_id=1, product_id=1, quantity=2, status="pending")
o.save()
o.quantity = 4
o.save()
o.save(update_fields=["quantity"])
print(o.id, o.quantity)
### shop create_via_manager
t = Tag.objects.create(name="vintage")
print(t.id, t.name)
### shop get_or_create_both
a, created_a = Tag.objects.get_or_create(name="new")
b, created_b = Tag.objects.get_or_create(name="retro")
print(a.id, created_a, b.id, created_b)
### shop update_or_create
tag, created = Tag.objects.update_or_create(name="sale", defaults={"name": "clearance"})
print(tag.id, created)
### shop queryset_update
print(Product.objects.filter(stock=0).update(stock=F("stock") + 5))
### shop atomic_nested
with transaction.atomic():
    c = Customer.objects.create(name="Atomic", email="a@example.com")
    with transaction.atomic():
        Order.objects.create(customer=c, product_id=2, quantity=5)
print(c.id)
### shop m2m_add_remove_clear
p = Product.objects.get(pk=3)
p.tags.add(1, Tag.objects.get(pk=4))
p.tags.remove(1)
print(sorted(t.id for t in p.tags.all()))
p.tags.clear()
print(p.tags.count())
### shop bulk_create
Tag.objects.bulk_create([Tag(name="x"), Tag(name="y")])
print(Tag.objects.count())
### shop delete_cascade
p = Product.objects.get(pk=9)
print(p.delete())
### shop queryset_delete
print(Order.objects.filter(status="pending").delete())
### shop delete_set_null
print(Region.objects.filter(pk=3).delete())
print(Customer.objects.filter(region__isnull=True).count())
### shop lazy_model_instance
from django.utils.functional import SimpleLazyObject
lazy = SimpleLazyObject(lambda: Customer.objects.get(pk=2))
o = Order.objects.create(customer=lazy, product_id=1, quantity=3)
print(o.customer_id, Order.objects.filter(customer=lazy).count(), o.customer == lazy, lazy == o.customer)
other = SimpleLazyObject(lambda: Customer.objects.get(pk=3))
o.customer = other
o.save()
print(Order.objects.filter(customer__in=[other]).count(), o.customer.name)
