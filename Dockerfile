# The runtime image of the API, the workers, the CLI and the migration job
# (docker-compose.yml and deploy/k8s/ pick the command).
#
# Dependencies come from requirements.lock (`make lock`): pyproject.toml's runtime
# dependencies only, pinned with their hashes. No Temporal dev server, no embedded
# PostgreSQL, no test tools: the database and Temporal are services of their own.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CPG2PVG_DATA_DIR=/data

WORKDIR /app

# The lock first: this layer is rebuilt only when the dependencies change.
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock

COPY pyproject.toml README.md worker.py ./
COPY cpg2pvg ./cpg2pvg
COPY domain ./domain
COPY db ./db
COPY workflows ./workflows
COPY activities ./activities
COPY api ./api

# Our code only (--no-deps: every dependency is the locked one above). Bytecode of the
# workflow modules, which the sandbox imports afresh for every run.
RUN pip install --no-deps . \
 && python -m compileall -q workflows \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin cpg2pvg \
 && mkdir -p /data \
 && chown cpg2pvg:cpg2pvg /data

USER 10001
EXPOSE 8000
CMD ["python", "-m", "uvicorn", "api.main:app", "--host", "0.0.0.0", "--port", "8000"]
