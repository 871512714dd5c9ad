urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
]
