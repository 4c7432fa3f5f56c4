// Near misses: key vaults of isolated workspaces with a private endpoint, with
// a service endpoint rule, with subnet rules from a parameter without default,
// with a private endpoint that may not exist (an if condition on a parameter);
// a public key vault of a workspace that is not isolated.

param subnet_ids array
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

resource vnetMlSnetPe 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-pe'
  properties: { addressPrefix: '10.0.1.0/24' }
}

resource stml 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stml'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: true }
}

resource appiMl 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-ml'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web' }
}

resource kvPe 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-pe'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
  }
}

resource peKv 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-kv'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-kv'
        properties: {
          privateLinkServiceId: kvPe.id
          groupIds: [ 'vault' ]
        }
      }
    ]
  }
}

resource kvSe 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-se'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
      virtualNetworkRules: [
        { id: vnetMlSnetPe.id }
      ]
    }
  }
}

resource kvUnknown 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-unknown'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
      virtualNetworkRules: subnet_ids
    }
  }
}

resource kvMaybe 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-maybe'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
  }
}

resource peKvMaybe 'Microsoft.Network/privateEndpoints@2024-05-01' = if (with_pe) {
  name: 'pe-kv-maybe'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-kv-maybe'
        properties: {
          privateLinkServiceId: kvMaybe.id
          groupIds: [ 'vault' ]
        }
      }
    ]
  }
}

resource kvPublic 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-public'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
  }
}

resource mlwPe 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-pe'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvPe.id
    applicationInsights: appiMl.id
    imageBuildCompute: 'cpu'
    publicNetworkAccess: 'Disabled'
  }
}

resource mlwSe 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-se'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvSe.id
    applicationInsights: appiMl.id
    imageBuildCompute: 'cpu'
    publicNetworkAccess: 'Disabled'
  }
}

resource mlwUnknown 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-unknown'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvUnknown.id
    applicationInsights: appiMl.id
    imageBuildCompute: 'cpu'
    publicNetworkAccess: 'Disabled'
  }
}

resource mlwMaybe 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-maybe'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMaybe.id
    applicationInsights: appiMl.id
    imageBuildCompute: 'cpu'
    publicNetworkAccess: 'Disabled'
  }
}

resource mlwPublic 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-public'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvPublic.id
    applicationInsights: appiMl.id
  }
}
