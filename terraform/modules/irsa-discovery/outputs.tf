output "issuer_url" {
  description = "Service-account issuer URL: https://BUCKET.s3.REGION.amazonaws.com. Pass it to kube-apiserver --service-account-issuer."
  value       = local.issuer_url
}

output "jwks_url" {
  description = "URL of the JSON Web Key Set. Pass it to kube-apiserver --service-account-jwks-uri."
  value       = "${local.issuer_url}/${var.jwks_object_key}"
}

output "discovery_url" {
  description = "URL of the OpenID discovery document that STS fetches."
  value       = "${local.issuer_url}/${local.discovery_object_key}"
}

output "bucket" {
  description = "Name of the discovery bucket."
  value       = aws_s3_bucket.discovery.bucket
}

output "bucket_arn" {
  description = "ARN of the discovery bucket."
  value       = aws_s3_bucket.discovery.arn
}

output "public_object_keys" {
  description = "The only object keys anyone can read: the discovery document and the JWKS."
  value       = local.public_object_keys
}

output "oidc_provider_arn" {
  description = "ARN of the IAM OIDC identity provider for the issuer (null when create_oidc_provider is false)."
  value       = one(aws_iam_openid_connect_provider.issuer[*].arn)
}
