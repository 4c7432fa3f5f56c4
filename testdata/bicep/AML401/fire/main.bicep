// A VNet on Docker's bridge range; a subnet given as a supernet of it; inline
// subnets; prefixes computed with cidrSubnet from a variable.
var base = '172.16.0.0/12'

resource docker 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-docker'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '10.0.0.0/16', '172.17.0.0/16' ] }
  }
}

resource computed 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-computed'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ cidrSubnet(base, 16, 1) ] }
    subnets: [
      {
        name: 'inline'
        properties: { addressPrefixes: [ '172.17.8.0/24' ] }
      }
    ]
  }
}

resource wide 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = {
  parent: docker
  name: 'snet-wide'
  properties: { addressPrefixes: [ '172.16.0.0/12' ] }
}

resource counted 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = [for i in range(0, 2): {
  parent: computed
  name: 'snet-${i}'
  properties: { addressPrefixes: [ cidrSubnet('172.17.0.0/16', 24, i + 10) ] }
}]
