FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
# LightGBM (the clean stage's models) links against the GNU OpenMP runtime.
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 && rm -rf /var/lib/apt/lists/*

COPY pyproject.toml README.md ./
COPY tasks ./tasks
COPY worker ./worker
RUN pip install . && useradd --create-home copydesk
USER copydesk

CMD ["copydesk", "worker"]
