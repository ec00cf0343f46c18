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

package blockvolume

import (
	"context"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Spec is the desired state of a machine's block volume.
type Spec struct {
	svc.Desired
	bv *infrav1.BlockVolumeSpec
	ad string
}

var _ async.Spec[core.Volume] = (*Spec)(nil)

// NewSpec returns the volume's desired state: named "<machine>-<displayName>", in spec.blockvolumeSpec.compartmentId
// (or the machine's compartment) and the availability domain ad, recorded in the machine's memo of Key.
func NewSpec(s Scope, bv *infrav1.BlockVolumeSpec, ad string) *Spec {
	d := svc.NewDesired(s, Key, s.Recorder(nil).Memo(Key).OwnedID, s.MachineName()+"-"+bv.DisplayName)
	if bv.CompartmentID != "" {
		d.Compartment = bv.CompartmentID
	}
	return &Spec{Desired: d, bv: bv, ad: ad}
}

// CreateDetails is the CreateVolume request body.
func (s *Spec) CreateDetails() (any, error) {
	d := core.CreateVolumeDetails{CompartmentId: &s.Compartment, AvailabilityDomain: &s.ad, DisplayName: ptr.To(s.Name()),
		FreeformTags: s.Tags, DefinedTags: s.Defined, AutotunePolicies: autotune(s.bv.AutotunePolicies)}
	if s.bv.SizeInGBs != nil {
		d.SizeInGBs = ptr.To(int64(*s.bv.SizeInGBs))
	}
	if s.bv.VpusPerGB != nil {
		d.VpusPerGB = ptr.To(int64(*s.bv.VpusPerGB))
	}
	return d, nil
}

// UpdateDetails is nil: the volume is not changed once made.
func (s *Spec) UpdateDetails(*core.Volume) (any, error) { return nil, nil }

// autotune maps spec.blockvolumeSpec.autotunePolicies to OCI's.
func autotune(list []infrav1.AutotunePolicy) []core.AutotunePolicy {
	var out []core.AutotunePolicy
	for _, p := range list {
		switch p.AutotuneType {
		case "DETACHED_VOLUME":
			out = append(out, core.DetachedVolumeAutotunePolicy{})
		case "PERFORMANCE_BASED":
			pb := core.PerformanceBasedAutotunePolicy{}
			if p.MaxVpusPerGB != nil {
				pb.MaxVpusPerGB = ptr.To(int64(*p.MaxVpusPerGB))
			}
			out = append(out, pb)
		}
	}
	return out
}

// volumePhase maps a volume's lifecycle state to the engine's phase: a faulty volume has failed, one being restored
// is on its way.
func volumePhase(state string) async.Phase {
	switch core.VolumeLifecycleStateEnum(state) {
	case core.VolumeLifecycleStateFaulty:
		return async.Failed
	case core.VolumeLifecycleStateRestoring:
		return async.Transitioning
	default:
		return svc.PhaseOf(state)
	}
}

// volumeKind is the compartment's volumes, for the engine; its calls are synchronous.
func volumeKind(c VolumeClient, compartment string) svc.Kind[core.Volume, core.CreateVolumeDetails, struct{}] {
	return svc.Kind[core.Volume, core.CreateVolumeDetails, struct{}]{
		Noun: "Volume", Phase: volumePhase,
		Get: func(ctx context.Context, id string) (*core.Volume, error) {
			r, err := c.GetVolume(ctx, core.GetVolumeRequest{VolumeId: &id})
			return &r.Volume, err
		},
		List: func(ctx context.Context, name, page *string) ([]core.Volume, *string, error) {
			r, err := c.ListVolumes(ctx, core.ListVolumesRequest{CompartmentId: &compartment, DisplayName: name, Page: page})
			return r.Items, r.OpcNextPage, err
		},
		Create: func(ctx context.Context, d core.CreateVolumeDetails, token string) (*core.Volume, string, error) {
			r, err := c.CreateVolume(ctx, core.CreateVolumeRequest{CreateVolumeDetails: d, OpcRetryToken: &token})
			return &r.Volume, "", err
		},
		Update: func(context.Context, string, struct{}) (string, error) { return "", nil },
		Delete: func(ctx context.Context, id string) (string, error) {
			_, err := c.DeleteVolume(ctx, core.DeleteVolumeRequest{VolumeId: &id})
			return "", err
		},
		Meta: func(v *core.Volume) svc.Meta {
			return svc.Meta{ID: v.Id, State: string(v.LifecycleState), Tags: v.FreeformTags}
		},
	}
}
