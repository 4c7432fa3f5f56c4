variable "location" {
  type    = string
  default = "westeurope"
}

variable "prefix" {
  type    = string
  default = "mlclean"
}

variable "acr_sku" {
  description = "SKU of the workspace's container registry"
  type        = string
  default     = "Premium"
}

variable "network_base" {
  description = "Supernet the VNet is carved from"
  type        = string
  default     = "10.0.0.0/12"
}

variable "image_build_compute" {
  description = "CPU cluster that builds environment images inside the VNet"
  type        = string
  default     = "cpu-cluster"
}
