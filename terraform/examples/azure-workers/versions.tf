terraform {
  required_version = ">= 1.9.0"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 4.0, < 5.0"
    }
  }
}

provider "azurerm" {
  features {}
  # azurerm 4.x needs a subscription: set this or export ARM_SUBSCRIPTION_ID.
  subscription_id = var.subscription_id
}
