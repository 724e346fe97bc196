# Lexgate: JVM image of the decision service, built from source. One image serves both stores:
#   docker build -t lexgate .
#   docker run -p 8080:8080 -v lexgate-data:/app/data lexgate                       (embedded H2)
#   docker run -p 8080:8080 -e LEXGATE_DB=postgresql \
#     -e LEXGATE_DB_URL=jdbc:postgresql://db:5432/lexgate -e LEXGATE_DB_USER=lexgate \
#     -e LEXGATE_DB_PASSWORD=... -v lexgate-data:/app/data lexgate                   (PostgreSQL)
# docs/deploy.md reviews this file line by line.

# ---- build: the jar is built once (for H2, the default), then re-augmented once for PostgreSQL
# (Quarkus' mutable jar, as Keycloak's `kc.sh build` does), so starting either needs no build.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml mvnw ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
# Re-augmentation writes into a folder that must be named quarkus-app, hence /out-postgresql/quarkus-app.
RUN ./mvnw -B -q package -DskipTests \
 && cp -r target/quarkus-app /out-h2 \
 && mkdir -p /out-postgresql && cp -r target/quarkus-app /out-postgresql/ \
 && cd /out-postgresql/quarkus-app \
 && java -Dquarkus.launch.rebuild=true -Dquarkus.datasource.db-kind=postgresql -jar quarkus-run.jar

# ---- run: layered like Quarkus' Dockerfile.jvm (dependencies first, they change least), non-root.
FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 lexgate \
 && useradd --system --uid 10001 --gid lexgate --home-dir /app lexgate
WORKDIR /app
# The libraries are the same for both stores; each store has its own augmented application.
COPY --from=build --chown=lexgate:lexgate /out-h2/lib/ /app/h2/lib/
COPY --from=build --chown=lexgate:lexgate /out-h2/*.jar /app/h2/
COPY --from=build --chown=lexgate:lexgate /out-h2/app/ /app/h2/app/
COPY --from=build --chown=lexgate:lexgate /out-h2/quarkus/ /app/h2/quarkus/
COPY --from=build --chown=lexgate:lexgate /out-postgresql/quarkus-app/*.jar /app/postgresql/
COPY --from=build --chown=lexgate:lexgate /out-postgresql/quarkus-app/app/ /app/postgresql/app/
COPY --from=build --chown=lexgate:lexgate /out-postgresql/quarkus-app/quarkus/ /app/postgresql/quarkus/
RUN ln -s /app/h2/lib /app/postgresql/lib
COPY --chown=lexgate:lexgate rules /app/rules
COPY --chown=lexgate:lexgate policies /app/policies
COPY --chown=lexgate:lexgate deploy/docker-entrypoint.sh /app/docker-entrypoint.sh
RUN mkdir -p /app/data && chown lexgate:lexgate /app/data
USER 10001
# /app/data holds the H2 database, the signing key and the checkpoint log: keep it on a volume.
VOLUME ["/app/data"]
ENV LEXGATE_DB=h2 \
    LEXGATE_RULES_DIR=/app/rules LEXGATE_POLICIES_DIR=/app/policies \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/q/health/ready"]
ENTRYPOINT ["/app/docker-entrypoint.sh"]
