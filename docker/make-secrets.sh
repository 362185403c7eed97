#!/bin/sh
# Creates docker/secrets/ for docker/compose.yaml: random values for every secret the deployment
# makes itself, the connection strings built from them, and empty files for the secrets another
# system gives you (fill those in). An existing file is never overwritten, so running it again is
# safe. Needs openssl.
#
#   docker/make-secrets.sh [folder]        (default: docker/secrets beside this script)
#
# The folder is private to its owner (0700); the files are 0644 because each container reads its
# secret as its own unprivileged user (compose mounts them as they are on the host).
set -eu

dir=${1:-"$(dirname "$0")/secrets"}
mkdir -p "$dir"
chmod 0700 "$dir"

# write NAME VALUE: the file NAME unless it exists
write() {
  if [ -e "$dir/$1" ]; then
    echo "kept     $1"
  else
    printf '%s\n' "$2" > "$dir/$1"
    chmod 0644 "$dir/$1"
    echo "created  $1"
  fi
}
random() { openssl rand -hex "${1:-32}"; }

# The services' own secrets (at least 32 characters each; the services refuse shorter ones).
write jwt_secret "$(random)"
write otp_secret "$(random)"
write identification_callback_secret "$(random)"
write invite_token_secret "$(random)"
# Wraps every person's key (personal-data erasure): lose it and no sealed personal field opens again.
write personal_data_master_key "$(random)"
write metrics_token "$(random)"

# The stores' credentials, and the connection strings the services use (they name every node).
write esdb_admin_password "$(random 24)"
write esdb_ops_password "$(random 24)"
write mongo_root_password "$(random 24)"
write mongo_app_password "$(random 24)"
write mongo_keyfile "$(openssl rand -base64 756 | tr -d '\n')"
write eventstore_url "esdb://admin:$(cat "$dir/esdb_admin_password")@esdb1:2113,esdb2:2113,esdb3:2113?tls=true&tlsCAFile=/certs/eventstore/ca.crt&nodePreference=leader"
write mongodb_url "mongodb://econtract:$(cat "$dir/mongo_app_password")@mongo1:27017,mongo2:27017,mongo3:27017/econtract?replicaSet=rs0&authSource=admin&w=majority"

write grafana_admin_password "$(random 16)"

# Given by other systems: empty until you fill them in (production mode refuses to start without
# the ones it needs, naming them).
write dadata_api_key ''
write sms_gateway_key ''
write smtp_url ''
write alertmanager_smtp_password ''

echo "secrets are in $dir; fill in the empty ones (dadata_api_key, sms_gateway_key, smtp_url, alertmanager_smtp_password)"
