# Outreach Engine: a production jar built in one stage, run on a JRE as a non-root user.
# docker compose (docker-compose.yml) runs it with the `postgres` profile.

# --- Build -------------------------------------------------------------------
FROM eclipse-temurin:21-jdk AS build
WORKDIR /workspace
# Wrapper and pom first, so that the dependency download is cached while only src/ changes.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline || true
COPY src src
# The build runs Vaadin's build-frontend goal, which marks the jar for production mode and uses
# the pre-compiled frontend bundle (no Node.js: the app adds no frontend files).
RUN ./mvnw -B -DskipTests package \
    && cp target/outreach-engine-*.jar app.jar

# --- Run ---------------------------------------------------------------------
FROM eclipse-temurin:21-jre
RUN groupadd --system outreach \
    && useradd --system --gid outreach --home-dir /app --shell /usr/sbin/nologin outreach
WORKDIR /app
COPY --from=build --chown=outreach:outreach /workspace/app.jar /app/app.jar
RUN chown outreach:outreach /app
USER outreach
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
ENTRYPOINT ["java","-jar","/app/app.jar"]
