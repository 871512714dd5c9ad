class Order(models.Model):
    reference = models.CharField(max_length=20)
    status = models.CharField(max_length=20, default="open")
    total = models.IntegerField(default=0)

    class Meta:
        ordering = ["id"]
