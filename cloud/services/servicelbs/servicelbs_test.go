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

package servicelbs_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/core"
	lbaas "github.com/oracle/oci-go-sdk/v65/loadbalancer"
	nlbaas "github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/servicelbs"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/servicelbs/mock_servicelbs"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

// mocks are the three clients of the service.
type mocks struct {
	lb  *mock_servicelbs.MockLoadBalancerClient
	nlb *mock_servicelbs.MockNetworkLoadBalancerClient
	nsg *mock_servicelbs.MockNSGClient
}

// network is a cluster whose VCN and service-lb subnet the provider created (ownedVCN), or a brought VCN with a
// brought subnet.
func network(owned bool) *svctest.Network {
	n := svctest.NewNetwork(infrav1.VCN{ID: "ocid1.vcn.c", Subnets: []infrav1.Subnet{{Name: "service-lb", ID: "ocid1.subnet.lb"}},
		NetworkSecurityGroup: &infrav1.NetworkSecurityGroup{List: []infrav1.NSG{{Name: "worker", ID: "ocid1.nsg.brought"}}}})
	if owned {
		rec := n.Recorder(nil)
		rec.SetMemo("vcn", async.Memo{OwnedID: "ocid1.vcn.c"})
		rec.SetMemo("subnet/service-lb", async.Memo{OwnedID: "ocid1.subnet.lb"})
	}
	return n
}

