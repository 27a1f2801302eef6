# The NeuronAtlas precompute CLI. Build from the repository root:
#   docker build -f deploy/docker/precompute.Dockerfile -t neuronatlas-precompute .
# Run one shard of a dataset pass (models and images read-only, catalogs in a writable volume):
#   docker run --read-only --tmpfs /tmp -e JOB_COMPLETION_INDEX=0 \
#     -v /srv/models:/models:ro -v /srv/images:/datasets:ro -v /srv/catalogs:/catalogs neuronatlas-precompute \
#     dataset-pass --model /models/rn50x4 --images /datasets/imagenet --catalog /catalogs/shard-0.db --shard-count 4
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish tools/NeuronAtlas.Precompute -c Release -o /out

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /out .
# data/ under /app holds the shipped fonts, labels, text-vis vocabulary and model manifests (read-only at run time).
ENV Atlas__DataRoot=/app
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/precompute.dll"]
