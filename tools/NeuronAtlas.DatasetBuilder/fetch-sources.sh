#!/usr/bin/env bash
# Fetches the emoji sources and rebuilds data/datasets/emoji with NeuronAtlas.DatasetBuilder.
#
#   tools/NeuronAtlas.DatasetBuilder/fetch-sources.sh [builder options...]
#
# Environment:
#   OUT      output folder (default: data/datasets/emoji in the repository)
#   SOURCES  folder for the downloaded npm packages (default: a fresh temporary folder, removed afterwards)
# Extra arguments go to the builder, e.g. --max-concepts 200 or --size 96.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${OUT:-$repo/data/datasets/emoji}"

openmoji_spec="openmoji@17.0.0"
openmoji_sha256="55ee7d13485dec86e9f38c1f3a645a13382d33ff97c0cd845ee824b0aef45e68"
twemoji_spec="@discordapp/twemoji@16.0.1"
twemoji_sha256="2278fd609501e20dc646a546c1d7bbcab86a4c38010ded12b45e61f9687b9d0a"
debian_packages=(fonts-noto-color-emoji unicode-data unicode-cldr-core)
debian_files=(
  /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
  /usr/share/unicode/emoji/emoji-test.txt
  /usr/share/unicode/cldr/common/annotations/en.xml
)

missing_files() {
  local f
  for f in "${debian_files[@]}"; do [[ -f "$f" ]] || echo "$f"; done
}

if [[ -n "$(missing_files)" ]]; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y --no-install-recommends "${debian_packages[@]}"
  else
    echo "Missing: $(missing_files | tr '\n' ' ')" >&2
    echo "Install the Debian packages first:  sudo apt-get install ${debian_packages[*]}" >&2
    exit 1
  fi
fi

command -v npm >/dev/null || { echo "npm is needed to fetch OpenMoji and Twemoji." >&2; exit 1; }
command -v dotnet >/dev/null || { echo "The .NET SDK (see global.json) is needed to run the builder." >&2; exit 1; }

if [[ -n "${SOURCES:-}" ]]; then
  sources="$SOURCES"
  mkdir -p "$sources"
else
  sources="$(mktemp -d)"
  trap 'rm -rf "$sources"' EXIT
fi

# npm pack downloads the published tarball only (no dependencies, no install scripts).
fetch() {
  local spec="$1" sha256="$2" name="$3" tarball
  tarball="$(cd "$sources" && npm pack --silent "$spec" | tail -n 1)"
  echo "$sha256  $sources/$tarball" | sha256sum --check --quiet \
    || { echo "$spec: tarball checksum differs from the one the committed dataset was built from." >&2; exit 1; }
  rm -rf "${sources:?}/$name"
  mkdir -p "$sources/$name"
  tar -xzf "$sources/$tarball" -C "$sources/$name" --strip-components=1
}
fetch "$openmoji_spec" "$openmoji_sha256" openmoji
fetch "$twemoji_spec" "$twemoji_sha256" twemoji

cd "$repo"
dotnet run --project tools/NeuronAtlas.DatasetBuilder -c Release -- \
  --out "$out" --openmoji "$sources/openmoji" --twemoji "$sources/twemoji" "$@"
dotnet run --project tools/NeuronAtlas.DatasetBuilder -c Release --no-build -- --verify "$out"
