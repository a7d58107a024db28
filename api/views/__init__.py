"""Views of the API app: the endpoints under /api/v1/ and their documentation (`resources`), and
the token pages of the profile (`tokens`)."""
