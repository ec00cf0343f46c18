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

package nodepool_test

import (
	"context"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nodepool"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nodepool/mock_nodepool"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

func TestDefaultImage(t *testing.T) {
	option := func(id, name string) containerengine.NodeSourceOption {
		return containerengine.NodeSourceViaImageOption{ImageId: ptr.To(id), SourceName: ptr.To(name)}
	}
	options := containerengine.GetNodePoolOptionsResponse{NodePoolOptions: containerengine.NodePoolOptions{Sources: []containerengine.NodeSourceOption{
		option("ocid1.image.gpu", "Oracle-Linux-8.10-Gen2-GPU-2025.01.01-0-OKE-1.32.1-800"),
		option("ocid1.image.arm", "Oracle-Linux-8.10-aarch64-2025.01.01-0-OKE-1.32.1-800"),
		option("ocid1.image.patch", "Oracle-Linux-8.10-2025.01.01-0-OKE-1.32.10-800"),
		option("ocid1.image.x86", "Oracle-Linux-8.10-2025.01.01-0-OKE-1.32.1-800"),
	}}}
	for _, tc := range []struct{ shape, want string }{{"VM.Standard.E4.Flex", "ocid1.image.x86"}, {"VM.Standard.A1.Flex", "ocid1.image.arm"}} {
		if got := nodepool.ChooseImage(options.Sources, "v1.32.1", tc.shape); got != tc.want {
			t.Errorf("ChooseImage(%s) = %q, want %q", tc.shape, got, tc.want)
		}
	}
	if got := nodepool.ChooseImage(options.Sources, "v1.31.1", "VM.Standard.E4.Flex"); got != "" {
		t.Errorf("ChooseImage of a version OKE has no image for = %q", got)
	}
	s := newScope()
	s.pool.NodeSourceViaImage = nil
	svctest.Run(t, "Reconcile", s, mock_nodepool.NewMockClient, func(s *scope, m *mockClient) {
		m.GetNodePoolOptions(gomock.Any(), gomock.Cond(func(r containerengine.GetNodePoolOptionsRequest) bool {
			return *r.NodePoolOptionId == "all" && *r.CompartmentId == s.Compartment
		})).Return(options, nil)
		m.ListNodePools(gomock.Any(), gomock.Any()).Return(containerengine.ListNodePoolsResponse{}, nil)
		m.CreateNodePool(gomock.Any(), gomock.Cond(func(r containerengine.CreateNodePoolRequest) bool {
			src, ok := r.NodeSourceDetails.(containerengine.NodeSourceViaImageDetails)
			return ok && *src.ImageId == "ocid1.image.x86"
		})).Return(containerengine.CreateNodePoolResponse{OpcWorkRequestId: ptr.To("wr")}, nil)
	}, async.IsNotDone, func(t *testing.T, s *scope) {
		if s.pool.NodeSourceViaImage == nil || s.pool.NodeSourceViaImage.ImageID != "ocid1.image.x86" {
			t.Errorf("image %+v, want OKE's x86 image of 1.32.1 recorded", s.pool.NodeSourceViaImage)
		}
	}, func(m *mock_nodepool.MockClient) error { return nodepool.New(s, m).Reconcile(context.Background()) })

	s = newScope()
	s.pool.NodeSourceViaImage, s.version = nil, ""
	svctest.Run(t, "Reconcile", s, mock_nodepool.NewMockClient, nil, terminal("ReconcileFailed", "spec.nodeSourceViaImage.imageId is empty"), nil,
		func(m *mock_nodepool.MockClient) error { return nodepool.New(s, m).Reconcile(context.Background()) })
}
