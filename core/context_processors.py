from . import navigation as nav


def navigation(request):
    user = getattr(request, "user", None)
    if user is None:
        return {"nav_items": [], "nav_areas": []}
    entries = [
        {"label": item.label, "url": item.url, "area": item.area} for item in nav.items_for(user)
    ]
    # The entry whose address is the longest start of the page's is the current one: on
    # /reseau/formations/ that is « Formations », not « Réseau » at /reseau/.
    matching = [entry["url"] for entry in entries if request.path.startswith(entry["url"])]
    current = max(matching, key=len, default=None)
    for entry in entries:
        entry["active"] = entry["url"] == current
    return {"nav_items": entries, "nav_areas": nav.areas_for(entries)}
