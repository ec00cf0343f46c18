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

package instanceconfig_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/core"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/instanceconfig"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/instanceconfig/mock_instanceconfig"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// scope is an instanceconfig.Scope for tests: pool "mp" of VM.Standard.E4.Flex instances in the worker subnet and
// NSG, with bootstrap data.
type scope struct {
	*svctest.Owner
	inPlace []string
	name    string
	config  *infrav1exp.InstanceConfiguration
	data    []byte
	subnet  string
	nsgs    []string
	vnicErr error
	inUse   []string
}

var _ instanceconfig.Scope = (*scope)(nil)

func newScope() *scope {
	return &scope{Owner: svctest.NewOwner(), name: "mp", data: []byte("#cloud-config\n"), subnet: "ocid1.subnet.worker",
		nsgs: []string{"ocid1.nsg.worker"}, config: &infrav1exp.InstanceConfiguration{Shape: "VM.Standard.E4.Flex",
			InstanceSourceViaImageConfig: &infrav1exp.InstanceSourceViaImageConfig{ImageID: "ocid1.image.base"}}}
}

func (s *scope) PoolName() string                          { return s.name }
func (s *scope) Config() *infrav1exp.InstanceConfiguration { return s.config }
func (s *scope) BootstrapData() []byte                     { return s.data }
func (s *scope) VNIC() (string, []string, error)           { return s.subnet, s.nsgs, s.vnicErr }
func (s *scope) InUse() []string                           { return s.inUse }
func (s *scope) InPlace(id, template string)               { s.inPlace = append(s.inPlace, id+"@"+template) }
func (s *scope) recorded() string                          { return s.config.InstanceConfigurationID }
func (s *scope) memo() async.Memo                          { return s.Memo(instanceconfig.Key) }

// desired is the name of the configuration the scope declares now.
func (s *scope) desired(t *testing.T) string {
	t.Helper()
	spec, err := instanceconfig.NewSpec(s, "", s.data)
	if err != nil {
		t.Fatal(err)
	}
	return spec.Name()
}

type mockClient = mock_instanceconfig.MockClientMockRecorder

// step is one reconcile (or delete) of a sequence: before changes the scope, expect sets the calls it makes (none
// when nil), wantErr accepts its error (nil: none), check checks the scope after it.
type step struct {
	name    string
	before  func(s *scope)
	expect  func(t *testing.T, s *scope, m *mockClient)
	wantErr func(error) bool
	check   func(t *testing.T, s *scope)
}

// run runs the steps in order on s, each with a mock client of its own, with call (Reconcile or Delete).
func run(t *testing.T, s *scope, call func(context.Context, *instanceconfig.Service) error, steps ...step) {
	t.Helper()
	for _, st := range steps {
		if st.before != nil {
			st.before(s)
		}
		m := mock_instanceconfig.NewMockClient(gomock.NewController(t))
		if st.expect != nil {
			st.expect(t, s, m.EXPECT())
		}
		svctest.CheckErr(t, st.name, call(context.Background(), instanceconfig.New(s, m)), st.wantErr)
		if st.check != nil {
			st.check(t, s)
		}
	}
}

func reconcile(ctx context.Context, svc *instanceconfig.Service) error { return svc.Reconcile(ctx) }
func deleting(ctx context.Context, svc *instanceconfig.Service) error  { return svc.Delete(ctx) }

// config is an instance configuration with id and name; tags nil are the test owner's ownership tags.
func config(s *scope, id, name string, tags map[string]string) core.InstanceConfiguration {
	if tags == nil {
		tags = s.OwnedTags()
	}
	return core.InstanceConfiguration{Id: ptr.To(id), DisplayName: ptr.To(name), CompartmentId: ptr.To(s.Compartment),
		FreeformTags: tags}
}

// listed is a page of the compartment's configurations, with the next page's token when next is not "".
func listed(next string, cs ...core.InstanceConfiguration) core.ListInstanceConfigurationsResponse {
	r := core.ListInstanceConfigurationsResponse{OpcNextPage: ptr.To(next)}
	if next == "" {
		r.OpcNextPage = nil
	}
	for i := range cs {
		c := &cs[i]
		r.Items = append(r.Items, core.InstanceConfigurationSummary{Id: c.Id, DisplayName: c.DisplayName,
			CompartmentId: c.CompartmentId, FreeformTags: c.FreeformTags})
	}
	return r
}

func get(c core.InstanceConfiguration) core.GetInstanceConfigurationResponse {
	return core.GetInstanceConfigurationResponse{InstanceConfiguration: c}
}

func ofID(id string) any {
	return gomock.Cond(func(r core.GetInstanceConfigurationRequest) bool { return *r.InstanceConfigurationId == id })
}

func deleteOf(id string) any {
	return gomock.Cond(func(r core.DeleteInstanceConfigurationRequest) bool { return *r.InstanceConfigurationId == id })
}

// inCompartment matches a list of the test compartment's configurations.
func inCompartment(s *scope, page string) any {
	return gomock.Cond(func(r core.ListInstanceConfigurationsRequest) bool {
		return *r.CompartmentId == s.Compartment && ptr.Deref(r.Page, "") == page
	})
}

// theirs are the tags of a configuration another cluster made.
var theirs = map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "another"}

func terminal(reason, text string) func(error) bool {
	return func(err error) bool {
		var e *async.Error
		return errors.As(err, &e) && e.Class == async.Terminal && e.Reason == reason && strings.Contains(err.Error(), text)
	}
}

func notDone(text string) func(error) bool {
	return func(err error) bool { return async.IsNotDone(err) && strings.Contains(err.Error(), text) }
}
