package ocisim

import (
	"net/http"
)

// routes registers the operations of a service in a region.
func (s *Sim) routes(svc, region string, mux *http.ServeMux) {
	switch svc {
	case ServiceCore:
		s.coreRoutes(mux, region)
	case ServiceLoadBalancer:
		s.lbRoutes(mux, region)
	case ServiceNetworkLoadBalancer:
		s.nlbRoutes(mux, region)
	case ServiceContainerEngine:
		s.okeRoutes(mux, region)
	case ServiceIdentity:
		s.handle(mux, svc, region, "GET /20160918/availabilityDomains", "ListAvailabilityDomains", listADs)
		s.handle(mux, svc, region, "GET /20160918/faultDomains", "ListFaultDomains", listFDs)
		s.handle(mux, svc, region, "GET /20160918/regions", "ListRegions", listRegions)
	case ServiceWorkRequests:
		s.handle(mux, svc, region, "GET /20160918/workRequests", "ListWorkRequests", listCoreWorkRequests)
		s.handle(mux, svc, region, "GET /20160918/workRequests/{workRequestId}/errors", "ListWorkRequestErrors", listCoreWorkRequestErrors)
	}
	mux.HandleFunc("/", s.notFound(svc, region))
}

func (s *Sim) coreRoutes(mux *http.ServeMux, region string) {
	all := []string{"Create", "Get", "List", "Update", "Delete"}
	for _, k := range []*kindSpec{vcnSpec(), subnetSpec(), routeTableSpec(), securityListSpec(), internetGatewaySpec(),
		natGatewaySpec(), serviceGatewaySpec(), nsgSpec(), drgSpec(), drgAttachmentSpec(), rpcSpec()} {
		s.registerCRUD(mux, ServiceCore, region, k, all...)
	}
	s.registerNSGRules(mux, region)
	s.handle(mux, ServiceCore, region, "GET /20160918/services", "ListServices", listServices)
	s.handle(mux, ServiceCore, region, "POST /20160918/remotePeeringConnections/{remotePeeringConnectionId}/actions/connect",
		"ConnectRemotePeeringConnections", connectRPC)
	s.registerCRUD(mux, ServiceCore, region, vnicSpec(), "Get", "Update")
	s.computeRoutes(mux, region)
	s.catalogRoutes(mux, region)
	s.registerCRUD(mux, ServiceCore, region, volumeSpec(), "Create", "Get", "List", "Delete")
	s.poolRoutes(mux, region)
}
