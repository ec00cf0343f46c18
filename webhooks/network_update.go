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
	"fmt"
	"slices"

	"k8s.io/apimachinery/pkg/util/validation/field"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// validateNetworkUpdate refuses the network changes OCI cannot make in place (VCN CIDRs and DNS labels, subnet
// CIDRs, types and DNS labels, the load balancer type) and applies the write-once rule to every OCID, with r's
// exception for the manager's replacement of an owned resource.
func validateNetworkUpdate(path *field.Path, oldN, newN *infrav1.NetworkSpec, r *replacer) field.ErrorList {
	vcn := path.Child("vcn")
	ov, nv := &oldN.VCN, &newN.VCN
	errs := r.writeOnce(vcn.Child("id"), ov.ID, nv.ID)
	errs = append(errs, immutable(vcn.Child("cidr"), ov.CIDR, nv.CIDR)...)
	if !slices.Equal(ov.CIDRs, nv.CIDRs) {
		errs = append(errs, field.Forbidden(vcn.Child("cidrs"), "field is immutable"))
	}
	errs = append(errs, immutable(vcn.Child("dnsLabel"), ov.DNSLabel, nv.DNSLabel)...)
	errs = append(errs, gatewayIDs(vcn, ov, nv, r)...)
	errs = append(errs, subnetUpdates(vcn.Child("subnets"), ov.Subnets, nv.Subnets, r)...)
	errs = append(errs, nsgUpdates(vcn.Child("networkSecurityGroup", "list"), ov.NetworkSecurityGroup, nv.NetworkSecurityGroup, r)...)
	errs = append(errs, loadBalancerUpdate(path.Child("apiServerLoadBalancer"), oldN.APIServerLoadBalancer, newN.APIServerLoadBalancer, r)...)
	return append(errs, peeringUpdates(path.Child("vcnPeering"), oldN.VCNPeering, newN.VCNPeering, r)...)
}

// loadBalancerUpdate keeps the OCID write-once and the kind of load balancer (flexible or network) as it was: the
// type may be rewritten in another case (nlb to NLB), not changed to the other kind.
func loadBalancerUpdate(path *field.Path, olb, nlb *infrav1.LoadBalancer, r *replacer) field.ErrorList {
	oldID, newID := "", ""
	if olb != nil {
		oldID = olb.LoadBalancerID
	}
	if nlb != nil {
		newID = nlb.LoadBalancerID
	}
	errs := r.writeOnce(path.Child("loadBalancerId"), oldID, newID)
	if o, n := olb.IsFlexibleLoadBalancer(), nlb.IsFlexibleLoadBalancer(); o != n {
		t := ""
		if nlb != nil {
			t = nlb.LoadBalancerType
		}
		errs = append(errs, field.Invalid(path.Child("loadBalancerType"), t,
			fmt.Sprintf("the API server's %s cannot be replaced by a %s in place", kindOfLB(o), kindOfLB(n))))
	}
	return errs
}

func gatewayIDs(vcn *field.Path, ov, nv *infrav1.VCN, r *replacer) field.ErrorList {
	var errs field.ErrorList
	id := func(p *field.Path, o, n string) { errs = append(errs, r.writeOnce(p, o, n)...) }
	if ov.InternetGateway != nil {
		id(vcn.Child("internetGateway", "id"), ov.InternetGateway.ID, valueOr(nv.InternetGateway, func(g *infrav1.InternetGateway) string { return g.ID }))
	}
	if ov.NATGateway != nil {
		id(vcn.Child("natGateway", "id"), ov.NATGateway.ID, valueOr(nv.NATGateway, func(g *infrav1.NATGateway) string { return g.ID }))
	}
	if ov.ServiceGateway != nil {
		id(vcn.Child("serviceGateway", "id"), ov.ServiceGateway.ID, valueOr(nv.ServiceGateway, func(g *infrav1.ServiceGateway) string { return g.ID }))
	}
	if ov.RouteTable != nil {
		id(vcn.Child("routeTable", "privateRouteTableId"), ov.RouteTable.PrivateRouteTableID,
			valueOr(nv.RouteTable, func(r *infrav1.RouteTable) string { return r.PrivateRouteTableID }))
		id(vcn.Child("routeTable", "publicRouteTableId"), ov.RouteTable.PublicRouteTableID,
			valueOr(nv.RouteTable, func(r *infrav1.RouteTable) string { return r.PublicRouteTableID }))
	}
	return errs
}

// valueOr reads a string from an optional struct, "" when it is nil.
func valueOr[T any](v *T, get func(*T) string) string {
	if v == nil {
		return ""
	}
	return get(v)
}

// subnetUpdates matches subnets by name: a kept subnet keeps its CIDR, type and DNS label, and its OCIDs are
// write-once.
func subnetUpdates(path *field.Path, oldList, newList []infrav1.Subnet, r *replacer) field.ErrorList {
	var errs field.ErrorList
	for i := range newList {
		n := &newList[i]
		j := slices.IndexFunc(oldList, func(s infrav1.Subnet) bool { return s.Name == n.Name })
		if j < 0 {
			continue
		}
		o, p := &oldList[j], path.Index(i)
		errs = append(errs, r.writeOnce(p.Child("id"), o.ID, n.ID)...)
		if o.CIDR != "" {
			errs = append(errs, immutable(p.Child("cidr"), o.CIDR, n.CIDR)...)
		}
		errs = append(errs, immutable(p.Child("type"), o.Type, n.Type)...)
		errs = append(errs, immutable(p.Child("dnsLabel"), o.DNSLabel, n.DNSLabel)...)
		if o.SecurityList != nil {
			errs = append(errs, r.writeOnce(p.Child("securityList", "id"), o.SecurityList.ID,
				valueOr(n.SecurityList, func(l *infrav1.SecurityList) string { return l.ID }))...)
		}
	}
	return errs
}

// nsgUpdates matches network security groups by name; their OCIDs are write-once.
func nsgUpdates(path *field.Path, oldG, newG *infrav1.NetworkSecurityGroup, r *replacer) field.ErrorList {
	if oldG == nil || newG == nil {
		return nil
	}
	var errs field.ErrorList
	for i, n := range newG.List {
		j := slices.IndexFunc(oldG.List, func(g infrav1.NSG) bool { return g.Name == n.Name })
		if j >= 0 {
			errs = append(errs, r.writeOnce(path.Index(i).Child("id"), oldG.List[j].ID, n.ID)...)
		}
	}
	return errs
}

func peeringUpdates(path *field.Path, oldP, newP *infrav1.VCNPeering, r *replacer) field.ErrorList {
	if oldP == nil || oldP.DRG == nil {
		return nil
	}
	var nd infrav1.DRG
	if newP != nil && newP.DRG != nil {
		nd = *newP.DRG
	}
	errs := r.writeOnce(path.Child("drg", "id"), oldP.DRG.ID, nd.ID)
	return append(errs, r.writeOnce(path.Child("drg", "vcnAttachmentId"), oldP.DRG.VCNAttachmentID, nd.VCNAttachmentID)...)
}
