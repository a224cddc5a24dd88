# One image for the API, the worker and the migration job (docker-compose.yml picks the
# command). The local-stack tooling (embedded PostgreSQL, Temporal dev server) is not used
# here: the database and Temporal are separate services.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CPG2PVG_DATA_DIR=/data

WORKDIR /app

COPY pyproject.toml worker.py ./
COPY cpg2pvg ./cpg2pvg
COPY domain ./domain
COPY db ./db
COPY workflows ./workflows
COPY activities ./activities
COPY api ./api

# Bytecode of the workflow modules, which the sandbox imports afresh for every run.
RUN pip install . \
 && python -m compileall -q workflows \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin cpg2pvg \
 && mkdir -p /data \
 && chown cpg2pvg:cpg2pvg /data

USER cpg2pvg
EXPOSE 8000
CMD ["python", "-m", "uvicorn", "api.main:app", "--host", "0.0.0.0", "--port", "8000"]
