#!/bin/sh
# deb post-remove: take the udev rules away with the app.
set -e
rm -f /etc/udev/rules.d/99-studio-desk-serial.rules
if command -v udevadm >/dev/null 2>&1; then
  udevadm control --reload || true
fi
