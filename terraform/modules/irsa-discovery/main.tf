# Public OIDC discovery for a cluster's service-account issuer, served straight from S3.
#
# AWS STS validates IRSA tokens by fetching two documents anonymously over HTTPS:
#   <issuer>/.well-known/openid-configuration   and   the jwks_uri it names.
# Only those two objects are made public; everything else in the bucket stays private, ACLs stay
# disabled, and the account's other public-access protections stay on.

data "aws_partition" "current" {}

locals {
  discovery_object_key = ".well-known/openid-configuration"
  issuer_host          = "${var.bucket_name}.s3.${var.region}.${data.aws_partition.current.dns_suffix}"
  issuer_url           = "https://${local.issuer_host}"
  public_object_keys   = [local.discovery_object_key, var.jwks_object_key]
}

resource "aws_s3_bucket" "discovery" {
  bucket        = var.bucket_name
  force_destroy = var.force_destroy
  tags          = var.tags
}

# Object ownership: the bucket owner owns everything and ACLs are ignored, so public read can only
# ever come from the bucket policy below.
resource "aws_s3_bucket_ownership_controls" "discovery" {
  bucket = aws_s3_bucket.discovery.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# Relax only what a public bucket *policy* needs. ACL-based public access stays blocked.
resource "aws_s3_bucket_public_access_block" "discovery" {
  bucket = aws_s3_bucket.discovery.id

  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket_server_side_encryption_configuration" "discovery" {
  bucket = aws_s3_bucket.discovery.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

data "aws_iam_policy_document" "public_discovery_read" {
  statement {
    sid       = "PublicReadOfOidcDiscoveryDocumentsOnly"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = [for key in local.public_object_keys : "${aws_s3_bucket.discovery.arn}/${key}"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_s3_bucket_policy" "public_discovery_read" {
  bucket = aws_s3_bucket.discovery.id
  policy = data.aws_iam_policy_document.public_discovery_read.json

  # S3 rejects a public policy while BlockPublicPolicy is still on, and ownership must be settled
  # before anything is written.
  depends_on = [
    aws_s3_bucket_public_access_block.discovery,
    aws_s3_bucket_ownership_controls.discovery,
  ]
}

resource "aws_iam_openid_connect_provider" "issuer" {
  count = var.create_oidc_provider ? 1 : 0

  url            = local.issuer_url
  client_id_list = var.client_ids
  # Optional since aws provider 5.x: with null, IAM computes it. IAM ignores thumbprints for
  # S3-hosted issuers anyway, which is why no tls provider lookup is needed here.
  thumbprint_list = length(var.thumbprints) > 0 ? var.thumbprints : null
  tags            = var.tags
}
