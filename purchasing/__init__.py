"""Not built yet: see DESIGN.md §3. Registered in INSTALLED_APPS once it has models."""
