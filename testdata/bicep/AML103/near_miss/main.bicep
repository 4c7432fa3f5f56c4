// Near misses: an isolated workspace whose storage has private endpoints, key
// vault disables public access and registry denies by default; an isolated
// workspace whose storage access comes from a parameter without default and
// whose key vault endpoint may not exist (an if condition on a parameter); a
// public workspace with public dependencies.

param storage_public bool
param with_pe bool

resource vnetMl 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-ml'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.0.0.0/16' ]
    }
  }
}

resource vnetMlSnetTraining 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-training'
  properties: { addressPrefix: '10.0.1.0/24' }
}

resource stml 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stml'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: true }
}

resource peStBlob 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-st-blob'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetTraining.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-st-blob'
        properties: {
          privateLinkServiceId: stml.id
          groupIds: [ 'blob' ]
        }
      }
    ]
  }
}

resource peStFile 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-st-file'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetTraining.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-st-file'
        properties: {
          privateLinkServiceId: stml.id
          groupIds: [ 'file' ]
        }
      }
    ]
  }
}

resource kvMl 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-ml'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    publicNetworkAccess: 'Disabled'
  }
}

resource appiMl 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-ml'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web' }
}

resource acrml 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrml'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: {
    networkRuleSet: { defaultAction: 'Deny' }
  }
}

resource mlw 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    containerRegistry: acrml.id
    imageBuildCompute: 'cpu'
    publicNetworkAccess: 'Disabled'
  }
}

resource stml2 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stml2'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    publicNetworkAccess: storage_public ? 'Enabled' : 'Disabled'
    allowBlobPublicAccess: true
  }
}

resource kvMl2 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-ml2'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
  }
}

resource peKv2 'Microsoft.Network/privateEndpoints@2024-05-01' = if (with_pe) {
  name: 'pe-kv2'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetTraining.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-kv2'
        properties: {
          privateLinkServiceId: kvMl2.id
          groupIds: [ 'vault' ]
        }
      }
    ]
  }
}

resource mlw2 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw2'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml2.id
    keyVault: kvMl2.id
    applicationInsights: appiMl.id
    imageBuildCompute: 'cpu'
    publicNetworkAccess: 'Disabled'
  }
}

resource stml3 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stml3'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: true }
}

resource kvMl3 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-ml3'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
  }
}

resource appiMl3 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-ml3'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web' }
}

resource mlwPublic 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-public'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml3.id
    keyVault: kvMl3.id
    applicationInsights: appiMl3.id
  }
}
