#!/usr/bin/env bash
# Writes a caBundle into a webhook configuration file (MutatingWebhookConfiguration YAML or JSON), in place.
#
#   bash certs/inject-cabundle.sh FILE [CA_CERT]      (CA_CERT defaults to certs/out/ca.crt)
#
# Every `caBundle:` value in FILE is replaced (a placeholder such as `caBundle: ""` or `caBundle: CA_BUNDLE`,
# or an older bundle), keeping its indentation; JSON "caBundle": "..." members are replaced too.
set -euo pipefail
[ $# -ge 1 ] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
file=$1; ca=${2:-certs/out/ca.crt}
[ -f "$file" ] || { echo "inject-cabundle: no such file '$file'" >&2; exit 1; }
[ -s "$ca" ] || { echo "inject-cabundle: no CA certificate at '$ca'; run 'make certs' first" >&2; exit 1; }
grep -q 'caBundle' "$file" || { echo "inject-cabundle: '$file' has no caBundle field to fill; add 'caBundle: \"\"' under clientConfig" >&2; exit 1; }
bundle=$(base64 -w0 <"$ca")
sed -i -E \
  -e "s|^([[:space:]]*(- )?caBundle:).*$|\\1 $bundle|" \
  -e "s|(\"caBundle\"[[:space:]]*:[[:space:]]*)\"[^\"]*\"|\\1\"$bundle\"|g" \
  "$file"
echo "inject-cabundle: caBundle written into $file" >&2
