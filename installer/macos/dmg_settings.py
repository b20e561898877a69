# dmgbuild settings of the PrivacyDesk disk image: the app and a link to /Applications.
#
#   dmgbuild -s installer/macos/dmg_settings.py -D app=dist/PrivacyDesk.app \
#            "PrivacyDesk" dist/PrivacyDesk-<version>-macos.dmg
#
# installer/build.py runs it; `defines` (the -D values) and the names below are the
# dmgbuild settings-file interface.
import os.path

app = defines.get("app", "dist/PrivacyDesk.app")  # noqa: F821 - given by dmgbuild
appname = os.path.basename(app)

format = "UDZO"  # zlib-compressed, read-only
filesystem = "HFS+"
files = [app]
symlinks = {"Applications": "/Applications"}
badge_icon = defines.get("icon")  # noqa: F821
icon_locations = {appname: (140, 120), "Applications": (500, 120)}
window_rect = ((200, 200), (640, 300))
default_view = "icon-view"
show_status_bar = False
show_toolbar = False
icon_size = 128
text_size = 13
