resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw'
  location: 'westeurope'
  properties: {
    storageAccount: '/subscriptions/1111/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st'
    keyVault: '/subscriptions/1111/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv'
    applicationInsights: '/subscriptions/1111/resourceGroups/rg/providers/Microsoft.Insights/components/ai'
  }
}

resource peWs 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-ws'
  location: 'westeurope'
  properties: {
    subnet: {
      id: '/subscriptions/1111/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s'
    }
    privateLinkServiceConnections: [
      {
        name: 'amlworkspace'
        properties: {
          privateLinkServiceId: '/subscriptions/1111/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw'
          groupIds: [ 'amlworkspace' ]
        }
      }
    ]
  }
}
