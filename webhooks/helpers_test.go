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
	"errors"
	"slices"
	"testing"

	admissionv1 "k8s.io/api/admission/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"
)

// Shared helpers of the table tests.

const (
	compartmentID = "ocid1.compartment.oc1..aaaaaaaaexample"
	vcnID         = "ocid1.vcn.oc1.iad.aaaaaaaaexample"
	subnetID      = "ocid1.subnet.oc1.iad.aaaaaaaaexample"
	imageID       = "ocid1.image.oc1.iad.aaaaaaaaexample"
	instanceID    = "ocid1.instance.oc1.iad.aaaaaaaaexample"
	clusterID     = "ocid1.cluster.oc1.iad.aaaaaaaaexample"
	nodePoolID    = "ocid1.nodepool.oc1.iad.aaaaaaaaexample"
	otherID       = "ocid1.vcn.oc1.iad.aaaaaaaaother"
	resourceUUID  = "5b2d3f6c-8f0a-4c3e-9d3a-1e2f3a4b5c6d"
)

// fieldsOf returns the field paths of the causes of an Invalid API error.
func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	var status apierrors.APIStatus
	if !errors.As(err, &status) || !apierrors.IsInvalid(err) {
		t.Fatalf("want an Invalid API error, got %v", err)
	}
	var fields []string
	for _, c := range status.Status().Details.Causes {
		fields = append(fields, c.Field)
	}
	return fields
}

// expectFields fails unless err is nil when no fields are wanted, or an Invalid error naming every wanted field.
func expectFields(t *testing.T, err error, want ...string) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("want no error, got %v", err)
		}
		return
	}
	got := fieldsOf(t, err)
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("want an error at %s, got errors at %v (%v)", w, got, err)
		}
	}
}

// dryRunContext returns a context holding a dry-run admission request, as Cluster API's topology controller sends.
func dryRunContext() context.Context {
	return admission.NewContextWithRequest(context.Background(), admission.Request{
		AdmissionRequest: admissionv1.AdmissionRequest{DryRun: ptr.To(true)},
	})
}

// dryRunAnnotations marks an object the way Cluster API's topology dry run does.
var dryRunAnnotations = map[string]string{clusterv1.TopologyDryRunAnnotation: ""}
