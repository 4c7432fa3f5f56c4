resource few 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = [for i in range(0, 3): {
  name: 'vnet/snet-${i}'
  properties: { addressPrefix: cidrSubnet('10.0.0.0/16', 24, i) }
}]
