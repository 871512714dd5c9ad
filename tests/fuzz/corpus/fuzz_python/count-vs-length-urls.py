urlpatterns = [
    path("orders/count/", views.orders_count),
    path("orders/length/", views.orders_length),
    path("orders/count-after/", views.orders_count_after),
]
