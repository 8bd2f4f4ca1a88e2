# syntax=docker/dockerfile:1
# The image of any one service; docker-compose.yml sets MODULE and PORT per service (build.args). By hand:
#   docker build --build-arg MODULE=like-api-service --build-arg PORT=8080 -t likes/like-api-service .
# The root is the context because Maven's reactor needs the parent poms, common-events and service-kit.

FROM eclipse-temurin:21-jdk-noble AS build
ARG MODULE
RUN test -n "${MODULE}" || { echo "set --build-arg MODULE=<service module>" >&2; exit 1; }
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds of all five images, so dependencies download once.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl ${MODULE} -am package \
 && mkdir /out \
 && cp ${MODULE}/target/${MODULE}-*.jar /out/application.jar \
 && cd /out \
 && java -Djarmode=tools -jar application.jar extract --layers --destination extracted

# Noble (Ubuntu) variant on purpose: it ships curl, which the HEALTHCHECK uses; the alpine variant does not.
FROM eclipse-temurin:21-jre-noble
ARG PORT=8080
RUN groupadd --system --gid 10001 likes \
 && useradd --system --uid 10001 --gid likes --no-create-home --shell /usr/sbin/nologin likes
WORKDIR /app
# Layers from least to most often changed, so a code change rebuilds only the last, small layer.
COPY --from=build /out/extracted/dependencies/ ./
COPY --from=build /out/extracted/spring-boot-loader/ ./
COPY --from=build /out/extracted/snapshot-dependencies/ ./
COPY --from=build /out/extracted/application/ ./
USER 10001:10001
ENV SERVER_PORT=${PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE ${PORT}
# Ready, not merely alive: the container turns healthy only once the service accepts work. /readyz is the readiness
# probe on the service port; the rest of actuator answers on the management port (PORT + 1000), inside the network.
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${SERVER_PORT}/readyz" > /dev/null || exit 1
# Exec form: java is PID 1 and receives SIGTERM itself, so Spring's graceful shutdown runs.
ENTRYPOINT ["java", "-jar", "application.jar"]
