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

package conversion

import (
	"testing"

	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1beta1 "github.com/oracle/cluster-api-provider-oci/api/v1beta1"
	infrav1beta2 "github.com/oracle/cluster-api-provider-oci/api/v1beta2"
	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1beta1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta1"
	infrav1beta2exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta2"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

func testScheme(t *testing.T) *runtime.Scheme {
	t.Helper()
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{
		infrav1beta1.AddToScheme, infrav1beta2.AddToScheme, infrav1.AddToScheme,
		infrav1beta1exp.AddToScheme, infrav1beta2exp.AddToScheme, infrav1exp.AddToScheme,
	} {
		if err := add(scheme); err != nil {
			t.Fatal(err)
		}
	}
	return scheme
}

// dropDataAnnotation removes our conversion annotation from a spoke after a spoke-hub-spoke round trip, as the fuzz
// helper does for Cluster API's own annotation; an empty annotation map becomes nil again.
func dropDataAnnotation[S client.Object](spoke S) {
	annotations := spoke.GetAnnotations()
	delete(annotations, DataAnnotation)
	if len(annotations) == 0 {
		spoke.SetAnnotations(nil)
	}
}
