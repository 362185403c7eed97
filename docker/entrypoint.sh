#!/bin/sh
# Entry point of the E-contract image (docker/Dockerfile).
#
# 1. Secrets from files: for each secret the services read (the list below; add a new one there),
#    NAME_FILE=/path sets NAME to that file's content (Docker and compose secrets are files under
#    /run/secrets), so that no secret needs to be an environment value in a compose file or baked
#    into the image. Setting both NAME and NAME_FILE is refused. Other *_FILE variables (such as
#    SSL_CERT_FILE) are left alone.
# 2. Which service: the first argument, or SERVICE when there is none.
#      command-side   the command API                  (node command-side/dist/main.js)
#      query-side     the query API                    (node query-side/dist/main.js)
#      background     projections and reactors: run exactly ONE (docker/README.md)
#      all-in-one     the whole system in one process  (npm start)
#      projections    the read models alone, no reactors
#      rebuild        rebuild read models from the log (npm run rebuild; -- --only deals)
#      verify         check a saved evidence package   (npm run verify)
#    Anything else is run as given (e.g. `node -e …`).
set -eu

SECRETS="JWT_SECRET OTP_SECRET IDENTIFICATION_CALLBACK_SECRET INVITE_TOKEN_SECRET PERSONAL_DATA_MASTER_KEY METRICS_TOKEN
EVENTSTORE_URL MONGODB_URL DADATA_API_KEY SMS_GATEWAY_KEY SMTP_URL DEMO_PASSWORD"

for name in $SECRETS; do
  file=$(printenv "${name}_FILE" || true)
  [ -n "$file" ] || continue
  if printenv "$name" > /dev/null 2>&1; then
    echo "both $name and ${name}_FILE are set: set one of them" >&2
    exit 2
  fi
  if [ ! -r "$file" ]; then
    echo "${name}_FILE names $file, which cannot be read" >&2
    exit 2
  fi
  # $(cat) drops trailing newlines, which editors add to secret files.
  value=$(cat "$file")
  export "$name=$value"
  unset "${name}_FILE"
done

if [ "$#" -eq 0 ]; then
  set -- "${SERVICE:-all-in-one}"
fi

case "$1" in
  command-side) shift; set -- node command-side/dist/main.js "$@" ;;
  query-side) shift; set -- node query-side/dist/main.js "$@" ;;
  background) shift; set -- node host/dist/background-main.js "$@" ;;
  all-in-one) shift; set -- node host/dist/all-in-one.js "$@" ;;
  projections) shift; set -- node projections/dist/main.js "$@" ;;
  rebuild) shift; set -- node projections/dist/rebuild-cli.js "$@" ;;
  verify) shift; set -- node query-side/dist/evidence/verify-cli.js "$@" ;;
esac

exec "$@"
