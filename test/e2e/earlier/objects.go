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

package earlier

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	clusterv1beta1 "sigs.k8s.io/cluster-api/api/core/v1beta1" //nolint:staticcheck // the earlier provider's objects are in the v1beta1 contract's shape
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1beta2 "github.com/oracle/cluster-api-provider-oci/api/v1beta2"
)

// MachineTemplate is what an OCIMachineTemplate of the earlier provider's default flavor says of its machines
// (templates/cluster-template.yaml, the control plane's and the workers' alike).
type MachineTemplate struct {
	Name, ImageID, SSHKey string
}

// Objects are the provider's objects of the cluster as the earlier provider stores them, v1beta2: the OCICluster
// with every OCID in its spec, its status (ready, failure domains, conditions in Cluster API's v1beta1 shape)
// and its finalizer, and the OCIMachineTemplates of its default flavor. The OCICluster points at the emulator's
// endpoints (spec.clientOverrides, the field users of dedicated regions set).
func (c *Cluster) Objects(overrides map[string]string, templates []MachineTemplate) ([]client.Object, error) {
	oc := &infrav1beta2.OCICluster{ObjectMeta: metav1.ObjectMeta{Namespace: c.Namespace, Name: c.Name,
		Labels: map[string]string{"cluster.x-k8s.io/cluster-name": c.Name}, Finalizers: []string{ClusterFinalizer}},
		Spec: *c.Spec.DeepCopy()}
	raw, err := json.Marshal(overrides)
	if err != nil {
		return nil, fmt.Errorf("encoding the client overrides: %w", err)
	}
	oc.Spec.ClientOverrides = &infrav1beta2.ClientOverrides{}
	if err := json.Unmarshal(raw, oc.Spec.ClientOverrides); err != nil {
		return nil, fmt.Errorf("decoding the client overrides: %w", err)
	}
	oc.Status = infrav1beta2.OCIClusterStatus{Ready: true, FailureDomains: c.FailureDomains,
		Conditions: readyConditions(ClusterReadyCondition, time.Now())}
	out := []client.Object{oc}
	for _, t := range templates {
		out = append(out, &infrav1beta2.OCIMachineTemplate{ObjectMeta: metav1.ObjectMeta{Namespace: c.Namespace, Name: t.Name},
			Spec: infrav1beta2.OCIMachineTemplateSpec{Template: infrav1beta2.OCIMachineTemplateResource{Spec: infrav1beta2.OCIMachineSpec{
				ImageID: t.ImageID, CompartmentID: c.Compartment, Shape: "VM.Standard.E5.Flex",
				ShapeConfig: &infrav1beta2.ShapeConfig{OCPUs: "1"}, Metadata: map[string]string{"ssh_authorized_keys": t.SSHKey},
				IsPvEncryptionInTransitEnabled: ptr.To(true),
				InstanceOptions:                &infrav1beta2.InstanceOptions{AreLegacyIMDSEndpointsDisabled: ptr.To(true)}}}}})
	}
	return out, nil
}

// readyConditions are a ready object's conditions as the earlier provider's patch leaves them: Ready, the summary,
// then its own condition, both true.
func readyConditions(own string, at time.Time) clusterv1beta1.Conditions {
	t := metav1.NewTime(at.UTC().Truncate(time.Second))
	return clusterv1beta1.Conditions{
		{Type: readyCondition, Status: corev1.ConditionTrue, LastTransitionTime: t},
		{Type: clusterv1beta1.ConditionType(own), Status: corev1.ConditionTrue, LastTransitionTime: t},
	}
}

// Create creates the objects (the status too, through its subresource), as they are stored once the earlier
// provider reconciled them.
func Create(ctx context.Context, c client.Client, objs []client.Object) error {
	for _, o := range objs {
		status := o.DeepCopyObject().(client.Object) //nolint:forcetypeassert // a copy of the same type
		if err := c.Create(ctx, o); err != nil {
			return fmt.Errorf("creating %T %s: %w", o, o.GetName(), err)
		}
		oc, ok := status.(*infrav1beta2.OCICluster)
		if !ok {
			continue
		}
		oc.ResourceVersion = o.GetResourceVersion()
		if err := c.Status().Update(ctx, oc); err != nil {
			return fmt.Errorf("writing the status of OCICluster %s: %w", oc.Name, err)
		}
	}
	return nil
}
