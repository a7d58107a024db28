from . import navigation as nav


def navigation(request):
    user = getattr(request, "user", None)
    if user is None:
        return {"nav_items": []}
    entries = []
    for item in nav.items_for(user):
        url = item.url
        entries.append({"label": item.label, "url": url, "active": request.path.startswith(url)})
    return {"nav_items": entries}
