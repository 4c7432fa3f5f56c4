variable "location" {
  type    = string
  default = "westeurope"
}

variable "prefix" {
  type    = string
  default = "mlfaulty"
}

variable "acr_sku" {
  description = "SKU of the workspace's container registry"
  type        = string
  default     = "Standard"
}

variable "private" {
  description = "Put the workspace behind a private endpoint"
  type        = bool
  default     = true
}
