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

// Package vnic reconciles a machine's VNICs: it reads the primary VNIC's addresses into status.addresses, and
// attaches the secondary VNICs of spec.vnicAttachments, recording each attachment's OCID. The VNICs go with the
// instance: OCI detaches them when it terminates, so there is nothing to delete.
package vnic

import (
	"context"
	"fmt"
	"slices"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/ociutil"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_vnic/client_mock.go -package=mock_vnic github.com/oracle/cluster-api-provider-oci/cloud/services/vnic Client

// Key names the VNICs among the machine's resources.
const Key = "vnics"

// Scope is what the VNIC service needs of a machine whose instance runs.
type Scope interface {
	svc.Owner
	// LaunchNonce is the random value the machine's retry tokens are made from.
	LaunchNonce() string
	// InstanceID is spec.instanceId.
	InstanceID() string
	// Addresses are status.addresses.
	Addresses() []clusterv1.MachineAddress
	// SetAddresses writes status.addresses.
	SetAddresses([]clusterv1.MachineAddress)
	// VnicAttachments are spec.vnicAttachments: the service records each attachment's OCID in them.
	VnicAttachments() []infrav1.VnicAttachment
	// SubnetID resolves a secondary VNIC's subnet by name ("" is the machine's own subnet).
	SubnetID(name string) (string, error)
}

// Client is what the VNIC service calls: core.ComputeClient's VNIC attachment calls and
// core.VirtualNetworkClient's GetVnic (SDK joins the two).
type Client interface {
	ListVnicAttachments(ctx context.Context, req core.ListVnicAttachmentsRequest) (core.ListVnicAttachmentsResponse, error)
	AttachVnic(ctx context.Context, req core.AttachVnicRequest) (core.AttachVnicResponse, error)
	GetVnic(ctx context.Context, req core.GetVnicRequest) (core.GetVnicResponse, error)
}

// SDK joins the two SDK clients the service calls into one Client.
type SDK struct {
	Compute core.ComputeClient
	Network core.VirtualNetworkClient
}

var _ Client = SDK{}

// ListVnicAttachments lists VNIC attachments.
func (c SDK) ListVnicAttachments(ctx context.Context, req core.ListVnicAttachmentsRequest) (core.ListVnicAttachmentsResponse, error) {
	return c.Compute.ListVnicAttachments(ctx, req)
}

// AttachVnic attaches a VNIC.
func (c SDK) AttachVnic(ctx context.Context, req core.AttachVnicRequest) (core.AttachVnicResponse, error) {
	return c.Compute.AttachVnic(ctx, req)
}

// GetVnic reads a VNIC.
func (c SDK) GetVnic(ctx context.Context, req core.GetVnicRequest) (core.GetVnicResponse, error) {
	return c.Network.GetVnic(ctx, req)
}

// Service reconciles the machine's VNICs.
type Service struct{ svc.Service[Scope, Client] }

// New returns the VNIC service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{svc.NewService("vnics", scope, client)}
}

// Reconcile reads the addresses (when status has none) and attaches the secondary VNICs not attached yet. It makes
// no call when both are in place, except at the drift check of a machine with secondary VNICs.
func (s *Service) Reconcile(ctx context.Context) error {
	pending := s.pending()
	attaching := s.Scope.Recorder(nil).Memo(Key).Waits > 0
	known := len(s.Scope.Addresses()) > 0
	// A running instance keeps its addresses: they are read once. Its secondary VNICs are looked at again at the
	// drift check, to attach again one detached behind Cluster API's back.
	recheck := len(s.Scope.VnicAttachments()) > 0 && s.Scope.DriftDue()
	if known && len(pending) == 0 && !attaching && !recheck {
		return nil
	}
	atts, err := s.attachments(ctx)
	if err != nil {
		return async.Classify("listing the VNIC attachments", err)
	}
	if !known {
		if err := s.readAddresses(ctx, atts); err != nil {
			return err
		}
	}
	return s.attach(ctx, atts, pending)
}

// Delete does nothing: OCI detaches the VNICs when it terminates the instance.
func (s *Service) Delete(context.Context) error { return nil }

// pending are the indexes of spec.vnicAttachments without an attachment OCID.
func (s *Service) pending() []int {
	var out []int
	for i, a := range s.Scope.VnicAttachments() {
		if a.VnicAttachmentID == "" {
			out = append(out, i)
		}
	}
	return out
}

func (s *Service) attachments(ctx context.Context) ([]core.VnicAttachment, error) {
	id, compartment := s.Scope.InstanceID(), s.Scope.CompartmentID()
	return ociutil.ListAll(clients.WithOperation(ctx, "ListVnicAttachments"),
		func(ctx context.Context, page *string) ([]core.VnicAttachment, *string, error) {
			r, err := s.Client.ListVnicAttachments(ctx, core.ListVnicAttachmentsRequest{CompartmentId: &compartment,
				InstanceId: &id, Page: page})
			return r.Items, r.OpcNextPage, err
		})
}

