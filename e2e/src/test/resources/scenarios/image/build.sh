#!/usr/bin/env bash
# Builds the test images with real tools into $1: a busybox base layer and an app layer on top (with a whiteout
# of bin/cat), then writes the app image in every format jstack imports.
set -euo pipefail
out="$1"
cd "$out"
umoci init --layout oci
umoci new --image oci:base
umoci unpack --image oci:base base >/dev/null
mkdir -p base/rootfs/bin base/rootfs/etc base/rootfs/srv base/rootfs/tmp
cp "$(command -v busybox)" base/rootfs/bin/busybox
for c in sh sleep cat; do ln -s busybox "base/rootfs/bin/$c"; done
printf 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/srv:/bin/sh\n' > base/rootfs/etc/passwd
printf 'root:x:0:\napp:x:1000:\n' > base/rootfs/etc/group
umoci repack --image oci:base base
umoci unpack --image oci:base app >/dev/null
echo hello > app/rootfs/srv/greeting
rm app/rootfs/bin/cat
umoci repack --image oci:app app
umoci config --image oci:app --config.entrypoint /bin/sh --config.entrypoint -c \
    --config.cmd 'exec sleep 1000' --config.env GREETING=hi --config.workingdir /srv --config.user app
skopeo copy -q oci:oci:app "docker-archive:$out/app-docker.tar:app:1"
skopeo copy -q oci:oci:app "oci-archive:$out/app-oci.tar:app"
skopeo copy -q oci:oci:app "oci:$out/app-dir:app"
skopeo copy -q oci:oci:base "oci:$out/base-dir:base"
tar -C app/rootfs -czf "$out/rootfs.tar.gz" .
