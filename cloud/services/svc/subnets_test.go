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

package svc

import (
	"testing"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

func TestAllSubnetsPrivateAndPublic(t *testing.T) {
	subnet := func(role, typ string) infrav1.Subnet { return infrav1.Subnet{Name: role, Role: role, Type: typ} }
	for _, tc := range []struct {
		name                  string
		subnets               []infrav1.Subnet
		allPrivate, allPublic bool
	}{
		{name: "no subnets: neither"},
		{name: "the defaults: mixed", subnets: []infrav1.Subnet{subnet("control-plane-endpoint", "public"),
			subnet("control-plane", "private"), subnet("service-lb", "public"), subnet("worker", "private")}},
		{name: "all private with an endpoint and a service-lb subnet", allPrivate: true, subnets: []infrav1.Subnet{
			subnet("control-plane-endpoint", "private"), subnet("control-plane", "private"),
			subnet("service-lb", "private"), subnet("worker", "private")}},
		{name: "all private without a service-lb subnet: not all private", subnets: []infrav1.Subnet{
			subnet("control-plane-endpoint", "private"), subnet("control-plane", "private"), subnet("worker", "private")}},
		{name: "a subnet of no type is public", subnets: []infrav1.Subnet{
			subnet("control-plane-endpoint", "private"), subnet("control-plane", "private"),
			subnet("service-lb", "private"), subnet("worker", "")}},
		{name: "all public with a control-plane and a worker subnet", allPublic: true, subnets: []infrav1.Subnet{
			subnet("control-plane-endpoint", "public"), subnet("control-plane", "public"),
			subnet("service-lb", "public"), subnet("worker", "public")}},
		{name: "no type at all is all public", allPublic: true, subnets: []infrav1.Subnet{
			subnet("control-plane", ""), subnet("worker", "")}},
		{name: "all public without a worker subnet: not all public", subnets: []infrav1.Subnet{
			subnet("control-plane-endpoint", "public"), subnet("control-plane", "public")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := &infrav1.VCN{Subnets: tc.subnets}
			if got := AllSubnetsPrivate(v); got != tc.allPrivate {
				t.Errorf("AllSubnetsPrivate = %v, want %v", got, tc.allPrivate)
			}
			if got := AllSubnetsPublic(v); got != tc.allPublic {
				t.Errorf("AllSubnetsPublic = %v, want %v", got, tc.allPublic)
			}
		})
	}
}
