# The production image: copydesk and its runtime dependencies, nothing of the test groups.
# fakeredis[lua] (with lupa, ~7 MB) is a runtime dependency: it is the in-memory store of
# `copydesk process` and `copydesk demo`, which work in this image without a Redis.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
# LightGBM (the clean stage's models) links against the GNU OpenMP runtime.
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home copydesk

# Dependencies first, from pyproject.toml alone: a code change reuses this layer.
COPY pyproject.toml ./
RUN python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'], sep='\n')" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# Then the code (see .dockerignore for what the build context leaves out).
COPY README.md ./
COPY tasks ./tasks
COPY worker ./worker
RUN pip install --no-deps .
USER copydesk

CMD ["copydesk", "worker"]
