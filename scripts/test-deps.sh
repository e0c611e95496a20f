#!/bin/sh
# Install what the browser and document tests need from Debian's packages, once.
set -e
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-writer"
# Slide decks are converted with Impress, which Debian packages apart from Writer.
! command -v dpkg >/dev/null 2>&1 || dpkg -s libreoffice-impress >/dev/null 2>&1 || missing="$missing libreoffice-impress"
# The spreadsheet forms are converted with Calc, which Debian packages apart from Writer.
! command -v dpkg >/dev/null 2>&1 || dpkg -s libreoffice-calc >/dev/null 2>&1 || missing="$missing libreoffice-calc"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "test-deps: please install:$missing (needs root)" >&2
  exit 1
fi
echo "test-deps: installing$missing from Debian's packages (first run only)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq $missing fonts-dejavu-core >/dev/null
