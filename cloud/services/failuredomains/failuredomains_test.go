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

package failuredomains_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/identity"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/failuredomains"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/failuredomains/mock_failuredomains"
)

func fd(name string, attrs ...string) clusterv1.FailureDomain {
	f := clusterv1.FailureDomain{Name: name, ControlPlane: ptr.To(true), Attributes: map[string]string{"AvailabilityDomain": attrs[0]}}
	if len(attrs) > 1 {
		f.Attributes["FaultDomain"] = attrs[1]
	}
	return f
}

func TestFailureDomains(t *testing.T) {
	for _, tc := range []struct {
		name    string
		ads     []infrav1.OCIAvailabilityDomain
		want    []clusterv1.FailureDomain
		wantErr bool
	}{
		{"three ADs: one each, by their number", []infrav1.OCIAvailabilityDomain{{Name: "x:PHX-AD-3"}, {Name: "x:PHX-AD-1"}, {Name: "x:PHX-AD-2"}},
			[]clusterv1.FailureDomain{fd("1", "x:PHX-AD-1"), fd("2", "x:PHX-AD-2"), fd("3", "x:PHX-AD-3")}, false},
		{"one AD: its fault domains", []infrav1.OCIAvailabilityDomain{{Name: "x:YYZ-AD-1", FaultDomains: []string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2", "FAULT-DOMAIN-3"}}},
			[]clusterv1.FailureDomain{fd("1", "x:YYZ-AD-1", "FAULT-DOMAIN-1"), fd("2", "x:YYZ-AD-1", "FAULT-DOMAIN-2"), fd("3", "x:YYZ-AD-1", "FAULT-DOMAIN-3")}, false},
		{"two ADs", []infrav1.OCIAvailabilityDomain{{Name: "x:AD-1"}, {Name: "x:AD-2"}}, []clusterv1.FailureDomain{fd("1", "x:AD-1"), fd("2", "x:AD-2")}, false},
		{"none", nil, nil, true},
		{"one AD without fault domains", []infrav1.OCIAvailabilityDomain{{Name: "x:AD-1"}}, nil, true},
		{"an AD name without a number", []infrav1.OCIAvailabilityDomain{{Name: "x:AD-one"}, {Name: "x:AD-2"}}, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := failuredomains.FailureDomains(tc.ads)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err %v, want error %v", err, tc.wantErr)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

type scope struct {
	given map[string]infrav1.OCIAvailabilityDomain
	set   []clusterv1.FailureDomain
}

func (s *scope) CompartmentID() string                                         { return "c" }
func (s *scope) AvailabilityDomains() map[string]infrav1.OCIAvailabilityDomain { return s.given }
func (s *scope) SetFailureDomains(f []clusterv1.FailureDomain)                 { s.set = f }

func TestReconcile(t *testing.T) {
	for _, tc := range []struct {
		name    string
		given   map[string]infrav1.OCIAvailabilityDomain
		expect  func(m *mock_failuredomains.MockClientMockRecorder)
		want    []string
		wantErr bool
	}{
		{name: "three ADs: no fault-domain look-up", expect: func(m *mock_failuredomains.MockClientMockRecorder) {
			m.AvailabilityDomains(gomock.Any(), "c").Return([]identity.AvailabilityDomain{{Name: ptr.To("a:AD-1")}, {Name: ptr.To("a:AD-2")}, {Name: ptr.To("a:AD-3")}}, nil)
		}, want: []string{"1", "2", "3"}},
		{name: "one AD: its fault domains", expect: func(m *mock_failuredomains.MockClientMockRecorder) {
			m.AvailabilityDomains(gomock.Any(), "c").Return([]identity.AvailabilityDomain{{Name: ptr.To("a:AD-1")}}, nil)
			m.FaultDomains(gomock.Any(), "c", "a:AD-1").Return([]identity.FaultDomain{{Name: ptr.To("FAULT-DOMAIN-1")}, {Name: ptr.To("FAULT-DOMAIN-2")}}, nil)
		}, want: []string{"1", "2"}},
		{name: "given in spec: OCI not asked", given: map[string]infrav1.OCIAvailabilityDomain{
			"1": {Name: "a:AD-1"}, "2": {Name: "a:AD-2"}}, want: []string{"1", "2"}},
		{name: "look-up fails", expect: func(m *mock_failuredomains.MockClientMockRecorder) {
			m.AvailabilityDomains(gomock.Any(), "c").Return(nil, errors.New("boom"))
		}, wantErr: true},
		{name: "fault-domain look-up fails", expect: func(m *mock_failuredomains.MockClientMockRecorder) {
			m.AvailabilityDomains(gomock.Any(), "c").Return([]identity.AvailabilityDomain{{Name: ptr.To("a:AD-1")}}, nil)
			m.FaultDomains(gomock.Any(), "c", "a:AD-1").Return(nil, errors.New("boom"))
		}, wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := mock_failuredomains.NewMockClient(gomock.NewController(t))
			if tc.expect != nil {
				tc.expect(m.EXPECT())
			}
			s := &scope{given: tc.given}
			svc := failuredomains.New(s, m)
			err := svc.Reconcile(context.Background())
			if (err != nil) != tc.wantErr {
				t.Fatalf("err %v, want error %v", err, tc.wantErr)
			}
			var names []string
			for _, f := range s.set {
				names = append(names, f.Name)
			}
			if d := cmp.Diff(tc.want, names); d != "" {
				t.Errorf("names (-want +got):\n%s", d)
			}
			if svc.Name() != "failuredomains" || svc.Delete(context.Background()) != nil {
				t.Error("name or delete")
			}
		})
	}
}
