#!/bin/sh
# Starts the application augmented for LEXGATE_DB (h2 or postgresql); both were built into the image.
# LEXGATE_DB_URL / _USER / _PASSWORD are the datasource, as for bin/lexgate serve.
set -eu
case "${LEXGATE_DB:-h2}" in
  h2) app=/app/h2 ;;
  postgresql|postgres)
    app=/app/postgresql
    if [ -z "${LEXGATE_DB_URL:-}${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
      echo "lexgate: LEXGATE_DB=postgresql needs LEXGATE_DB_URL (jdbc:postgresql://host:5432/db)" >&2
      exit 2
    fi ;;
  *) echo "lexgate: LEXGATE_DB must be h2 or postgresql, not '${LEXGATE_DB}'" >&2; exit 2 ;;
esac
[ -n "${LEXGATE_DB_URL:-}" ] && export QUARKUS_DATASOURCE_JDBC_URL="$LEXGATE_DB_URL"
[ -n "${LEXGATE_DB_USER:-}" ] && export QUARKUS_DATASOURCE_USERNAME="$LEXGATE_DB_USER"
[ -n "${LEXGATE_DB_PASSWORD:-}" ] && export QUARKUS_DATASOURCE_PASSWORD="$LEXGATE_DB_PASSWORD"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java ${JAVA_OPTS:-} -jar "$app/quarkus-run.jar" "$@"
