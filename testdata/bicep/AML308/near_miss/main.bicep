// Near misses: a registry with a private endpoint and public access disabled;
// public access from a parameter without default; a private endpoint that may
// not exist (an if condition on a parameter); a public registry with a private
// endpoint that no workspace uses.

param registry_public bool
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

resource acrprivate 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrprivate'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: { publicNetworkAccess: 'Disabled' }
}

resource peAcrPrivate 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-acr-private'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-acr-private'
        properties: {
          privateLinkServiceId: acrprivate.id
          groupIds: [ 'registry' ]
        }
      }
    ]
  }
}

resource mlwPrivate 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'mlw-private'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    storageAccount: stml.id
    keyVault: kvMl.id
    applicationInsights: appiMl.id
    containerRegistry: acrprivate.id
  }
}

resource acrunknown 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrunknown'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: { publicNetworkAccess: registry_public ? 'Enabled' : 'Disabled' }
}

resource peAcrUnknown 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-acr-unknown'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-acr-unknown'
        properties: {
          privateLinkServiceId: acrunknown.id
          groupIds: [ 'registry' ]
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
    containerRegistry: acrunknown.id
  }
}

resource acrmaybe 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrmaybe'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: {}
}

resource peAcrMaybe 'Microsoft.Network/privateEndpoints@2024-05-01' = if (with_pe) {
  name: 'pe-acr-maybe'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-acr-maybe'
        properties: {
          privateLinkServiceId: acrmaybe.id
          groupIds: [ 'registry' ]
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
    containerRegistry: acrmaybe.id
  }
}

resource acrunused 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrunused'
  location: 'westeurope'
  sku: { name: 'Premium' }
  properties: {}
}

resource peAcrUnused 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-acr-unused'
  location: 'westeurope'
  properties: {
    subnet: { id: vnetMlSnetPe.id }
    privateLinkServiceConnections: [
      {
        name: 'pe-acr-unused'
        properties: {
          privateLinkServiceId: acrunused.id
          groupIds: [ 'registry' ]
        }
      }
    ]
  }
}
