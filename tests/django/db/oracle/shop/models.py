# Test models of the ORM-core golden cases; mirrored in C++ by tests/django/db/testmodels.h.
from django.db import models


class Customer(models.Model):
    name = models.CharField(max_length=100)
    email = models.EmailField()
    vip = models.BooleanField(default=False)


class Tag(models.Model):
    name = models.CharField(max_length=50)


class Category(models.Model):
    name = models.CharField(max_length=50)
    parent = models.ForeignKey("self", null=True, on_delete=models.SET_NULL, related_name="children")


class Product(models.Model):
    name = models.CharField(max_length=100)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    category = models.ForeignKey(Category, null=True, on_delete=models.SET_NULL)
    tags = models.ManyToManyField(Tag)


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")
    product = models.ForeignKey(Product, on_delete=models.CASCADE)
    status = models.CharField(max_length=20, default="paid")
    quantity = models.IntegerField(default=1)
    note = models.TextField(null=True, blank=True)
    created = models.DateTimeField(null=True)
    shipped_on = models.DateField(null=True)
    weight = models.FloatField(default=0)

    class Meta:
        ordering = ["id"]


class Person(models.Model):
    name = models.CharField(max_length=50)
    friends = models.ManyToManyField("self")
