def index(request):
    posts = Post.objects.filter(published=True)
    return render(request, "index.html", {"posts": posts})

def detail(request, pk):
    post = get_object_or_404(Post, pk=pk)
    return render(request, "detail.html", {"post": post})

def filters(request):
    posts = Post.objects.all()
    return render(request, "filters.html", {"posts": posts, "missing": None})

def empty(request):
    posts = Post.objects.filter(title__startswith="Nothing")
    return render(request, "empty.html", {"posts": posts})

def with_view(request):
    author = Author.objects.get(pk=1)
    return render(request, "with.html", {"author": author})

def include_view(request):
    posts = Post.objects.filter(author_id=2)
    return render(request, "include.html", {"posts": posts})

def extends_view(request):
    authors = Author.objects.all()
    return render(request, "child.html", {"authors": authors})

def if_queryset(request):
    posts = Post.objects.filter(published=False)
    return render(request, "if.html", {"posts": posts})
