from django.core.exceptions import PermissionDenied

def json_view(request):
    rows = list(Product.objects.filter(price__gte=50).values("id", "name"))
    return JsonResponse({"products": rows})

def explicit_404(request, pk):
    if not Product.objects.filter(pk=pk).exists():
        raise Http404("no such product")
    return HttpResponse("found")

def forbidden(request):
    raise PermissionDenied("staff only")

def boom(request):
    total = Product.objects.count()
    return HttpResponse(str(total / 0))

def key_error(request):
    settings = {"theme": "dark"}
    return HttpResponse(settings["language"])

def after_query(request):
    products = list(Product.objects.all()[:3])
    cheapest = products[5]
    return HttpResponse(cheapest.name)

@require_http_methods(["GET", "POST"])
def methods(request):
    return HttpResponse(request.method)

class ProductList(ListView):
    model = Product
    paginate_by = 5
    template_name = "product_list.html"

class ProductDetail(DetailView):
    model = Product
    template_name = "product_detail.html"

class AboutView(TemplateView):
    template_name = "about.html"

class Hello(View):
    def get(self, request):
        n = Product.objects.filter(price__lt=30).count()
        return HttpResponse(f"hello {n}")
