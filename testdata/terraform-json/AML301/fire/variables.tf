# HCL and JSON files mix in one root: the variable is HCL, the resources JSON.
variable "acr_sku" {
  default = "Basic"
}
