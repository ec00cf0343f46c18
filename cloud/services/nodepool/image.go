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

package nodepool

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// armShape matches the Ampere (Arm) shapes, whose nodes boot aarch64 images.
var armShape = regexp.MustCompile(`Standard\.A\d+`)

// defaultImage records in the spec the OKE image of a pool that names none, before the pool is created: the first
// of OKE's node images (GetNodePoolOptions "all") for the pool's Kubernetes version that is not a GPU image and
// is an aarch64 image exactly when the shape is an Arm one, as the earlier provider chose it. The choice is kept
// in spec.nodeSourceViaImage.imageId, so that it is made once and the pool's desired state does not change with
// OKE's image list.
func (s *Service) defaultImage(ctx context.Context) error {
	p := s.Scope.Pool()
	if p.ID != "" || (p.NodeSourceViaImage != nil && p.NodeSourceViaImage.ImageID != "") {
		return nil
	}
	version := s.Scope.KubernetesVersion()
	if version == "" {
		return invalid(fmt.Errorf("spec.nodeSourceViaImage.imageId is empty, and without a Kubernetes version (spec.version) no OKE image can be chosen for the nodes"))
	}
	r, err := s.Client.GetNodePoolOptions(clients.WithOperation(ctx, "GetNodePoolOptions"), containerengine.GetNodePoolOptionsRequest{
		NodePoolOptionId: ptr.To("all"), CompartmentId: ptr.To(s.Scope.CompartmentID())})
	if err != nil {
		return async.Classify("listing OKE's node images", err)
	}
	id := ChooseImage(r.Sources, version, p.NodeShape)
	if id == "" {
		return invalid(fmt.Errorf("spec.nodeSourceViaImage.imageId is empty, and OKE offers no node image for Kubernetes %s and shape %q: give the image's OCID",
			version, p.NodeShape))
	}
	if p.NodeSourceViaImage == nil {
		p.NodeSourceViaImage = &infrav1exp.NodeSourceViaImage{}
	}
	p.NodeSourceViaImage.ImageID = id
	return nil
}

// ChooseImage returns the OCID of the first of OKE's node image sources that is for Kubernetes version ("v1.32.1"
// or "1.32.1", as a whole version in its name: "...-OKE-1.32.1-760"), is not a GPU image, and is an aarch64 image
// exactly when shape is an Arm shape; "" when none is.
func ChooseImage(sources []containerengine.NodeSourceOption, version, shape string) string {
	wanted := regexp.MustCompile(`(^|[^0-9.])` + regexp.QuoteMeta(strings.TrimPrefix(version, "v")) + `($|[^0-9.])`)
	arm := armShape.MatchString(shape)
	for _, src := range sources {
		img, ok := src.(containerengine.NodeSourceViaImageOption)
		if !ok || img.ImageId == nil {
			continue
		}
		name := ptr.Deref(img.SourceName, "")
		if !strings.Contains(name, "GPU") && strings.Contains(name, "aarch64") == arm && wanted.MatchString(name) {
			return *img.ImageId
		}
	}
	return ""
}
