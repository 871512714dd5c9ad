def dashboard(request):
    orders = Order.objects.filter(status="paid")
    return render(request, "dashboard.html", {"orders": orders})
