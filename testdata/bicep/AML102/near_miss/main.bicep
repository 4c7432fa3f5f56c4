// Near misses: a private endpoint with public access disabled; public access
// from a parameter without default; a private endpoint that may not exist (an
// if condition on a parameter); a public workspace without any private
// endpoint.

param public_access bool
param with_pe bool

resource stml 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stml'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: true }
}

resource kvMl 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-ml'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
  }
}

resource appiMl 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-ml'
  location: 'westeurope'
  kind: 'web'
  properties: { Application_Type: 'web' }
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

resource vnetMlSnetTraining 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnetMl
  name: 'snet-training'
  properties: { addressPrefix: '10.0.1.0/24' }
}

resource mlwPrivate 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-private'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    publicNetworkAccess: 'Disabled'
  }
}

resource pePrivate 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-private'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetTraining.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-private'
        properties: {
          privateLinkServiceId: mlwPrivate.id
          groupIds: [ 'amlworkspace' ]
        }
      }
    ]
  }
}

resource mlwUnknown 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-unknown'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    publicNetworkAccess: public_access ? 'Enabled' : 'Disabled'
  }
}

resource peUnknown 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-unknown'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetTraining.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-unknown'
        properties: {
          privateLinkServiceId: mlwUnknown.id
          groupIds: [ 'amlworkspace' ]
        }
      }
    ]
  }
}

resource mlwMaybe 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-maybe'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    publicNetworkAccess: 'Enabled'
  }
}

resource peMaybe 'Microsoft.Network/privateEndpoints@2024-05-01' = if (with_pe) {
  name: 'pe-maybe'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetTraining.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-maybe'
        properties: {
          privateLinkServiceId: mlwMaybe.id
          groupIds: [ 'amlworkspace' ]
        }
      }
    ]
  }
}

resource mlwPublic 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-public'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    publicNetworkAccess: 'Enabled'
  }
}
