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

package templates_test

import (
	"maps"
	"slices"
	"testing"

	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// TestMachinePoolFlavorIsAcceptedByTheAPIServer renders the machine-pool flavor as clusterctl would, creates its
// objects (but the KubeadmControlPlane and KubeadmConfig) in dry-run mode with strict field validation and the provider's webhooks, and checks the MachinePool and
// its OCIMachinePool: the replicas asked for, the image, shape and OCPUs, legacy IMDS endpoints off.
func TestMachinePoolFlavorIsAcceptedByTheAPIServer(t *testing.T) {
	g := NewWithT(t)
	vars := requiredVariables(t, namespace(t))
	vars["OCI_IMAGE_ID"] = nodeImageID
	vars["CONTROL_PLANE_MACHINE_COUNT"] = "3"
	vars["OCI_NODE_MACHINE_TYPE_OCPUS"] = workerOCPUs
	objs := objects(t, "cluster-template-machinepool.yaml", vars)
	byKind := map[string]*unstructured.Unstructured{}
	for i := range objs {
		o := &objs[i]
		g.Expect(o.GetNamespace()).To(Equal(vars["NAMESPACE"]), "%s %s", o.GetKind(), o.GetName())
		byKind[o.GetKind()] = o
		if o.GetKind() == "KubeadmControlPlane" || o.GetKind() == "KubeadmConfig" {
			continue // the suite's API server serves neither kind (Cluster API's kubeadm providers)
		}
		warns, err := dryRunCreate(t.Context(), o)
		g.Expect(err).NotTo(HaveOccurred(), "%s %s", o.GetKind(), o.GetName())
		g.Expect(warns).To(BeEmpty(), "%s %s", o.GetKind(), o.GetName())
	}
	g.Expect(objs).To(HaveLen(7))
	g.Expect(slices.Collect(maps.Keys(byKind))).To(ConsistOf("Cluster", "OCICluster", "KubeadmControlPlane",
		"OCIMachineTemplate", "MachinePool", "OCIMachinePool", "KubeadmConfig"))
	var pool infrav1exp.OCIMachinePool
	fromUnstructured(g, byKind["OCIMachinePool"], &pool)
	c := pool.Spec.InstanceConfiguration
	g.Expect(c).NotTo(BeNil())
	g.Expect(c.InstanceSourceViaImageConfig.ImageID).To(Equal(nodeImageID))
	g.Expect(c.Shape).To(Equal("VM.Standard.E4.Flex"))
	g.Expect(c.ShapeConfig).To(Equal(&infrav1.ShapeConfig{OCPUs: workerOCPUs}))
	g.Expect(c.InstanceOptions).To(Equal(&infrav1.InstanceOptions{AreLegacyIMDSEndpointsDisabled: ptr.To(true)}))
	g.Expect(c.Metadata).To(Equal(map[string]string{"ssh_authorized_keys": vars["OCI_SSH_KEY"]}))
	mp := byKind["MachinePool"]
	g.Expect(mp.Object).To(HaveKeyWithValue("spec", HaveKeyWithValue("replicas", BeNumerically("==", 3))))
	g.Expect(mp.Object["spec"]).To(HaveKeyWithValue("template", HaveKeyWithValue("spec", HaveKeyWithValue("infrastructureRef",
		HaveKeyWithValue("name", pool.Name)))))
}
