// isolint:ignore AML401 lab network, never peered; containers use a custom bridge
resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '172.17.0.0/16' ] }
  }
}

resource attr 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-attr'
  location: 'westeurope'
  properties: {
    // isolint:ignore AML401 reviewed in INFRA-123
    addressSpace: { addressPrefixes: [ '172.17.0.0/16' ] }
  }
}
