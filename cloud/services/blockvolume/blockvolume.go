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

// Package blockvolume reconciles the block volume of a machine's spec.blockvolumeSpec: the volume, made in the
// machine's availability domain before the instance (named "<machine>-<displayName>" with the cluster's tags, as
// the earlier provider named it), and its attachment to the instance once the instance runs. The instance's
// termination detaches it; the volume is deleted after.
package blockvolume

import (
	"context"
	"fmt"
	"slices"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/ociutil"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_blockvolume/client_mock.go -package=mock_blockvolume github.com/oracle/cluster-api-provider-oci/cloud/services/blockvolume VolumeClient,AttachmentClient

// Keys of the volume and its attachment among the machine's resources.
const (
	Key           = "blockvolume"
	AttachmentKey = "blockvolume/attachment"
)

// Scope is what the block volume services need of a machine.
type Scope interface {
	svc.Owner
	// LaunchNonce is the random value the machine's retry tokens are made from.
	LaunchNonce() string
	// MachineName is the OCIMachine's name.
	MachineName() string
	// BlockVolume is spec.blockvolumeSpec, nil when the machine has none.
	BlockVolume() *infrav1.BlockVolumeSpec
	// AvailabilityDomain is the availability domain the machine is placed in.
	AvailabilityDomain() (string, error)
	// InstanceID is spec.instanceId.
	InstanceID() string
}

// VolumeClient is the part of the SDK's BlockstorageClient the volume service calls.
type VolumeClient interface {
	GetVolume(ctx context.Context, req core.GetVolumeRequest) (core.GetVolumeResponse, error)
	ListVolumes(ctx context.Context, req core.ListVolumesRequest) (core.ListVolumesResponse, error)
	CreateVolume(ctx context.Context, req core.CreateVolumeRequest) (core.CreateVolumeResponse, error)
	DeleteVolume(ctx context.Context, req core.DeleteVolumeRequest) (core.DeleteVolumeResponse, error)
}

// AttachmentClient is the part of the SDK's ComputeClient the attachment service calls.
type AttachmentClient interface {
	ListVolumeAttachments(ctx context.Context, req core.ListVolumeAttachmentsRequest) (core.ListVolumeAttachmentsResponse, error)
	AttachVolume(ctx context.Context, req core.AttachVolumeRequest) (core.AttachVolumeResponse, error)
}

// Volume reconciles the machine's block volume.
type Volume struct {
	svc.Service[Scope, VolumeClient]
}

// NewVolume returns the volume service of scope, calling OCI with client.
func NewVolume(scope Scope, client VolumeClient) *Volume {
	return &Volume{svc.NewService("blockvolume", scope, client)}
}

func (v *Volume) engine(compartment string) *async.Engine[core.Volume] {
	e := svc.EngineOf(v.Scope, volumeKind(v.Client, compartment), nil)
	e.Identifier = v.Scope.LaunchNonce()
	return e
}

// Reconcile creates the volume, or finds it; it makes no call for a machine without one.
func (v *Volume) Reconcile(ctx context.Context) error {
	bv := v.Scope.BlockVolume()
	if bv == nil {
		return nil
	}
	ad, err := v.Scope.AvailabilityDomain()
	if err != nil {
		return &async.Error{Class: async.Terminal, Reason: infrav1.ReconcileFailedReason, Message: err.Error(), Err: err}
	}
	spec := NewSpec(v.Scope, bv, ad)
	return v.engine(spec.Compartment).Reconcile(ctx, spec)
}

// Delete deletes the volume once the instance's termination has detached it.
func (v *Volume) Delete(ctx context.Context) error {
	bv := v.Scope.BlockVolume()
	if bv == nil {
		return nil
	}
	spec := NewSpec(v.Scope, bv, "")
	return v.engine(spec.Compartment).Delete(ctx, spec)
}

// Attachment attaches the machine's block volume to its running instance.
type Attachment struct {
	svc.Service[Scope, AttachmentClient]
}

// NewAttachment returns the attachment service of scope, calling OCI with client.
func NewAttachment(scope Scope, client AttachmentClient) *Attachment {
	return &Attachment{svc.NewService("blockvolumeattachment", scope, client)}
}

// Reconcile attaches the volume when it is not attached (or attaching); it makes no call for a machine without a
// volume, or once the attachment was found in place and the drift check is not due.
func (a *Attachment) Reconcile(ctx context.Context) error {
	bv := a.Scope.BlockVolume()
	rec := a.Scope.Recorder(nil)
	volumeID := rec.Memo(Key).OwnedID
	if bv == nil || volumeID == "" {
		return nil
	}
	if m := rec.Memo(AttachmentKey); m.OwnedID == volumeID && !a.Scope.DriftDue() {
		return nil
	}
	list, err := a.attachments(ctx)
	if err != nil {
		return async.Classify("listing the volume attachments", err)
	}
	i := slices.IndexFunc(list, func(va core.VolumeAttachment) bool {
		return ptr.Deref(va.GetVolumeId(), "") == volumeID && svc.PhaseOf(string(va.GetLifecycleState())) != async.Gone
	})
	memo := rec.Memo(AttachmentKey)
	switch {
	case i >= 0 && list[i].GetLifecycleState() == core.VolumeAttachmentLifecycleStateAttached:
		rec.SetMemo(AttachmentKey, async.Memo{OwnedID: volumeID, Attempt: memo.Attempt})
		return nil
	case i >= 0:
		return &async.NotDoneError{Key: AttachmentKey, What: "attaching", RequeueAfter: async.QuickBackoff(1)}
	case memo.OwnedID != "":
		// Attached before and detached since: a new attach, under a new retry token, and looked at until it is
		// attached.
		memo.OwnedID = ""
		memo.Attempt++
		rec.SetMemo(AttachmentKey, memo)
	}
	details, err := attachDetails(bv, a.Scope.InstanceID(), volumeID)
	if err != nil {
		return &async.Error{Class: async.Terminal, Reason: async.ReasonRequestRefused, Message: err.Error(), Err: err}
	}
	token := async.RetryToken(a.Scope.LaunchNonce(), AttachmentKey, a.Scope.InstanceID()+volumeID, memo.Attempt)
	if _, err := a.Client.AttachVolume(clients.WithOperation(ctx, "AttachVolume"),
		core.AttachVolumeRequest{AttachVolumeDetails: details, OpcRetryToken: &token}); err != nil {
		return async.Classify("attaching the block volume", err)
	}
	return &async.NotDoneError{Key: AttachmentKey, What: "being attached", RequeueAfter: async.QuickBackoff(1)}
}

// Delete forgets the attachment: the instance's termination detaches the volume.
func (a *Attachment) Delete(context.Context) error {
	a.Scope.Recorder(nil).SetMemo(AttachmentKey, async.Memo{})
	return nil
}

func (a *Attachment) attachments(ctx context.Context) ([]core.VolumeAttachment, error) {
	id, compartment := a.Scope.InstanceID(), a.Scope.CompartmentID()
	return ociutil.ListAll(clients.WithOperation(ctx, "ListVolumeAttachments"),
		func(ctx context.Context, page *string) ([]core.VolumeAttachment, *string, error) {
			r, err := a.Client.ListVolumeAttachments(ctx, core.ListVolumeAttachmentsRequest{CompartmentId: &compartment,
				InstanceId: &id, Page: page})
			return r.Items, r.OpcNextPage, err
		})
}

// attachDetails is the attach request of the volume type spec.blockvolumeSpec.volumeType names.
func attachDetails(bv *infrav1.BlockVolumeSpec, instanceID, volumeID string) (core.AttachVolumeDetails, error) {
	switch bv.VolumeType {
	case "iscsi":
		return core.AttachIScsiVolumeDetails{InstanceId: &instanceID, VolumeId: &volumeID}, nil
	case "paravirtualized", "":
		return core.AttachParavirtualizedVolumeDetails{InstanceId: &instanceID, VolumeId: &volumeID}, nil
	}
	return nil, fmt.Errorf("spec.blockvolumeSpec.volumeType: %q is not iscsi or paravirtualized", bv.VolumeType)
}
