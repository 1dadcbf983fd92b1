# Remote state in S3, configured entirely at init time so that one configuration serves every
# cluster and account:
#
#   terraform init \
#     -backend-config="bucket=<state bucket>" \
#     -backend-config="key=talos-irsa/<cluster>.tfstate" \
#     -backend-config="region=<region>" \
#     -backend-config="encrypt=true" \
#     -backend-config="use_lockfile=true"
#
# use_lockfile=true (Terraform >= 1.10) locks the state with a conditional-write lock object next
# to it in the same bucket; no DynamoDB table is needed. The state holds the cluster's secrets
# (Talos CAs, kubeconfig): keep the state bucket private, versioned and encrypted.
#
# `terraform init -backend=false` is enough for `terraform validate`. For a throwaway local run,
# put `terraform { backend "local" {} }` in a backend_override.tf (override files win).
terraform {
  backend "s3" {}
}
