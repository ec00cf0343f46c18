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

// Package svctest has what the service packages' tests share: an Owner that keeps its records in memory, the
// scopes built on it, OCI's errors, and checks of a call's result.
package svctest

import (
	"fmt"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/scope"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Owner is an svc.Owner for tests: compartment "ocid1.compartment.oc1..test", identifier "cluster-uid", and the
// engine's memos in Resources.
type Owner struct {
	Compartment string
	Identifier  string
	Freeform    map[string]string
	Defined     map[string]map[string]any
	Resources   []infrav1.OCIResource
	Gen         int64
	Drift       time.Duration
	Due         bool
	PassStart   time.Time
}

var _ svc.Owner = (*Owner)(nil)

// NewOwner returns an Owner with the test compartment and identifier.
func NewOwner() *Owner {
	return &Owner{Compartment: "ocid1.compartment.oc1..test", Identifier: "cluster-uid", Gen: 1}
}

// CompartmentID implements svc.Owner.
func (o *Owner) CompartmentID() string { return o.Compartment }

// ResourceIdentifier implements svc.Owner.
func (o *Owner) ResourceIdentifier() string { return o.Identifier }

// FreeformTags implements svc.Owner.
func (o *Owner) FreeformTags() map[string]string { return o.Freeform }

// DefinedTags implements svc.Owner.
func (o *Owner) DefinedTags() map[string]map[string]any { return o.Defined }

// Recorder implements svc.Owner over o.Resources.
func (o *Owner) Recorder(setID func(key, id string)) async.Recorder {
	return scope.Resources{List: &o.Resources, SetID: setID}
}

// Generation implements svc.Owner.
func (o *Owner) Generation() int64 { return o.Gen }

// DriftInterval implements svc.Owner.
func (o *Owner) DriftInterval() time.Duration { return o.Drift }

// DriftDue implements svc.Owner.
func (o *Owner) DriftDue() bool { return o.Due }

// DriftPassStart implements svc.Owner.
func (o *Owner) DriftPassStart() time.Time { return o.PassStart }

// Memo is what the engine remembered of the resource with key.
func (o *Owner) Memo(key string) async.Memo { return o.Recorder(nil).Memo(key) }

// Remember has the engine remember m of the resource with key, as at an earlier reconcile; nil is nothing.
func (o *Owner) Remember(key string, m *async.Memo) {
	if m != nil {
		o.Recorder(nil).SetMemo(key, *m)
	}
}

// OwnedTags are the freeform tags of a resource the provider created for this owner.
func (o *Owner) OwnedTags() map[string]string { return svc.Tags(o) }

// serviceError is an OCI service error as the SDK returns it.
type serviceError struct {
	status int
	code   string
}

func (e serviceError) Error() string {
	return fmt.Sprintf("Error returned by service. Http Status Code: %d. Error Code: %s", e.status, e.code)
}
func (e serviceError) GetHTTPStatusCode() int  { return e.status }
func (e serviceError) GetMessage() string      { return e.code }
func (e serviceError) GetCode() string         { return e.code }
func (e serviceError) GetOpcRequestID() string { return "test" }

// ServiceError returns an error of OCI with the HTTP status and error code, as the SDK returns it.
func ServiceError(status int, code string) error {
	return serviceError{status: status, code: code}
}

var _ common.ServiceError = serviceError{}
