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

package webhooks

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// What users apply to the earlier provider today is accepted, and defaulted to what it makes of it.

func TestLoadBalancerKind(t *testing.T) {
	tests := []struct {
		lb       *infrav1.LoadBalancer
		flexible bool
		warning  string
	}{
		{nil, false, ""},
		{&infrav1.LoadBalancer{}, false, ""},
		{&infrav1.LoadBalancer{LoadBalancerType: "nlb"}, false, ""},
		{&infrav1.LoadBalancer{LoadBalancerType: "NLB"}, false, ""},
		{&infrav1.LoadBalancer{LoadBalancerType: "lb"}, true, ""},
		// The earlier provider makes a classic load balancer only for the exact value lb.
		{&infrav1.LoadBalancer{LoadBalancerType: "LB"}, false, `"LB" makes a network load balancer`},
		{&infrav1.LoadBalancer{LoadBalancerType: "Lb"}, false, `"Lb" makes a network load balancer`},
		// An adopted load balancer keeps what it is.
		{&infrav1.LoadBalancer{LoadBalancerID: "ocid1.loadbalancer.oc1.iad.aaaa"}, true, ""},
		{&infrav1.LoadBalancer{LoadBalancerID: "ocid1.loadbalancer.oc1.iad.aaaa", LoadBalancerType: "nlb"}, true,
			`"nlb" is ignored: spec.lb.loadBalancerId is the OCID of a flexible load balancer`},
		{&infrav1.LoadBalancer{LoadBalancerID: "ocid1.networkloadbalancer.oc1.iad.aaaa", LoadBalancerType: "lb"}, false,
			`"lb" is ignored: spec.lb.loadBalancerId is the OCID of a network load balancer`},
		{&infrav1.LoadBalancer{LoadBalancerID: "ocid1.networkloadbalancer.oc1.iad.aaaa", LoadBalancerType: "LB"}, false, ""},
	}
	for _, tt := range tests {
		name := "nil"
		if tt.lb != nil {
			name = tt.lb.LoadBalancerType + "/" + tt.lb.LoadBalancerID
		}
		t.Run(name, func(t *testing.T) {
			if got := tt.lb.IsFlexibleLoadBalancer(); got != tt.flexible {
				t.Errorf("flexible %v, want %v", got, tt.flexible)
			}
			warnings := loadBalancerWarnings(field.NewPath("spec", "lb"), tt.lb)
			switch {
			case tt.warning == "" && len(warnings) != 0:
				t.Errorf("unexpected warnings %q", warnings)
			case tt.warning != "" && (len(warnings) != 1 || !strings.Contains(warnings[0], tt.warning)):
				t.Errorf("warnings %q, want one containing %q", warnings, tt.warning)
			}
			if errs := validateLoadBalancer(field.NewPath("spec", "lb"), tt.lb); len(errs) != 0 {
				t.Errorf("refused: %v", errs)
			}
		})
	}
}

func TestSSHKeyThatDoesNotParseIsAWarning(t *testing.T) {
	w := &OCIManagedMachinePool{}
	p := newManagedPool()
	p.Spec.SSHPublicKey = "not-a-key"
	warnings, err := w.ValidateCreate(context.Background(), p)
	expectFields(t, err)
	if len(warnings) != 1 || !strings.Contains(warnings[0], "spec.sshPublicKey") {
		t.Errorf("warnings %q, want one naming spec.sshPublicKey", warnings)
	}
	warnings, err = w.ValidateUpdate(context.Background(), p, p)
	expectFields(t, err)
	if len(warnings) != 1 {
		t.Errorf("update warnings %q, want one", warnings)
	}
	p.Spec.SSHPublicKey = sshKey
	if warnings, _ := w.ValidateCreate(context.Background(), p); len(warnings) != 0 {
		t.Errorf("a good key warned: %q", warnings)
	}
}

func TestPodNetworkDefaults(t *testing.T) {
	native := &infrav1exp.NodePoolPodNetworkOptionDetails{CNIType: CNIVCNNative,
		VCNIPNativePodNetworkOptions: &infrav1exp.VCNIPNativePodNetworkOptions{SubnetNames: []string{"pod"}, NSGNames: []string{"pod"}}}
	flannel := &infrav1exp.NodePoolPodNetworkOptionDetails{CNIType: CNIFlannel}
	for name, tt := range map[string]struct {
		in, want *infrav1exp.NodePoolNodeConfig
	}{
		"no node config":              {nil, &infrav1exp.NodePoolNodeConfig{NodePoolPodNetworkOptionDetails: native}},
		"node config, no pod network": {&infrav1exp.NodePoolNodeConfig{NSGNames: []string{"w"}}, &infrav1exp.NodePoolNodeConfig{NSGNames: []string{"w"}, NodePoolPodNetworkOptionDetails: native}},
		"flannel is kept":             {&infrav1exp.NodePoolNodeConfig{NodePoolPodNetworkOptionDetails: flannel}, &infrav1exp.NodePoolNodeConfig{NodePoolPodNetworkOptionDetails: flannel}},
	} {
		t.Run(name, func(t *testing.T) {
			p := &infrav1exp.OCIManagedMachinePool{Spec: infrav1exp.OCIManagedMachinePoolSpec{NodePoolNodeConfig: tt.in}}
			if err := (&OCIManagedMachinePool{}).Default(context.Background(), p); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, p.Spec.NodePoolNodeConfig); d != "" {
				t.Errorf("node config (-want +got):\n%s", d)
			}
		})
	}

	cp := &infrav1.OCIManagedControlPlane{}
	if err := (&OCIManagedControlPlane{}).Default(context.Background(), cp); err != nil {
		t.Fatal(err)
	}
	if want := []infrav1.ClusterPodNetworkOptions{{CNIType: CNIVCNNative}}; !cmp.Equal(want, cp.Spec.ClusterPodNetworkOptions) {
		t.Errorf("control plane pod network %+v, want VCN-native", cp.Spec.ClusterPodNetworkOptions)
	}
	cp.Spec.ClusterPodNetworkOptions = []infrav1.ClusterPodNetworkOptions{{CNIType: CNIFlannel}}
	if err := (&OCIManagedControlPlane{}).Default(context.Background(), cp); err != nil || cp.Spec.ClusterPodNetworkOptions[0].CNIType != CNIFlannel {
		t.Errorf("flannel overwritten: %+v (%v)", cp.Spec.ClusterPodNetworkOptions, err)
	}
}

