#!/usr/bin/env bash
# The aws CLI against the s3 fake: S3_ENDPOINT is its URL; credentials and the path
# addressing style come from the environment (AWS_* and AWS_CONFIG_FILE). WORK is a
# scratch directory. Exits non-zero on the first check that fails.
set -euo pipefail
aws() { command aws --endpoint-url "$S3_ENDPOINT" "$@"; }
# has TEXT PATTERN: grep on a captured output (grep -q on a pipe would break it under pipefail)
has() { grep -q -- "$2" <<<"$1"; }
fail() { echo "aws cli: $*" >&2; exit 1; }
cd "$WORK"

aws s3 mb s3://cli-bucket >/dev/null
has "$(aws s3 ls)" cli-bucket || fail "s3 ls lacks the bucket"

printf 'small file\n' > small.txt
head -c $((20 * 1024 * 1024)) /dev/urandom > big.bin   # multipart at the CLI's 8 MiB threshold
aws s3 cp --only-show-errors small.txt s3://cli-bucket/small.txt
aws s3 cp --only-show-errors big.bin s3://cli-bucket/big.bin
aws s3 cp --only-show-errors s3://cli-bucket/small.txt small.out
aws s3 cp --only-show-errors s3://cli-bucket/big.bin big.out
cmp small.txt small.out || fail "small file differs"
cmp big.bin big.out || fail "big file differs"
etag=$(aws s3api head-object --bucket cli-bucket --key big.bin --query ETag --output text)
[[ $etag == *-3\" ]] || fail "multipart ETag $etag"

mkdir -p tree/a/b tree/c
for f in tree/one tree/a/two tree/a/b/three tree/c/four; do echo "$f" > "$f"; done
aws s3 sync --only-show-errors tree s3://cli-bucket/tree
n=$(aws s3 ls --recursive s3://cli-bucket/tree/ | wc -l)
[[ $n == 4 ]] || fail "sync uploaded $n files, want 4"
again=$(aws s3 sync tree s3://cli-bucket/tree)
[[ -z $again ]] || fail "second sync copied again: $again"
echo changed > tree/a/two
has "$(aws s3 sync --no-progress tree s3://cli-bucket/tree)" 'a/two' || fail "sync missed a changed file"
rm -rf back && aws s3 sync --only-show-errors s3://cli-bucket/tree back
diff -r tree back || fail "sync down differs"
has "$(aws s3 ls s3://cli-bucket/tree/)" 'PRE a/' || fail "s3 ls lacks the common prefix"

aws s3api put-object --bucket cli-bucket --key meta.txt --body small.txt --content-type text/plain --metadata color=blue >/dev/null
[[ $(aws s3api head-object --bucket cli-bucket --key meta.txt --query Metadata.color --output text) == blue ]] || fail "metadata"
aws s3api get-object --bucket cli-bucket --key meta.txt --range bytes=0-4 part.out >/dev/null
[[ $(cat part.out) == small ]] || fail "range: $(cat part.out)"
aws s3api copy-object --bucket cli-bucket --key copy.txt --copy-source cli-bucket/meta.txt >/dev/null
has "$(aws s3api list-objects-v2 --bucket cli-bucket --prefix tree/ --delimiter / --query 'CommonPrefixes[].Prefix' --output text)" 'tree/a/' || fail "list-objects-v2 prefixes"
if aws s3api head-object --bucket cli-bucket --key nothing 2>err.txt; then fail "head-object of a missing key"; fi
grep -q 404 err.txt || fail "head-object of a missing key: $(cat err.txt)"

aws s3 rm --recursive s3://cli-bucket >/dev/null
aws s3 rb s3://cli-bucket >/dev/null
echo "aws cli: ok"
