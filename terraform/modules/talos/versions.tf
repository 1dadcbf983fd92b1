terraform {
  required_version = ">= 1.9.0"

  required_providers {
    talos = {
      source = "siderolabs/talos"
      # 0.9.x bundles Talos machinery 1.11, 0.10.x 1.12, 0.11.x 1.13. The machinery generates the
      # configuration, so it must be at least as new as the talos_version minors allowed in
      # variables.tf: raise this floor before allowing a newer minor there.
      version = ">= 0.11.0, < 1.0.0"
    }
  }
}