func TestStoredObjectsWithoutTheNewDefaultsStillUpdate(t *testing.T) {
	// Objects stored before a default existed get it on their next update; that is not a change of an immutable
	// field.
	oldCP := newControlPlane()
	oldCP.Spec.ClusterPodNetworkOptions = nil
	newCP := oldCP.DeepCopy()
	newCP.Labels = map[string]string{"a": "b"}
	if err := (&OCIManagedControlPlane{}).Default(context.Background(), newCP); err != nil {
		t.Fatal(err)
	}
	_, err := (&OCIManagedControlPlane{}).ValidateUpdate(context.Background(), oldCP, newCP)
	expectFields(t, err)

	oldPool := newManagedPool()
	oldPool.Spec.NodePoolNodeConfig.NodePoolPodNetworkOptionDetails = nil
	newPool := oldPool.DeepCopy()
	if err := (&OCIManagedMachinePool{}).Default(context.Background(), newPool); err != nil {
		t.Fatal(err)
	}
	_, err = (&OCIManagedMachinePool{}).ValidateUpdate(context.Background(), oldPool, newPool)
	expectFields(t, err)
}

func TestVirtualPoolDefaults(t *testing.T) {
	w := &OCIVirtualMachinePool{}
	empty := &infrav1exp.OCIVirtualMachinePool{ObjectMeta: metav1.ObjectMeta{Name: "v"}}
	if err := w.Default(context.Background(), empty); err != nil {
		t.Fatal(err)
	}
	want := &infrav1exp.PodConfig{NSGNames: []string{"pod"}, SubnetName: "pod", Shape: DefaultVirtualPodShape}
	if d := cmp.Diff(want, empty.Spec.PodConfiguration); d != "" {
		t.Errorf("pod configuration (-want +got):\n%s", d)
	}
	_, err := w.ValidateCreate(context.Background(), empty)
	expectFields(t, err)

	given := &infrav1exp.OCIVirtualMachinePool{Spec: infrav1exp.OCIVirtualMachinePoolSpec{
		PodConfiguration: &infrav1exp.PodConfig{NSGNames: []string{}, SubnetName: "pods2", Shape: "Pod.Standard.A1.Flex"}}}
	wantGiven := given.Spec.PodConfiguration.DeepCopy()
	if err := w.Default(context.Background(), given); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(wantGiven, given.Spec.PodConfiguration); d != "" {
		t.Errorf("given values overwritten (-want +got):\n%s", d)
	}
}

func TestShapeIsRequiredOnCreateOnly(t *testing.T) {
	m := newMachine()
	m.Spec.Shape = ""
	_, err := (&OCIMachine{}).ValidateCreate(context.Background(), m)
	expectFields(t, err, "spec.shape")
	updated := m.DeepCopy()
	updated.Finalizers = nil
	_, err = (&OCIMachine{}).ValidateUpdate(context.Background(), m, updated)
	expectFields(t, err)

	tmpl := &infrav1.OCIMachineTemplate{ObjectMeta: metav1.ObjectMeta{Name: "t"}}
	tmpl.Spec.Template.Spec = m.Spec
	_, err = (&OCIMachineTemplate{}).ValidateCreate(context.Background(), tmpl)
	expectFields(t, err, "spec.template.spec.shape")
	relabeled := tmpl.DeepCopy()
	relabeled.Labels = map[string]string{"a": "b"}
	_, err = (&OCIMachineTemplate{}).ValidateUpdate(context.Background(), tmpl, relabeled)
	expectFields(t, err)
}

func TestIsZero(t *testing.T) {
	if !isZero((*infrav1.NLBSpec)(nil)) || !isZero(&infrav1.NLBSpec{}) || isZero(&infrav1.NLBSpec{ReservedIPIDs: []string{}}) {
		t.Error("isZero: nil and empty structs are zero, a struct with an empty non-nil list is not")
	}
	if !nlbSpecIsEmpty(&infrav1.NLBSpec{ReservedIPIDs: []string{}, BackendSetDetails: &infrav1.BackendSetDetails{HealthChecker: &infrav1.HealthChecker{}}}) {
		t.Error("the earlier provider's empty NLB spec is empty")
	}
	if nlbSpecIsEmpty(&infrav1.NLBSpec{BackendSetDetails: &infrav1.BackendSetDetails{IsPreserveSource: ptr.To(false)}}) {
		t.Error("an NLB spec that sets a field is not empty")
	}
}
