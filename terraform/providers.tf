provider "aws" {
  region = var.region

  # "talos-irsa:cluster", not "talos-irsa/cluster": a '/' in a tag key is refused by EC2 for any
  # instance that exposes its tags in instance metadata, and by Azure (the azure-workers module
  # uses the same key), so the one key is valid everywhere.
  default_tags {
    tags = merge(var.tags, {
      "talos-irsa:cluster" = var.cluster_name
    })
  }
}

provider "talos" {}
