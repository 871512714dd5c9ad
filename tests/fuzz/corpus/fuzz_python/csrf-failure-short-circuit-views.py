def comments(request):
    comments = Comment.objects.all()
    return render(request, "comments.html", {"comments": comments})

@require_POST
def new_comment(request):
    Comment.objects.create(author=request.user, text=request.POST["text"])
    return redirect("/comments/")

@csrf_exempt
@require_POST
def webhook(request):
    return HttpResponse(str(Comment.objects.count()))
