package ocisim

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
)

// referenceOps are the 133 operations of the provider's reference, by service.
var referenceOps = map[string]string{
	ServiceCore: "LaunchInstance GetInstance ListInstances TerminateInstance AttachVnic ListVnicAttachments AttachVolume " +
		"DetachVolume ListVolumeAttachments CreateInstanceConfiguration GetInstanceConfiguration ListInstanceConfigurations " +
		"DeleteInstanceConfiguration CreateInstancePool GetInstancePool ListInstancePools UpdateInstancePool " +
		"TerminateInstancePool ListInstancePoolInstances CreateVolume GetVolume ListVolumes DeleteVolume " +
		"CreateVcn GetVcn ListVcns UpdateVcn DeleteVcn CreateSubnet GetSubnet ListSubnets UpdateSubnet DeleteSubnet " +
		"CreateRouteTable GetRouteTable ListRouteTables UpdateRouteTable DeleteRouteTable CreateSecurityList " +
		"GetSecurityList ListSecurityLists UpdateSecurityList DeleteSecurityList CreateInternetGateway " +
		"GetInternetGateway ListInternetGateways UpdateInternetGateway DeleteInternetGateway CreateNatGateway " +
		"GetNatGateway ListNatGateways UpdateNatGateway DeleteNatGateway CreateServiceGateway GetServiceGateway " +
		"ListServiceGateways UpdateServiceGateway DeleteServiceGateway ListServices CreateNetworkSecurityGroup " +
		"GetNetworkSecurityGroup ListNetworkSecurityGroups UpdateNetworkSecurityGroup DeleteNetworkSecurityGroup " +
		"AddNetworkSecurityGroupSecurityRules ListNetworkSecurityGroupSecurityRules " +
		"UpdateNetworkSecurityGroupSecurityRules RemoveNetworkSecurityGroupSecurityRules GetVnic UpdateVnic " +
		"CreateDrg GetDrg ListDrgs UpdateDrg DeleteDrg CreateDrgAttachment GetDrgAttachment ListDrgAttachments " +
		"UpdateDrgAttachment DeleteDrgAttachment CreateRemotePeeringConnection GetRemotePeeringConnection " +
		"ListRemotePeeringConnections UpdateRemotePeeringConnection DeleteRemotePeeringConnection " +
		"ConnectRemotePeeringConnections",
	ServiceLoadBalancer: "CreateLoadBalancer GetLoadBalancer ListLoadBalancers UpdateLoadBalancer DeleteLoadBalancer " +
		"CreateBackend DeleteBackend UpdateListener UpdateHealthChecker GetWorkRequest",
	ServiceNetworkLoadBalancer: "CreateNetworkLoadBalancer GetNetworkLoadBalancer ListNetworkLoadBalancers " +
		"UpdateNetworkLoadBalancer DeleteNetworkLoadBalancer UpdateHealthChecker UpdateListener CreateBackend DeleteBackend " +
		"GetWorkRequest ListWorkRequestErrors",
	ServiceContainerEngine: "CreateCluster GetCluster ListClusters UpdateCluster DeleteCluster CreateKubeconfig " +
		"CreateNodePool GetNodePool ListNodePools UpdateNodePool DeleteNodePool GetNodePoolOptions " +
		"CreateVirtualNodePool GetVirtualNodePool ListVirtualNodePools UpdateVirtualNodePool DeleteVirtualNodePool " +
		"ListVirtualNodes InstallAddon GetAddon ListAddons UpdateAddon DisableAddon GetWorkRequest",
	ServiceIdentity:     "ListAvailabilityDomains ListFaultDomains ListRegions",
	ServiceWorkRequests: "ListWorkRequests ListWorkRequestErrors",
}

// covered maps "service operation" to the tests that got a 2xx for it.
var (
	coveredMu sync.Mutex
	covered   = map[string][]string{}
)

// recordCoverage notes which operations a test's emulator served successfully.
func recordCoverage(t testing.TB, s *Sim) {
	coveredMu.Lock()
	defer coveredMu.Unlock()
	entries := s.RequestLog()
	for i := range entries {
		e := &entries[i]
		key := e.Service + " " + e.Operation
		tests := covered[key]
		if e.Status < 300 && (len(tests) == 0 || tests[len(tests)-1] != t.Name()) {
			covered[key] = append(tests, t.Name())
		}
	}
}

// TestMain runs the tests and then checks that every reference operation was exercised.
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 && flag.Lookup("test.run").Value.String() == "" {
		code = checkCoverage()
	}
	os.Exit(code)
}

// checkCoverage fails when a reference operation was never served
// successfully, and writes the operation table when OCISIM_COVERAGE is set.
func checkCoverage() int {
	var rows, missing []string
	total := 0
	for _, svc := range sortedKeys(referenceOps) {
		for _, op := range strings.Fields(referenceOps[svc]) {
			total++
			tests, ok := covered[svc+" "+op]
			if !ok {
				missing = append(missing, svc+" "+op)
				continue
			}
			rows = append(rows, fmt.Sprintf("| %s | %s | %s |", svc, op, testList(tests)))
		}
	}
	sort.Strings(missing)
	if path := os.Getenv("OCISIM_COVERAGE"); path != "" {
		table := "| Service | Operation | Test |\n|---|---|---|\n" + strings.Join(rows, "\n") + "\n"
		if err := os.WriteFile(path, []byte(table), 0o600); err != nil {
			fmt.Println("writing the coverage table:", err)
			return 1
		}
	}
	if total != 136 || len(missing) > 0 {
		fmt.Printf("%d reference operations, %d not exercised: %s\n", total, len(missing), strings.Join(missing, ", "))
		return 1
	}
	return 0
}

// testList formats up to three test names, preferring those not named after
// shared fixtures.
func testList(tests []string) string {
	seen := map[string]bool{}
	var out []string
	for _, t := range tests {
		if !seen[t] && len(out) < 3 && t != "BenchmarkMixedSDK" && t != "BenchmarkHandlerCPU" {
			seen[t] = true
			out = append(out, "`"+t+"`")
		}
	}
	return strings.Join(out, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
