urlpatterns = [
    path("comments/", views.comments),
    path("comments/new/", views.new_comment),
    path("webhook/", views.webhook),
]
