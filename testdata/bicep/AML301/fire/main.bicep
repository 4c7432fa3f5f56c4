// The registry of a workspace behind a private endpoint is Basic (the SKU
// comes from a parameter default).
param acrSku string = 'Basic'

resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stml'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-ml'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
  }
}

resource ai 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-ml'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web' }
}

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrml'
  location: 'westeurope'
  sku: { name: acrSku }
}

resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: st.id
    keyVault: kv.id
    applicationInsights: ai.id
    containerRegistry: acr.id
    imageBuildCompute: 'cpu'
  }
}

resource peWs 'Microsoft.Network/privateEndpoints@2023-09-01' = {
  name: 'pe-ws'
  location: 'westeurope'
  properties: {
    subnet: { id: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s' }
    privateLinkServiceConnections: [
      {
        name: 'ws'
        properties: {
          privateLinkServiceId: ws.id
          groupIds: [ 'amlworkspace' ]
        }
      }
    ]
  }
}

// A registry with its own private endpoint, not used by any workspace.
resource other 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrother'
  location: 'westeurope'
  sku: { name: 'Standard' }
}

resource peOther 'Microsoft.Network/privateEndpoints@2023-09-01' = {
  name: 'pe-acr'
  location: 'westeurope'
  properties: {
    subnet: { id: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s' }
    privateLinkServiceConnections: [
      {
        name: 'acr'
        properties: {
          privateLinkServiceId: other.id
          groupIds: [ 'registry' ]
        }
      }
    ]
  }
}
