package ocisim

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/core"
	"github.com/oracle/oci-go-sdk/v65/identity"
)

// services returns the region's Oracle Services Network services.
func (s *Sim) services(region string) []core.Service {
	key := RegionKey(region)
	return []core.Service{
		{Id: ptr(fmt.Sprintf("ocid1.service.oc1.%s.aaaaaaaaallservices", key)), Name: ptr(osnName(region)),
			CidrBlock: ptr(osnCidr(region)), Description: ptr("All services in the Oracle Services Network")},
		{Id: ptr(fmt.Sprintf("ocid1.service.oc1.%s.aaaaaaaaobjectstorage", key)), Name: ptr(objectStorageName(region)),
			CidrBlock: ptr(objectStorageCidr(region)), Description: ptr("Object Storage")},
	}
}

func (s *Sim) findService(region, id string) *core.Service {
	for _, svc := range s.services(region) {
		if *svc.Id == id {
			return &svc
		}
	}
	return nil
}

// nextPublicIP hands out documentation-range public addresses.
func (s *Sim) nextPublicIP() string {
	s.publicIPs++
	n := s.publicIPs
	return fmt.Sprintf("203.0.%d.%d", 113+(n/250)%10, 1+n%250)
}

func listServices(c *call) error {
	svcs := c.sim.services(c.region)
	items := make([]any, 0, len(svcs))
	for _, svc := range svcs {
		items = append(items, svc)
	}
	return c.writePage(items, false)
}

// ADNames returns the availability domain names of a region.
func (s *Sim) ADNames(region string) []string {
	out := make([]string, s.opts.ADs)
	for i := range out {
		out[i] = adName(s.tenancyPrefix, region, i+1)
	}
	return out
}

func listADs(c *call) error {
	if err := c.checkCompartment(c.query("compartmentId")); err != nil {
		return err
	}
	items := []any{}
	for i, name := range c.sim.ADNames(c.region) {
		items = append(items, identity.AvailabilityDomain{Name: ptr(name), CompartmentId: ptr(c.sim.tenancy),
			Id: ptr(fmt.Sprintf("ocid1.availabilitydomain.oc1..ad%d%s", i+1, RegionKey(c.region)))})
	}
	// OCI does not page availability domains (the request has no page parameter).
	c.writeJSON(http.StatusOK, items, nil)
	return nil
}

func listFDs(c *call) error {
	if err := c.checkCompartment(c.query("compartmentId")); err != nil {
		return err
	}
	ad := c.query("availabilityDomain")
	if !containsString(c.sim.ADNames(c.region), ad) {
		return errInvalid("Unknown availability domain %q.", ad)
	}
	items := []any{}
	for i := range c.sim.opts.FDs {
		items = append(items, identity.FaultDomain{Name: ptr(fdName(i + 1)), AvailabilityDomain: &ad,
			CompartmentId: ptr(c.sim.tenancy), Id: ptr(fmt.Sprintf("ocid1.faultdomain.oc1..%s%d", strings.ToLower(ad[len(ad)-1:]), i+1))})
	}
	c.writeJSON(http.StatusOK, items, nil)
	return nil
}

func listRegions(c *call) error {
	items := make([]identity.Region, 0, len(c.sim.opts.Regions))
	for _, r := range c.sim.opts.Regions {
		items = append(items, identity.Region{Name: ptr(r), Key: ptr(strings.ToUpper(RegionKey(r)))})
	}
	c.writeJSON(http.StatusOK, items, nil)
	return nil
}

// AddCompartment creates a compartment under the tenancy and returns its OCID.
func (s *Sim) AddCompartment(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := newOCID("compartment", "")
	s.compartments[id] = name
	return id
}

// Compartments returns the compartments added to the tenancy, by OCID.
func (s *Sim) Compartments() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]string, len(s.compartments))
	for id, name := range s.compartments {
		out[id] = name
	}
	return out
}
