FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    VAR_DIR=/data \
    STATIC_ROOT=/app/staticfiles \
    OPEN_DATA_SCHEMAS_DIR=/app/schemas

# WeasyPrint draws PDFs with Pango (text layout) and its fonts.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# Static files are collected at build time; collecting needs a key but never uses it.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=build SITE_URL=http://build python manage.py collectstatic --noinput \
    && SECRET_KEY=build-only ALLOWED_HOSTS=build SITE_URL=http://build python manage.py fetch_open_data_schemas \
    && useradd --system --home /app achats \
    && mkdir -p /data \
    && chown achats /data

USER achats
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
