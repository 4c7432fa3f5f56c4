// Near misses: a Basic registry of a public workspace; a Premium registry of a
// private one; a registry whose SKU is unknown (no default) behind a private
// workspace; a private endpoint whose existence is unknown.
param unknownSku string
param maybe bool

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

resource public 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrpublic'
  location: 'westeurope'
  sku: { name: 'Basic' }
}

resource wsPublic 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-public'
  location: 'westeurope'
  properties: {
    storageAccount: st.id
    keyVault: kv.id
    applicationInsights: ai.id
    containerRegistry: public.id
  }
}

resource premium 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrpremium'
  location: 'westeurope'
  sku: { name: 'premium' }
}

resource unknown 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrunknown'
  location: 'westeurope'
  sku: { name: unknownSku }
}

resource wsPrivate 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-private'
  location: 'westeurope'
  properties: {
    storageAccount: st.id
    keyVault: kv.id
    applicationInsights: ai.id
    containerRegistry: premium.id
    publicNetworkAccess: 'Disabled'
    imageBuildCompute: 'cpu'
  }
}

resource wsPrivate2 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-private2'
  location: 'westeurope'
  properties: {
    storageAccount: st.id
    keyVault: kv.id
    applicationInsights: ai.id
    containerRegistry: unknown.id
    publicNetworkAccess: 'Disabled'
    imageBuildCompute: 'cpu'
  }
}

resource acrMaybe 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrmaybe'
  location: 'westeurope'
  sku: { name: 'Basic' }
}

resource peMaybe 'Microsoft.Network/privateEndpoints@2023-09-01' = if (maybe) {
  name: 'pe-maybe'
  location: 'westeurope'
  properties: {
    subnet: { id: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s' }
    privateLinkServiceConnections: [
      {
        name: 'acr'
        properties: {
          privateLinkServiceId: acrMaybe.id
          groupIds: [ 'registry' ]
        }
      }
    ]
  }
}
