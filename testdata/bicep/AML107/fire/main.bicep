resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-10-01-preview' = {
  name: 'mlw'
  location: 'westeurope'
  properties: {
    ipAllowlist: [ '203.0.113.0/24' ]
    serverlessComputeSettings: { serverlessComputeNoPublicIP: true }
  }
}
