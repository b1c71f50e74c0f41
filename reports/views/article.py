from django.shortcuts import get_object_or_404, render

from reports.models import Article


def article(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("issue__publication", "subdistrict", "district"), pk=pk)
    facts = article.facts.exclude(review_status="rejected").select_related("metric", "subdistrict", "district")
    return render(request, "reports/article.html", {"article": article, "facts": facts})
