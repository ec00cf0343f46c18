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

package conversiontest

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/yaml"
)

// hubOnly is a v1beta3 object with fields v1beta1 cannot express, in spec and status, and a spec field to change
// through v1beta1.
type hubOnly struct {
	kind, spec, status string
	// edit is the path, in the v1beta1 object, of a string field the update through v1beta1 changes.
	edit []string
}

func hubOnlyObjects() []hubOnly {
	return []hubOnly{{
		kind: "OCICluster",
		spec: clusterSpec + v1beta2Network + `
clientOverrides:
  computeClientUrl: https://compute.example.com
availabilityDomains:
  ad-1:
    name: ad-1
    faultDomains: [FAULT-DOMAIN-1, FAULT-DOMAIN-2]
`,
		// An explicit false (not yet provisioned) and failure domains out of name order, one with controlPlane
		// unset and one with it false: v1beta1 can express none of these.
		status: `
initialization:
  provisioned: false
conditions:
- type: Ready
  status: "False"
  reason: Provisioning
  message: creating the VCN
  observedGeneration: 1
  lastTransitionTime: "2026-01-02T03:04:05Z"
failureDomains:
- name: ad-2
  attributes:
    AvailabilityDomain: ad-2
- name: ad-1
  controlPlane: false
`,
		edit: []string{"spec", "compartmentId"},
	}, {
		kind: "OCIManagedControlPlane",
		spec: controlPlaneSpec + `
clusterType: ENHANCED_CLUSTER
addons:
- name: CertManager
  version: v1.15.0
clusterOptions:
  openIdConnectDiscovery:
    isOpenIdConnectDiscoveryEnabled: true
`,
		status: `
initialization:
  controlPlaneInitialized: false
externalManagedControlPlane: true
version: v1.31.1
versions:
- version: v1.31.1
  replicas: 3
conditions:
- type: Ready
  status: "True"
  reason: Active
  message: ""
  lastTransitionTime: "2026-01-02T03:04:05Z"
`,
		edit: []string{"spec", "kmsKeyId"},
	}, {
		kind: "OCIMachineTemplate",
		spec: template(machineSpec),
		edit: []string{"spec", "template", "spec", "imageId"},
	}}
}

// testHubOnlyFieldsSurviveV1Beta1 creates v1beta3 objects with hub-only fields, updates their spec (and status)
// through v1beta1, and checks the hub object is unchanged but for the edit.
func (ce *conversionEnv) testHubOnlyFieldsSurviveV1Beta1(t *testing.T) {
	ctx := context.Background()
	for _, h := range hubOnlyObjects() {
		t.Run(h.kind, func(t *testing.T) {
			g := NewWithT(t)
			obj := object(g, "v1beta3", h.kind, "hub-only", h.spec)
			g.Expect(ce.client.Create(ctx, obj)).To(Succeed())
			if h.status != "" {
				status := map[string]any{}
				g.Expect(yaml.Unmarshal([]byte(h.status), &status)).To(Succeed())
				obj.Object["status"] = status
				g.Expect(ce.client.Status().Update(ctx, obj)).To(Succeed())
			}
			before := ce.get(g, obj, "v1beta3")

			old := ce.get(g, obj, "v1beta1")
			g.Expect(unstructured.SetNestedField(old.Object, "edited-through-v1beta1", h.edit...)).To(Succeed())
			g.Expect(ce.client.Update(ctx, old)).To(Succeed())
			if h.status != "" {
				// A status write through v1beta1, as a controller of the earlier provider would make.
				g.Expect(ce.client.Status().Update(ctx, ce.get(g, obj, "v1beta1"))).To(Succeed())
			}

			// Expected: the object as the hub's Go types write it (an explicit false under omitempty, such as
			// networkSecurityGroup.skip, is not kept once any typed version writes it), with the edit.
			after := ce.get(g, obj, "v1beta3")
			want := typedObject(g, ce.scheme, before)
			g.Expect(unstructured.SetNestedField(want, "edited-through-v1beta1", h.edit...)).To(Succeed())
			g.Expect(cmp.Diff(want["spec"], after.Object["spec"])).To(BeEmpty())
			g.Expect(cmp.Diff(want["status"], after.Object["status"])).To(BeEmpty())
			g.Expect(after.GetAnnotations()).To(BeEmpty(), "the conversion annotation must not reach the hub")
		})
	}
}
