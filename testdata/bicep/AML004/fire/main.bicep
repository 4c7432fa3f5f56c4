resource many 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = [for i in range(0, 100000000): {
  name: 'vnet/snet-${i}'
  properties: { addressPrefix: '10.0.0.0/24' }
}]
