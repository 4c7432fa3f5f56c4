# No-public-IP serverless compute, an IP allowlist, no outbound PE rule to the workspace.
resource "azapi_resource" "ws" {
  type      = "Microsoft.MachineLearningServices/workspaces@2024-10-01-preview"
  name      = "mlw"
  location  = "westeurope"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  body = {
    properties = {
      ipAllowlist = ["203.0.113.0/24"]
      serverlessComputeSettings = {
        serverlessComputeNoPublicIP = true
      }

    }
  }
}