func TestDelete(t *testing.T) {
	ccmLB := lbaas.LoadBalancer{Id: ptr.To("ocid1.lb.ccm"), DisplayName: ptr.To("svc-a"), SubnetIds: []string{"ocid1.subnet.lb"},
		LifecycleState: lbaas.LoadBalancerLifecycleStateActive}
	for _, tc := range []struct {
		name    string
		owned   bool
		expect  func(n *svctest.Network, m mocks)
		wantErr func(error) bool
	}{
		{name: "a brought VCN and subnet: no call"},
		{name: "the cloud controller manager's load balancers in our subnet: deleted, ours and others' left", owned: true,
			expect: func(n *svctest.Network, m mocks) {
				ours := lbaas.LoadBalancer{Id: ptr.To("ocid1.lb.api"), SubnetIds: []string{"ocid1.subnet.lb"}, FreeformTags: n.OwnedTags(),
					LifecycleState: lbaas.LoadBalancerLifecycleStateActive}
				elsewhere := lbaas.LoadBalancer{Id: ptr.To("ocid1.lb.other"), SubnetIds: []string{"ocid1.subnet.other"},
					LifecycleState: lbaas.LoadBalancerLifecycleStateActive}
				m.lb.EXPECT().ListLoadBalancers(gomock.Any(), gomock.Any()).Return(lbaas.ListLoadBalancersResponse{
					Items: []lbaas.LoadBalancer{ours, ccmLB, elsewhere}}, nil)
				m.lb.EXPECT().DeleteLoadBalancer(gomock.Any(), gomock.Cond(func(r lbaas.DeleteLoadBalancerRequest) bool {
					return *r.LoadBalancerId == "ocid1.lb.ccm"
				})).Return(lbaas.DeleteLoadBalancerResponse{}, nil)
				m.nlb.EXPECT().ListNetworkLoadBalancers(gomock.Any(), gomock.Any()).Return(nlbaas.ListNetworkLoadBalancersResponse{
					NetworkLoadBalancerCollection: nlbaas.NetworkLoadBalancerCollection{Items: []nlbaas.NetworkLoadBalancerSummary{{
						Id: ptr.To("ocid1.nlb.ccm"), SubnetId: ptr.To("ocid1.subnet.lb"), LifecycleState: nlbaas.LifecycleStateDeleting}}}}, nil)
			},
			wantErr: func(err error) bool {
				return async.IsNotDone(err) && strings.Contains(err.Error(), "ocid1.lb.ccm") && strings.Contains(err.Error(), "ocid1.nlb.ccm")
			}},
		{name: "the load balancers gone: the foreign NSGs of our VCN go, a named one stays", owned: true,
			expect: func(n *svctest.Network, m mocks) {
				m.lb.EXPECT().ListLoadBalancers(gomock.Any(), gomock.Any()).Return(lbaas.ListLoadBalancersResponse{}, nil)
				m.nlb.EXPECT().ListNetworkLoadBalancers(gomock.Any(), gomock.Any()).Return(nlbaas.ListNetworkLoadBalancersResponse{}, nil)
				m.nsg.EXPECT().ListNetworkSecurityGroups(gomock.Any(), gomock.Any()).Return(core.ListNetworkSecurityGroupsResponse{
					Items: []core.NetworkSecurityGroup{
						{Id: ptr.To("ocid1.nsg.ours"), FreeformTags: n.OwnedTags(), LifecycleState: core.NetworkSecurityGroupLifecycleStateAvailable},
						{Id: ptr.To("ocid1.nsg.brought"), LifecycleState: core.NetworkSecurityGroupLifecycleStateAvailable},
						{Id: ptr.To("ocid1.nsg.ccm"), LifecycleState: core.NetworkSecurityGroupLifecycleStateAvailable},
					}}, nil)
				m.nsg.EXPECT().DeleteNetworkSecurityGroup(gomock.Any(), gomock.Cond(func(r core.DeleteNetworkSecurityGroupRequest) bool {
					return *r.NetworkSecurityGroupId == "ocid1.nsg.ccm"
				})).Return(core.DeleteNetworkSecurityGroupResponse{}, svctest.ServiceError(409, "Conflict"))
			},
			wantErr: func(err error) bool { return async.IsNotDone(err) && strings.Contains(err.Error(), "ocid1.nsg.ccm") }},
		{name: "nothing left: done", owned: true,
			expect: func(_ *svctest.Network, m mocks) {
				m.lb.EXPECT().ListLoadBalancers(gomock.Any(), gomock.Any()).Return(lbaas.ListLoadBalancersResponse{}, nil)
				m.nlb.EXPECT().ListNetworkLoadBalancers(gomock.Any(), gomock.Any()).Return(nlbaas.ListNetworkLoadBalancersResponse{}, nil)
				m.nsg.EXPECT().ListNetworkSecurityGroups(gomock.Any(), gomock.Any()).Return(core.ListNetworkSecurityGroupsResponse{}, nil)
			}},
		{name: "a delete refused: the error, classified", owned: true,
			expect: func(_ *svctest.Network, m mocks) {
				m.lb.EXPECT().ListLoadBalancers(gomock.Any(), gomock.Any()).Return(lbaas.ListLoadBalancersResponse{
					Items: []lbaas.LoadBalancer{ccmLB}}, nil)
				m.lb.EXPECT().DeleteLoadBalancer(gomock.Any(), gomock.Any()).Return(lbaas.DeleteLoadBalancerResponse{},
					svctest.ServiceError(400, "InvalidParameter"))
			},
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Class == async.Terminal && strings.Contains(e.Message, "ocid1.lb.ccm")
			}},
		{name: "a list fails: the error", owned: true,
			expect: func(_ *svctest.Network, m mocks) {
				m.lb.EXPECT().ListLoadBalancers(gomock.Any(), gomock.Any()).Return(lbaas.ListLoadBalancersResponse{},
					svctest.ServiceError(500, "InternalError"))
			},
			wantErr: func(err error) bool { return err != nil && !async.IsNotDone(err) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctrl := gomock.NewController(t)
			m := mocks{mock_servicelbs.NewMockLoadBalancerClient(ctrl), mock_servicelbs.NewMockNetworkLoadBalancerClient(ctrl),
				mock_servicelbs.NewMockNSGClient(ctrl)}
			n := network(tc.owned)
			if tc.expect != nil {
				tc.expect(n, m)
			}
			s := servicelbs.New(n, m.lb, m.nlb, m.nsg)
			if s.Name() != "servicelbs" || s.Reconcile(context.Background()) != nil {
				t.Fatal("Reconcile must do nothing")
			}
			err := s.Delete(context.Background())
			switch {
			case tc.wantErr == nil && err != nil:
				t.Fatalf("Delete: %v", err)
			case tc.wantErr != nil && !tc.wantErr(err):
				t.Fatalf("Delete: %v, not the error wanted", err)
			case err == nil:
				// Found clean: the rest of the delete makes no call for it (the mocks expect none).
				if err := s.Delete(context.Background()); err != nil {
					t.Fatalf("second Delete: %v", err)
				}
			}
		})
	}
}
