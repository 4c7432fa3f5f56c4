resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    imageBuildCompute: 'cpu'
    keyVault: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv'
    applicationInsights: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Insights/components/ai'
    containerRegistry: acrml.id
  }
}

resource stml 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stml'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: false }
}

resource vnetMl 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.0.0.0/16' ]
    }
  }
}

resource vnetMlSnetEndpoints 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-endpoints'
  properties: { addressPrefix: '10.0.9.0/24' }
}

resource vnetData 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-data'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.3.0.0/16' ]
    }
  }
}

resource vnetDataSnetData 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetData
  name: 'snet-data'
  properties: { addressPrefix: '10.3.1.0/24' }
}

resource acrml 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrml'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: {}
}

resource peBlob 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-blob'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetEndpoints.id }
    privateLinkServiceConnections: [
      {
        name: 'blob'
        properties: {
          privateLinkServiceId: stml.id
          groupIds: [ 'blob' ]
        }
      }
    ]
  }
}

resource peAcr 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-acr'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetDataSnetData.id }
    privateLinkServiceConnections: [
      {
        name: 'registry'
        properties: {
          privateLinkServiceId: acrml.id
          groupIds: [ 'registry' ]
        }
      }
    ]
  }
}
