# Mieruka production image: gunicorn serving the validated bundled data (or a mounted data folder).
# Build: docker build -t mieruka .   Run: docker run -p 8050:8050 mieruka
FROM python:3.11-slim-bookworm

# gunicorn.conf.py: gthread workers (slow clients hold a thread, not a worker), so the port may face clients directly;
# set MIERUKA_PUBLIC_URL to the site's origin (printed in QR codes; other Host headers are then refused).
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    MIERUKA_BIND=0.0.0.0:8050 MIERUKA_DATA_DIR=/srv/mieruka/data MIERUKA_CACHE_DIR=/var/cache/mieruka

# Japanese fonts for charts and exports; Chromium is what kaleido uses for image export.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-noto-cjk chromium \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 mieruka \
 && install -d -m 0700 -o mieruka -g mieruka /var/cache/mieruka
WORKDIR /srv/mieruka
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY --chown=mieruka:mieruka . .
USER mieruka

# Refuse to build an image whose bundled data does not validate.
RUN python -m finance validate data --quiet

EXPOSE 8050
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8050/health', timeout=4).status == 200 else 1)"
CMD ["gunicorn", "--config", "gunicorn.conf.py", "app:server"]