// readAddresses finds the primary VNIC among the attached ones and writes its private address as InternalIP and
// its public one, when it has one, as ExternalIP.
func (s *Service) readAddresses(ctx context.Context, atts []core.VnicAttachment) error {
	for _, a := range atts {
		if a.LifecycleState != core.VnicAttachmentLifecycleStateAttached || a.VnicId == nil {
			continue
		}
		r, err := s.Client.GetVnic(clients.WithOperation(ctx, "GetVnic"), core.GetVnicRequest{VnicId: a.VnicId})
		if err != nil {
			return async.Classify("reading VNIC "+*a.VnicId, err)
		}
		if !ptr.Deref(r.IsPrimary, false) {
			continue
		}
		addrs := []clusterv1.MachineAddress{{Type: clusterv1.MachineInternalIP, Address: ptr.Deref(r.PrivateIp, "")}}
		if ip := ptr.Deref(r.PublicIp, ""); ip != "" {
			addrs = append(addrs, clusterv1.MachineAddress{Type: clusterv1.MachineExternalIP, Address: ip})
		}
		s.Scope.SetAddresses(addrs)
		return nil
	}
	return &async.NotDoneError{Key: Key, What: "waiting for the primary VNIC to be attached", RequeueAfter: async.QuickBackoff(1)}
}

// attach attaches the pending secondary VNICs: one found attached under its display name is recorded, one not
// found is attached under a retry token of its own.
func (s *Service) attach(ctx context.Context, atts []core.VnicAttachment, pending []int) error {
	list := s.Scope.VnicAttachments()
	waiting := false
	previous := map[int]string{} // the attachments detached since, which a new attach replaces
	for i := range list {
		// One recorded while it attached is looked at until it is attached; one detached is attached again.
		j := slices.IndexFunc(atts, func(a core.VnicAttachment) bool { return ptr.Deref(a.Id, "") == list[i].VnicAttachmentID })
		switch {
		case list[i].VnicAttachmentID == "" || slices.Contains(pending, i):
		case j < 0 || svc.PhaseOf(string(atts[j].LifecycleState)) == async.Gone:
			previous[i] = list[i].VnicAttachmentID
			list[i].VnicAttachmentID = ""
			pending = append(pending, i)
		case atts[j].LifecycleState != core.VnicAttachmentLifecycleStateAttached:
			waiting = true
		}
	}
	for _, i := range pending {
		want := list[i]
		j := slices.IndexFunc(atts, func(a core.VnicAttachment) bool {
			return ptr.Deref(a.DisplayName, "") == want.DisplayName && svc.PhaseOf(string(a.LifecycleState)) != async.Gone
		})
		if j >= 0 {
			list[i].VnicAttachmentID = ptr.Deref(atts[j].Id, "")
			waiting = waiting || atts[j].LifecycleState != core.VnicAttachmentLifecycleStateAttached
			continue
		}
		id, err := s.attachOne(ctx, want, previous[i])
		if err != nil {
			return err
		}
		list[i].VnicAttachmentID, waiting = id, true
	}
	rec := s.Scope.Recorder(nil)
	if waiting {
		m := rec.Memo(Key)
		m.Waits++
		rec.SetMemo(Key, m)
		return &async.NotDoneError{Key: Key, What: "attaching secondary VNICs", RequeueAfter: async.QuickBackoff(m.Waits)}
	}
	rec.SetMemo(Key, async.Memo{})
	return nil
}

// attachOne attaches a secondary VNIC; its retry token is made from the attachment it replaces, if any, so that
// OCI does not answer a new attach with the detached one.
func (s *Service) attachOne(ctx context.Context, want infrav1.VnicAttachment, replaces string) (string, error) {
	subnet, err := s.Scope.SubnetID(want.SubnetName)
	if err != nil {
		return "", &async.Error{Class: async.Terminal, Reason: infrav1.ReconcileFailedReason, Err: err,
			Message: fmt.Sprintf("spec.vnicAttachments[%s]: %v", want.DisplayName, err)}
	}
	id := s.Scope.InstanceID()
	token := async.RetryToken(s.Scope.LaunchNonce(), "vnic/"+want.DisplayName, id+replaces, 0)
	r, err := s.Client.AttachVnic(clients.WithOperation(ctx, "AttachVnic"), core.AttachVnicRequest{OpcRetryToken: &token,
		AttachVnicDetails: core.AttachVnicDetails{InstanceId: &id, DisplayName: ptr.To(want.DisplayName), NicIndex: want.NicIndex,
			CreateVnicDetails: &core.CreateVnicDetails{SubnetId: &subnet, AssignPublicIp: want.AssignPublicIP,
				DisplayName: ptr.To(want.DisplayName), FreeformTags: svc.Tags(s.Scope), DefinedTags: svc.DefinedTags(s.Scope)}}})
	if err != nil {
		return "", async.Classify("attaching VNIC "+want.DisplayName, err)
	}
	return ptr.Deref(r.Id, ""), nil
}
