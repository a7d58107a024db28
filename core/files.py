"""Stored files served by a view, never by the media directory itself."""

import os

from django.http import FileResponse, Http404


def attachment_response(field) -> FileResponse:
    """The file of a FileField as an attachment under its stored name, never cached nor
    sniffed; no file, or a file gone from the storage: 404."""
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=os.path.basename(field.name))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
