#!/bin/sh
# deb post-install: the serial-port udev rules, so the desk's USB-serial adapters get the dialout
# group and stable names under /dev/studio-desk/ (see the rules file).
set -e
RULES="/opt/Studio Desk/resources/udev/99-studio-desk-serial.rules"
if [ -f "$RULES" ]; then
  install -m 0644 "$RULES" /etc/udev/rules.d/99-studio-desk-serial.rules
  if command -v udevadm >/dev/null 2>&1; then
    udevadm control --reload || true
    udevadm trigger --subsystem-match=tty || true
  fi
fi
