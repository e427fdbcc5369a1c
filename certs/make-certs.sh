#!/usr/bin/env bash
# Makes a CA and a serving certificate for the Greylane webhook with openssl, then prints the base64 caBundle.
#
#   bash certs/make-certs.sh OUTDIR [--service NAME] [--namespace NS] [--days N]
#
# OUTDIR gets ca.crt, ca.key, tls.crt, tls.key and cabundle.b64. The serving certificate names
# NAME.NS.svc, NAME.NS.svc.cluster.local, localhost and 127.0.0.1 (defaults: greylane-webhook, greylane-system).
# An existing CA in OUTDIR is kept (so a caBundle already installed stays valid); the serving pair is renewed.
set -euo pipefail

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }
[ $# -ge 1 ] || usage
case "$1" in -h|--help) usage 0 ;; esac
out=$1; shift
service=greylane-webhook; namespace=greylane-system; days=365
while [ $# -gt 0 ]; do
  case "$1" in
    --service) service=$2; shift 2 ;;
    --namespace) namespace=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "make-certs: unknown option '$1'" >&2; usage ;;
  esac
done
command -v openssl >/dev/null || { echo "make-certs: openssl is not installed (apt-get install openssl)" >&2; exit 1; }

mkdir -p "$out"
umask 077
host="$service.$namespace.svc"

if [ ! -s "$out/ca.crt" ] || [ ! -s "$out/ca.key" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days $((days * 10)) \
    -keyout "$out/ca.key" -out "$out/ca.crt" -subj "/CN=greylane-webhook-ca" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
fi

ext=$(mktemp); csr=$(mktemp)
trap 'rm -f "$ext" "$csr"' EXIT
cat >"$ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:$host,DNS:$host.cluster.local,DNS:$service.$namespace,DNS:localhost,IP:127.0.0.1
EXT
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$out/tls.key.new" -out "$csr" -subj "/CN=$host" 2>/dev/null
openssl x509 -req -in "$csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -CAcreateserial -sha256 -days "$days" \
  -extfile "$ext" -out "$out/tls.crt.new" 2>/dev/null
# Key first, then certificate, each by rename: a watching webhook never sees a certificate without its key.
mv "$out/tls.key.new" "$out/tls.key"
mv "$out/tls.crt.new" "$out/tls.crt"
chmod 644 "$out/ca.crt" "$out/tls.crt"

base64 -w0 <"$out/ca.crt" >"$out/cabundle.b64"
echo "make-certs: $out/tls.crt for $host (+ .cluster.local, localhost, 127.0.0.1), CA $out/ca.crt" >&2
echo "caBundle: $(cat "$out/cabundle.b64")"
