#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# check-deb.sh BUILD_DIR FIXTURE.pt
#
# CI check of the Debian package (as root): builds BUILD_DIR if needed, runs `cpack -G DEB`
# there, shows the package, installs it with apt-get (its Depends only: it must work without
# what it recommends, and OpenBLAS among those would switch the machine's libblas.so.3 for
# the checks that run after), then runs the installed programs:
# `prunescope-cli analyze FIXTURE.pt` and, if the GUI is in the package, a screenshot of the
# demo model and one of FIXTURE.pt opened by the menu entry's command line, with the
# offscreen platform. Leaves the package installed
# (`apt-get remove -y prunescope` to undo).
set -euo pipefail

die() { echo "check-deb: FAILED: $*" >&2; exit 1; }
step() { echo; echo "== $*"; }

[[ $# -eq 2 ]] || { echo "usage: $0 BUILD_DIR FIXTURE.pt" >&2; exit 2; }
build=$(realpath "$1")
fixture=$(realpath "$2")
[[ -f $build/CPackConfig.cmake ]] || die "$build is not a configured build tree (no CPackConfig.cmake)"
[[ -f $fixture ]] || die "fixture $fixture not found"
[[ $(id -u) -eq 0 ]] || die "must run as root: it installs the package"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

step "Build $build"
cmake --build "$build" || die "the build failed"

step "cpack -G DEB"
rm -f "$build"/prunescope_*.deb
start=$SECONDS
(cd "$build" && cpack -G DEB) || die "cpack failed"
echo "cpack took $((SECONDS - start)) s"
debs=("$build"/prunescope_*.deb)
[[ ${#debs[@]} -eq 1 && -f ${debs[0]} ]] || die "expected exactly one prunescope_*.deb in $build"
deb=${debs[0]}

step "dpkg -I $deb"
dpkg -I "$deb" || die "dpkg -I cannot read $deb"
dpkg -c "$deb"
depends=$(dpkg-deb -f "$deb" Depends)
need=(libtorch libstdc++6)
dpkg-deb -c "$deb" | grep '/usr/bin/prunescope$' >/dev/null && need+=(libqt6widgets6 libqt6gui6 libqt6svg6 libqt6charts6 libgvc6 qt6-translations-l10n)
for pkg in "${need[@]}"; do
    [[ $depends == *"$pkg"* ]] || die "Depends lacks $pkg (is dpkg-shlibdeps from dpkg-dev installed?)"
done

step "apt-get install -y --reinstall --no-install-recommends $deb"
apt-get install -y --reinstall --no-install-recommends "$deb" || die "apt-get could not install $deb"

step "prunescope-cli analyze $fixture"
/usr/bin/prunescope-cli analyze "$fixture" >"$tmp/analyze.txt" || die "prunescope-cli analyze exited with $?"
head -n 15 "$tmp/analyze.txt"

if [[ -x /usr/bin/prunescope ]]; then
    step "prunescope --screenshot (demo model, offscreen)"
    QT_QPA_PLATFORM=offscreen timeout 300 /usr/bin/prunescope --screenshot "$tmp/shot.png" \
        || die "prunescope --screenshot exited with $?"
    [[ -s $tmp/shot.png ]] || die "prunescope --screenshot wrote no PNG"
    echo "screenshot: $(stat -c %s "$tmp/shot.png") bytes"

    # The menu entry's own command line, with the fixture as the file it opens (%f),
    # in screenshot mode so that it ends: the installed app opens a .pt it is given.
    exec_line=$(sed -n 's/^Exec=//p' /usr/share/applications/prunescope.desktop | head -n 1)
    [[ -n $exec_line ]] || die "prunescope.desktop has no Exec line"
    read -r -a command <<<"${exec_line//%f/$fixture}"
    step "menu entry: ${command[*]} --screenshot (offscreen)"
    QT_QPA_PLATFORM=offscreen timeout 300 "${command[@]}" --screenshot "$tmp/model.png" >"$tmp/model.log" 2>&1 \
        || { cat "$tmp/model.log"; die "the menu entry's command exited with $?"; }
    [[ -s $tmp/model.png ]] || die "the menu entry's command wrote no PNG"
    grep -q "$(basename "$fixture")" "$tmp/model.log" \
        || { cat "$tmp/model.log"; die "the app did not report opening $(basename "$fixture")"; }
    cat "$tmp/model.log"
    echo "screenshot of $(basename "$fixture"): $(stat -c %s "$tmp/model.png") bytes"

    if command -v desktop-file-validate >/dev/null; then
        step "desktop-file-validate"
        desktop-file-validate /usr/share/applications/prunescope.desktop \
            || die "desktop-file-validate rejects prunescope.desktop"
    fi
    if command -v appstreamcli >/dev/null; then
        step "appstreamcli validate"
        appstreamcli validate --no-net /usr/share/metainfo/io.github.prunescope.metainfo.xml \
            || die "appstreamcli rejects the metainfo file"
    fi
else
    echo "no /usr/bin/prunescope: CLI-only package (PRUNESCOPE_BUILD_GUI=OFF), GUI checks skipped"
fi

echo
echo "check-deb: OK ($(basename "$deb"))"
