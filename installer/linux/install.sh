#!/bin/sh
# Install PrivacyDesk from this unpacked tarball, for the current user:
#   ./install.sh             the program in ~/.local/opt/privacydesk, the command in
#                            ~/.local/bin, the menu entry, icons and metainfo in ~/.local/share
#   ./install.sh --uninstall removes exactly those files again
# The officer's data (~/.local/share/PrivacyDesk: the database and its backups) is never
# touched by either.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
app_id=org.privacydesk.PrivacyDesk
prefix=${XDG_DATA_HOME:-$HOME/.local/share}
opt=$HOME/.local/opt/privacydesk
bin=$HOME/.local/bin

uninstall() {
    rm -rf "$opt"
    rm -f "$bin/privacydesk" "$prefix/applications/$app_id.desktop" \
          "$prefix/metainfo/$app_id.metainfo.xml"
    find "$prefix/icons/hicolor" -name "$app_id.*" -type f -delete 2>/dev/null || true
    command -v update-desktop-database >/dev/null && \
        update-desktop-database -q "$prefix/applications" || true
    echo "PrivacyDesk removed; your data in $prefix/PrivacyDesk is kept."
}

if [ "${1:-}" = "--uninstall" ]; then
    uninstall
    exit 0
fi

mkdir -p "$HOME/.local/opt" "$bin" "$prefix/applications" "$prefix/metainfo"
rm -rf "$opt"
cp -a "$here/privacydesk" "$opt"
ln -sf "$opt/privacydesk" "$bin/privacydesk"
# the menu entry runs this copy, wherever ~/.local/bin is on PATH or not
sed "s|^Exec=privacydesk|Exec=$opt/privacydesk|; s|^TryExec=privacydesk|TryExec=$opt/privacydesk|" \
    "$here/share/applications/$app_id.desktop" > "$prefix/applications/$app_id.desktop"
cp "$here/share/metainfo/$app_id.metainfo.xml" "$prefix/metainfo/"
cp -r "$here/share/icons" "$prefix/"
command -v update-desktop-database >/dev/null && \
    update-desktop-database -q "$prefix/applications" || true
command -v gtk-update-icon-cache >/dev/null && \
    gtk-update-icon-cache -q -t "$prefix/icons/hicolor" || true
echo "PrivacyDesk installed in $opt; start it from the menu or with: $bin/privacydesk"
echo "Check this machine with: $bin/privacydesk selftest"
