variable "bucket_name" {
  description = "Name of the S3 bucket that hosts the cluster's OIDC discovery documents. It becomes part of the service-account issuer URL, so it must be globally unique and must not change after the cluster exists."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.bucket_name)) && !strcontains(var.bucket_name, "--")
    error_message = "bucket_name must be 3-63 characters of lowercase letters, digits and single hyphens, starting and ending with a letter or digit (dots are not allowed: they break the virtual-hosted HTTPS issuer URL)."
  }
}

variable "region" {
  description = "AWS region of the bucket, as configured on the aws provider. It is part of the issuer URL https://BUCKET.s3.REGION.amazonaws.com."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}([a-z]{2})?(-[a-z]+)+-[0-9]+$", var.region))
    error_message = "region must be an AWS region name such as us-east-1."
  }
}

variable "jwks_object_key" {
  description = "Object key of the JSON Web Key Set inside the bucket. The issuer's jwks_uri is https://BUCKET.s3.REGION.amazonaws.com/<this key>; it must match the kube-apiserver --service-account-jwks-uri."
  type        = string
  default     = "openid/v1/jwks"

  # Segments that start with a letter or digit, joined by single slashes: no "." or ".." segment,
  # no empty one, no leading or trailing slash. The publish-oidc action publishes the JWKS at the
  # key the cluster's jwks_uri names only when that path is such a plain key; for any other path
  # it publishes openid/v1/jwks instead, and the bucket policy would make the wrong key public.
  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$", var.jwks_object_key)) && var.jwks_object_key != ".well-known/openid-configuration"
    error_message = "jwks_object_key must be a relative object key: segments of letters, digits, '.', '_' and '-' that each start with a letter or digit, joined by single '/' (so no '.' or '..' segment, no empty segment, no leading or trailing '/'), other than .well-known/openid-configuration."
  }
}

variable "create_oidc_provider" {
  description = "Whether to register the issuer as an IAM OIDC identity provider. Set to false when another stack owns the provider."
  type        = bool
  default     = true
}

variable "client_ids" {
  description = "Audiences (client IDs) the IAM OIDC provider accepts. IRSA tokens use sts.amazonaws.com."
  type        = list(string)
  default     = ["sts.amazonaws.com"]

  validation {
    condition     = length(var.client_ids) > 0 && contains(var.client_ids, "sts.amazonaws.com")
    error_message = "client_ids must include sts.amazonaws.com, the audience that IRSA web identity tokens carry."
  }
}

variable "thumbprints" {
  description = "Optional SHA-1 thumbprints (40 hex characters) of the issuer's TLS certificate chain. Leave empty: IAM no longer uses thumbprints for issuers served by S3 (it trusts the S3 certificate through its own CA library), and the aws provider lets IAM fill the value in."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for t in var.thumbprints : can(regex("^[0-9a-fA-F]{40}$", t))])
    error_message = "Each thumbprint must be a SHA-1 fingerprint of 40 hexadecimal characters without colons."
  }
}

variable "force_destroy" {
  description = "Allow terraform destroy to delete the bucket while it still holds the published documents."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags applied to every resource of this module."
  type        = map(string)
  default     = {}
}
