class MaintenanceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        flag = Flag.objects.get(name="maintenance")
        if flag.on:
            return HttpResponse("down for maintenance", status=503)
        response = self.get_response(request)
        response["X-Articles"] = str(Article.objects.count())
        return response
