from pathlib import Path

import pytest


@pytest.fixture
def cpv_file(settings):
    """The official English CPV file, kept beside the repository (shared/ next to main/)."""
    path = Path(settings.BASE_DIR).parent / "shared" / "data" / "cpv" / "cpv-en.json"
    assert path.exists(), f"The CPV file is missing: {path}"
    return path
