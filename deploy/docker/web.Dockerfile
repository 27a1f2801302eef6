# The NeuronAtlas web app. Build from the repository root:
#   docker build -f deploy/docker/web.Dockerfile -t neuronatlas-web .
# Run with the catalog and models mounted read-only and a read-only root filesystem:
#   docker run --read-only --tmpfs /tmp -p 8080:8080 \
#     -v /srv/atlas/atlas.db:/catalog/atlas.db:ro -v /srv/atlas/models:/models:ro neuronatlas-web
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/NeuronAtlas.Web -c Release -o /out

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /out .
# Data locations: the catalog and models are mounted; fonts and labels are the ones shipped in /app/data.
# The zero-shot label cache is the only thing the app writes: it goes to /tmp (a tmpfs or emptyDir).
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Atlas__DataRoot=/app \
    Atlas__CatalogPath=/catalog/atlas.db \
    Atlas__ModelsDirectory=/models \
    Atlas__BuildCatalogOnStart=false \
    ZeroShot__CacheDirectory=/tmp/zero-shot
EXPOSE 8080
# The aspnet image has no curl or wget: the app itself asks http://127.0.0.1:$ASPNETCORE_HTTP_PORTS/health.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["dotnet", "/app/NeuronAtlas.Web.dll", "--healthcheck"]
# The non-root user the .NET images define (uid 1654).
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/NeuronAtlas.Web.dll"]
