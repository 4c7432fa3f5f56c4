param cidr string

resource vnetHub 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-hub'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.0.0.0/16' ]
    }
  }
}

resource vnetSpoke 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-spoke'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.1.0.0/16' ]
    }
  }
}

resource vnetLonely 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-lonely'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ '10.0.0.0/16' ]
    }
  }
}

resource vnetUnknown 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-unknown'
  location: 'westeurope'
  properties: {
    addressSpace: {
      addressPrefixes: [ cidr ]
    }
  }
}

resource vnetHubHubToSpoke 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2024-05-01' = {
  parent: vnetHub
  name: 'hub-to-spoke'
  properties: {
    remoteVirtualNetwork: { id: vnetSpoke.id }
    allowVirtualNetworkAccess: true
  }
}

resource vnetHubHubToUnknown 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings@2024-05-01' = {
  parent: vnetHub
  name: 'hub-to-unknown'
  properties: {
    remoteVirtualNetwork: { id: vnetUnknown.id }
    allowVirtualNetworkAccess: true
  }
}
