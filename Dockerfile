# Lexgate: JVM image of the decision service, built from source in a first stage.
# Build:  docker build -t lexgate .                      (PostgreSQL build, for production)
#         docker build --build-arg DB_KIND=h2 -t lexgate .  (embedded H2 build)
# Run:    docker run -p 8080:8080 \
#           -e QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://db:5432/lexgate \
#           -e QUARKUS_DATASOURCE_USERNAME=lexgate -e QUARKUS_DATASOURCE_PASSWORD=... lexgate
# Rules and policies are copied in at /app/rules and /app/policies; to let a legal team change
# them without a new image, mount over them: -v "$PWD/rules:/app/rules:ro" -v "$PWD/policies:/app/policies:ro".
FROM maven:3.9-eclipse-temurin-17 AS build
ARG DB_KIND=postgresql
WORKDIR /src
COPY pom.xml ./
COPY .mvn .mvn
COPY mvnw ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -DskipTests -Dquarkus.datasource.db-kind=${DB_KIND}

FROM eclipse-temurin:17-jre
RUN groupadd --system lexgate && useradd --system --gid lexgate --home-dir /app lexgate
WORKDIR /app
COPY --from=build --chown=lexgate:lexgate /src/target/quarkus-app/ /app/
COPY --chown=lexgate:lexgate rules /app/rules
COPY --chown=lexgate:lexgate policies /app/policies
RUN mkdir -p /app/data && chown lexgate:lexgate /app/data
USER lexgate
ENV LEXGATE_RULES_DIR=/app/rules LEXGATE_POLICIES_DIR=/app/policies \
    QUARKUS_HTTP_HOST=0.0.0.0 JAVA_OPTS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
HEALTHCHECK CMD ["sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"]
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/quarkus-run.jar"]
