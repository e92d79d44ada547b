#!/usr/bin/env bash
# Refreshes the vendored front-end files in static/vendor and static/images from the npm registry.
# The versions live in frontend/package.json: change them there, run this script, then `make test`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp "$root/frontend/package.json" "$root/frontend/vendor.scss" "$work/"
(cd "$work" && npm install --no-audit --no-fund --ignore-scripts >/dev/null)
modules="$work/node_modules"
version() { node -p "require('$modules/$1/package.json').version"; }

static="$root/static"
rm -rf "$static/vendor" "$static/images"
mkdir -p "$static/vendor" "$static/images"

(cd "$work" && npx --no-install sass --load-path=node_modules --load-path=. --style=compressed \
  --no-source-map --quiet-deps --silence-deprecation=import vendor.scss "$static/vendor/frontend.min.css" 2>/dev/null)

cp "$modules/govuk-frontend/dist/govuk/govuk-frontend.min.js" "$static/vendor/"
cp "$modules/@ministryofjustice/frontend/moj/moj-frontend.min.js" "$static/vendor/"
cp "$modules/htmx.org/dist/htmx.min.js" "$static/vendor/"

cp -R "$modules/govuk-frontend/dist/govuk/assets/images/." "$static/images/"
cp -R "$modules/@ministryofjustice/frontend/moj/assets/images/." "$static/images/"
# The crown, the crest and the GOV.UK and MOJ logos and icons belong to central government, never to a council.
find "$static/images" \( -name '*crown*' -o -name '*crest*' -o -name 'govuk-*' -o -name 'moj-*' \
  -o -name 'favicon*' -o -name 'manifest*' \) -delete

cat > "$static/vendor/VERSIONS.txt" <<TXT
govuk-frontend $(version govuk-frontend)
@ministryofjustice/frontend $(version @ministryofjustice/frontend)
htmx.org $(version htmx.org)
sass $(version sass)
TXT
cat "$static/vendor/VERSIONS.txt"
