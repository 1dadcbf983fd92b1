terraform {
  # 1.10+ for S3-native state locking (use_lockfile); 1.9+ for cross-variable validation.
  required_version = ">= 1.10.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
    }
    talos = {
      source  = "siderolabs/talos"
      version = ">= 0.8.0, < 1.0.0"
    }
  }
}
