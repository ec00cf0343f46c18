package ocisim

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
)

// nsgRules holds the security rules of a network security group.
type nsgRules struct {
	rules []core.SecurityRule
	next  int
}

// maxNSGRules is OCI's limit of rules per network security group.
const maxNSGRules = 120

func (s *Sim) registerNSGRules(mux *http.ServeMux, region string) {
	base := "/20160918/networkSecurityGroups/{networkSecurityGroupId}"
	s.handle(mux, ServiceCore, region, "POST "+base+"/actions/addSecurityRules", "AddNetworkSecurityGroupSecurityRules", addNSGRules)
	s.handle(mux, ServiceCore, region, "GET "+base+"/securityRules", "ListNetworkSecurityGroupSecurityRules", listNSGRules)
	s.handle(mux, ServiceCore, region, "POST "+base+"/actions/updateSecurityRules", "UpdateNetworkSecurityGroupSecurityRules", updateNSGRules)
	s.handle(mux, ServiceCore, region, "POST "+base+"/actions/removeSecurityRules", "RemoveNetworkSecurityGroupSecurityRules", removeNSGRules)
}

func (c *call) nsgRules() (*nsgRules, error) {
	r, err := c.live(kindNSG, c.r.PathValue("networkSecurityGroupId"))
	if err != nil {
		return nil, err
	}
	return r.extra.(*nsgRules), nil
}

// ruleEndpoint validates a rule source or destination against its type.
func (c *call) ruleEndpoint(value *string, typ string) error {
	if value == nil {
		return nil
	}
	switch typ {
	case "NETWORK_SECURITY_GROUP":
		_, err := c.live(kindNSG, *value)
		return err
	case "SERVICE_CIDR_BLOCK":
		if *value != osnCidr(c.region) && *value != objectStorageCidr(c.region) {
			return errInvalid("%q is not a service CIDR label of %s.", *value, c.region)
		}
		return nil
	default:
		_, err := parseCIDR(*value, 0)
		return err
	}
}

func (c *call) toRule(d any, id string) (core.SecurityRule, error) {
	var rule core.SecurityRule
	copyFields(&rule, d)
	if rule.Protocol == nil {
		return rule, errMissing("protocol")
	}
	if rule.Direction == core.SecurityRuleDirectionIngress {
		if rule.SourceType == "" {
			rule.SourceType = core.SecurityRuleSourceTypeCidrBlock
		}
		if err := c.ruleEndpoint(rule.Source, string(rule.SourceType)); err != nil {
			return rule, err
		}
	} else {
		if rule.DestinationType == "" {
			rule.DestinationType = core.SecurityRuleDestinationTypeCidrBlock
		}
		if err := c.ruleEndpoint(rule.Destination, string(rule.DestinationType)); err != nil {
			return rule, err
		}
	}
	rule.Id, rule.IsValid = &id, ptr(true)
	rule.TimeCreated = &common.SDKTime{Time: c.now}
	return rule, nil
}

func addNSGRules(c *call) error {
	set, err := c.nsgRules()
	if err != nil {
		return err
	}
	var d core.AddNetworkSecurityGroupSecurityRulesDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	if len(set.rules)+len(d.SecurityRules) > maxNSGRules {
		return errLimit("A network security group holds at most %d rules.", maxNSGRules)
	}
	added := []core.SecurityRule{}
	for _, rd := range d.SecurityRules {
		set.next++
		rule, err := c.toRule(rd, fmt.Sprintf("%06X", set.next))
		if err != nil {
			return err
		}
		added = append(added, rule)
	}
	set.rules = append(set.rules, added...)
	c.writeJSON(http.StatusOK, core.AddedNetworkSecurityGroupSecurityRules{SecurityRules: added}, nil)
	return nil
}

func listNSGRules(c *call) error {
	set, err := c.nsgRules()
	if err != nil {
		return err
	}
	dir := c.query("direction")
	items := []any{}
	for i := range set.rules {
		if r := &set.rules[i]; dir == "" || strings.EqualFold(dir, string(r.Direction)) {
			items = append(items, *r)
		}
	}
	return c.writePage(items, false)
}

func updateNSGRules(c *call) error {
	set, err := c.nsgRules()
	if err != nil {
		return err
	}
	var d core.UpdateNetworkSecurityGroupSecurityRulesDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	updated := []core.SecurityRule{}
	for _, rd := range d.SecurityRules {
		i := set.index(ptrVal(rd.Id))
		if i < 0 {
			return errInvalid("Security rule %q does not exist.", ptrVal(rd.Id))
		}
		rule, err := c.toRule(rd, *rd.Id)
		if err != nil {
			return err
		}
		set.rules[i] = rule
		updated = append(updated, rule)
	}
	c.writeJSON(http.StatusOK, core.UpdatedNetworkSecurityGroupSecurityRules{SecurityRules: updated}, nil)
	return nil
}

func removeNSGRules(c *call) error {
	set, err := c.nsgRules()
	if err != nil {
		return err
	}
	var d core.RemoveNetworkSecurityGroupSecurityRulesDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	for _, id := range d.SecurityRuleIds {
		if i := set.index(id); i >= 0 {
			set.rules = append(set.rules[:i], set.rules[i+1:]...)
		}
	}
	c.writeJSON(http.StatusOK, nil, nil)
	return nil
}

func (n *nsgRules) index(id string) int {
	for i := range n.rules {
		if ptrVal(n.rules[i].Id) == id {
			return i
		}
	}
	return -1
}

func ptrVal[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
