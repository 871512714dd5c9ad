def orders_count(request):
    orders = Order.objects.filter(status="open")
    return render(request, "count.html", {"orders": orders})

def orders_length(request):
    orders = Order.objects.filter(status="open")
    return render(request, "length.html", {"orders": orders})

def orders_count_after(request):
    orders = Order.objects.filter(status="open")
    return render(request, "count_after.html", {"orders": orders})
