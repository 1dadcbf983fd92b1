terraform {
  # 1.10+ for S3-native state locking (use_lockfile); 1.9+ for cross-variable validation.
  required_version = ">= 1.10.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
    }
    talos = {
      source = "siderolabs/talos"
      # 0.11 is built on Talos machinery 1.13: the machinery renders the machine configuration, so
      # it must be at least as new as talos_version's minor (1.11 to 1.13; see the talos module).
      version = ">= 0.11.0, < 1.0.0"
    }
  }
}
