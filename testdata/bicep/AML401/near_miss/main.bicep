// Near misses: neighbours of 172.17.0.0/16, and a prefix that is unknown.
param cidr string

resource next 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-next'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '172.18.0.0/16', '172.16.0.0/16' ] }
  }
}

resource unknown 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-unknown'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ cidr ] }
  }
}

resource unknownSubnet 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = {
  parent: unknown
  name: 'snet-unknown'
  properties: { addressPrefixes: [ cidrSubnet(cidr, 24, 1) ] }
}
