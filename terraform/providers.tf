provider "aws" {
  region = var.region

  default_tags {
    tags = merge(var.tags, {
      "talos-irsa/cluster" = var.cluster_name
    })
  }
}

provider "talos" {}
