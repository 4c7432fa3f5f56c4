// isolint:ignore AML401 this VNet is not on the Docker range, so nothing is silenced
resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
  }
}

// isolint:ignore AML401
resource noreason 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-noreason'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '172.17.0.0/16' ] }
  }
}
