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
	"testing"

	admissionv1 "k8s.io/api/admission/v1"
	authenticationv1 "k8s.io/api/authentication/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

func requestBy(user string) context.Context {
	return admission.NewContextWithRequest(context.Background(), admission.Request{AdmissionRequest: admissionv1.AdmissionRequest{
		UserInfo: authenticationv1.UserInfo{Username: user}}})
}

func TestOwnedPoolOCIDsAreTheManagersToReplace(t *testing.T) {
	const owned, other = "ocid1.virtualnodepool.oc1.iad.aaaaowned", "ocid1.virtualnodepool.oc1.iad.aaaanew"
	w := &OCIVirtualMachinePool{Options: &Options{ManagerUser: "manager"}}
	old := &infrav1exp.OCIVirtualMachinePool{ObjectMeta: metav1.ObjectMeta{Name: "p"},
		Spec:   infrav1exp.OCIVirtualMachinePoolSpec{ID: owned, ProviderID: ptr.To("oci://" + owned)},
		Status: infrav1exp.OCIVirtualMachinePoolStatus{Resources: []infrav1.OCIResource{{Key: "virtualnodepool", ID: owned}}}}
	replaced := old.DeepCopy()
	replaced.Spec.ID = other
	_, err := w.ValidateUpdate(requestBy("manager"), old, replaced)
	expectFields(t, err)
	_, err = w.ValidateUpdate(requestBy("someone"), old, replaced)
	expectFields(t, err, "spec.id")
	// providerID is never the manager's to change.
	moved := old.DeepCopy()
	moved.Spec.ProviderID = ptr.To("oci://" + other)
	_, err = w.ValidateUpdate(requestBy("manager"), old, moved)
	expectFields(t, err, "spec.providerID")
	// Without the option, no one.
	_, err = (&OCIVirtualMachinePool{}).ValidateUpdate(requestBy("manager"), old, replaced)
	expectFields(t, err, "spec.id")

	pool := &OCIMachinePool{Options: &Options{ManagerUser: "manager"}}
	oldPool := &infrav1exp.OCIMachinePool{ObjectMeta: metav1.ObjectMeta{Name: "mp"},
		Spec:   infrav1exp.OCIMachinePoolSpec{OCID: owned},
		Status: infrav1exp.OCIMachinePoolStatus{Resources: []infrav1.OCIResource{{Key: "instancepool", ID: owned}}}}
	newPool := oldPool.DeepCopy()
	newPool.Spec.OCID = other
	_, err = pool.ValidateUpdate(requestBy("manager"), oldPool, newPool)
	expectFields(t, err)

	cp := &OCIManagedControlPlane{Options: &Options{ManagerUser: "manager"}}
	oldCP := newControlPlane()
	oldCP.Spec.ID = owned
	newCP := oldCP.DeepCopy()
	newCP.Spec.ID = other
	_, err = cp.ValidateUpdate(requestBy("manager"), oldCP, newCP)
	expectFields(t, err, "spec.id") // not owned: refused
	oldCP.Status.Resources = []infrav1.OCIResource{{Key: "cluster", ID: owned}}
	_, err = cp.ValidateUpdate(requestBy("manager"), oldCP, newCP)
	expectFields(t, err)
}
