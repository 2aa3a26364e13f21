#!/usr/bin/env bash
# Makes the base of the platform image: a Debian bookworm root file system (debootstrap's minbase) with a
# headless JRE 17, libgomp (PyTorch's CPU natives need it) and the CA certificates, the user adrd (10001) and
# its writable directories, written as a docker-archive tar that Jib takes as `tar://` (no registry, no
# Docker daemon). `./mvnw -Pimage package` runs it when the tar is missing. Needs root and a Debian mirror.
#
#   deploy/image/base-image.sh OUT.tar [MIRROR]
set -euo pipefail
out="${1:?usage: base-image.sh OUT.tar [MIRROR]}"
mirror="${2:-http://deb.debian.org/debian}"
if [[ -s "$out" ]]; then
  echo "base image already made: $out (delete it to make it again)"
  exit 0
fi
if [[ $EUID -ne 0 ]]; then
  echo "base-image.sh: debootstrap needs root; run it as root, or build the image with deploy/docker/Dockerfile" >&2
  exit 2
fi
command -v debootstrap >/dev/null || { apt-get update -q && apt-get install -y -q debootstrap; }

work="$(mktemp -d)"
rootfs="$work/rootfs"
trap 'umount "$rootfs/proc" 2>/dev/null || true; rm -rf "$work"' EXIT

debootstrap --variant=minbase --include=openjdk-17-jre-headless,libgomp1,ca-certificates bookworm "$rootfs" "$mirror"

chroot "$rootfs" groupadd --system --gid 10001 adrd
chroot "$rootfs" useradd --system --uid 10001 --gid adrd --home-dir /var/lib/adrd --no-create-home \
  --shell /usr/sbin/nologin adrd
mkdir -p "$rootfs/var/lib/adrd/streams" "$rootfs/var/lib/adrd/models" "$rootfs/var/cache/adrd/djl"
chown -R 10001:10001 "$rootfs/var/lib/adrd" "$rootfs/var/cache/adrd"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$rootfs/etc/hosts"
# Nothing in the image installs packages at run time: drop the package lists, caches and documentation.
umount "$rootfs/proc" 2>/dev/null || true
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
  "$rootfs"/usr/share/locale/* "$rootfs"/var/log/*.log "$rootfs"/dev/*

tar --numeric-owner --sort=name -C "$rootfs" -cf "$work/layer.tar" .
diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
java_home="/usr/lib/jvm/java-17-openjdk-amd64"
cat >"$work/config.json" <<EOF
{"architecture": "amd64", "os": "linux",
 "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "JAVA_HOME=$java_home",
                    "LANG=C.UTF-8"],
            "User": "10001:10001", "WorkingDir": "/var/lib/adrd"},
 "rootfs": {"type": "layers", "diff_ids": ["$diff_id"]},
 "history": [{"created_by": "deploy/image/base-image.sh: debootstrap bookworm minbase, openjdk-17-jre-headless, libgomp1, ca-certificates"}]}
EOF
printf '[{"Config": "config.json", "RepoTags": ["adrd-base:bookworm-jre17"], "Layers": ["layer.tar"]}]\n' \
  >"$work/manifest.json"
mkdir -p "$(dirname "$out")"
tar -C "$work" -cf "$out.partial" manifest.json config.json layer.tar
mv "$out.partial" "$out"
echo "base image: $out ($(du -h "$out" | cut -f1))"
