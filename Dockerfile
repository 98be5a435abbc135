# Builds the sluice command (gateway fat jar) and runs one Sluice service per container.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -pl gateway -am package

FROM eclipse-temurin:21-jre
WORKDIR /app
COPY --from=build /src/gateway/target/sluice.jar /app/sluice.jar
COPY deploy/gateway.compose.yaml /config/gateway.yaml
ENV JAVA_TOOL_OPTIONS="-XX:+UseG1GC -XX:MaxRAMPercentage=75 -Dorg.apache.avro.SERIALIZABLE_PACKAGES=java.lang,java.util,java.math,dev.sluice"
ENTRYPOINT ["java", "-jar", "/app/sluice.jar"]
