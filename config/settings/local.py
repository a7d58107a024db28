"""One machine, nothing installed: SQLite, jobs in process, e-mails on the console."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", True)
