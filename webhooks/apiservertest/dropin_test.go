// Copyright 2026 The CAPOCI Authors.
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

package apiservertest

import (
	"context"
	"strings"
	"sync"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// What users apply to the earlier provider today, sent through the API server as they send it.

// warnings records the admission warnings the API server passes on.
type warnings struct {
	mu   sync.Mutex
	list []string
}

func (w *warnings) HandleWarningHeader(_ int, _, text string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.list = append(w.list, text)
}

// warningClient returns a client whose requests record the warnings they get.
func warningClient(t *testing.T) (client.Client, *warnings) {
	t.Helper()
	w := &warnings{}
	cfg := rest.CopyConfig(restConfig)
	cfg.WarningHandler = w
	c, err := client.New(cfg, client.Options{Scheme: k8s.Scheme()})
	if err != nil {
		t.Fatal(err)
	}
	return c, w
}

func expectWarning(t *testing.T, w *warnings, substrings ...string) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, text := range w.list {
		found := true
		for _, s := range substrings {
			found = found && strings.Contains(text, s)
		}
		if found {
			return
		}
	}
	t.Errorf("no warning containing %q among %q", substrings, w.list)
}

func TestUpperCaseLoadBalancerTypesAreStoredAsWrittenWithAWarning(t *testing.T) {
	ctx := context.Background()
	c, w := warningClient(t)
	for name, lbType := range map[string]string{"lb-upper": "LB", "nlb-upper": "NLB"} {
		obj := spokeObject("v1beta2", "OCICluster", name, map[string]any{
			"compartmentId": compartmentID,
			"networkSpec":   map[string]any{"apiServerLoadBalancer": map[string]any{"loadBalancerType": lbType}},
		})
		if err := c.Create(ctx, obj); err != nil {
			t.Fatalf("loadBalancerType %s was refused: %v", lbType, err)
		}
		got := &infrav1.OCICluster{}
		if err := k8s.Get(ctx, client.ObjectKeyFromObject(obj), got); err != nil {
			t.Fatal(err)
		}
		if lb := got.Spec.NetworkSpec.APIServerLoadBalancer; lb.LoadBalancerType != lbType || lb.IsFlexibleLoadBalancer() {
			t.Errorf("stored %q (flexible %v), want %q as written, a network load balancer", lb.LoadBalancerType, lb.IsFlexibleLoadBalancer(), lbType)
		}
	}
	expectWarning(t, w, "spec.networkSpec.apiServerLoadBalancer.loadBalancerType", `"LB" makes a network load balancer`)

	bad := spokeObject("v1beta2", "OCICluster", "lb-alb", map[string]any{
		"compartmentId": compartmentID,
		"networkSpec":   map[string]any{"apiServerLoadBalancer": map[string]any{"loadBalancerType": "ALB"}},
	})
	expectRejectedAt(t, k8s.Create(ctx, bad), "spec.networkSpec.apiServerLoadBalancer.loadBalancerType")
}

func TestSSHKeyThatDoesNotParseIsAcceptedWithAWarning(t *testing.T) {
	c, w := warningClient(t)
	p := spokeObject("v1beta2", "OCIManagedMachinePool", "ssh-warning", map[string]any{
		"version": "v1.34.1", "sshPublicKey": "my laptop key",
	})
	if err := c.Create(context.Background(), p); err != nil {
		t.Fatalf("a node pool with an SSH key that does not parse was refused: %v", err)
	}
	expectWarning(t, w, "spec.sshPublicKey")
}

func TestVirtualPoolWithNullSpecIsDefaulted(t *testing.T) {
	ctx := context.Background()
	for name, spec := range map[string]any{"null-spec": nil, "empty-spec": map[string]any{}} {
		obj := &unstructured.Unstructured{Object: map[string]any{
			"apiVersion": group + "/v1beta2", "kind": "OCIVirtualMachinePool",
			"metadata": map[string]any{"name": name, "namespace": "default"},
			"spec":     spec,
		}}
		if err := k8s.Create(ctx, obj); err != nil {
			t.Fatalf("%s: refused: %v", name, err)
		}
		got := &infrav1exp.OCIVirtualMachinePool{}
		if err := k8s.Get(ctx, client.ObjectKeyFromObject(obj), got); err != nil {
			t.Fatal(err)
		}
		if c := got.Spec.PodConfiguration; c == nil || c.SubnetName != "pod" || c.Shape != "Pod.Standard.E4.Flex" {
			t.Errorf("%s: pod configuration %+v not defaulted", name, c)
		}
	}
}

func TestIdentityAsTheEarlierProviderWritesIt(t *testing.T) {
	ctx := context.Background()
	for name, spec := range map[string]map[string]any{
		"workload-all-namespaces": {"type": "Workload", "allowedNamespaces": map[string]any{}},
		"workload-no-namespaces":  {"type": "Workload"},
	} {
		obj := spokeObject("v1beta2", "OCIClusterIdentity", name, spec)
		if err := k8s.Create(ctx, obj); err != nil {
			t.Fatalf("%s: refused: %v", name, err)
		}
		got := &unstructured.Unstructured{}
		got.SetAPIVersion(group + "/v1beta2")
		got.SetKind("OCIClusterIdentity")
		if err := k8s.Get(ctx, client.ObjectKeyFromObject(obj), got); err != nil {
			t.Fatal(err)
		}
		// {} allows every namespace and absent none: the two must not be confused on the way through v1beta3.
		allowed, found, _ := unstructured.NestedMap(got.Object, "spec", "allowedNamespaces")
		_, want := spec["allowedNamespaces"]
		if found != want || len(allowed) != 0 {
			t.Errorf("%s: allowedNamespaces %v (present %v), want present %v", name, allowed, found, want)
		}
		if typ, _, _ := unstructured.NestedString(got.Object, "spec", "type"); typ != "Workload" {
			t.Errorf("%s: type %q, want Workload as written", name, typ)
		}
	}
}

func TestShapeIsRequiredOnCreate(t *testing.T) {
	ctx := context.Background()
	tmpl := spokeObject("v1beta2", "OCIMachineTemplate", "no-shape", map[string]any{
		"template": map[string]any{"spec": map[string]any{"imageId": imageID}},
	})
	expectRejectedAt(t, k8s.Create(ctx, tmpl), "spec.template.spec.shape")
	m := spokeObject("v1beta2", "OCIMachine", "no-shape", map[string]any{"imageId": imageID})
	expectRejectedAt(t, k8s.Create(ctx, m), "spec.shape")
}
