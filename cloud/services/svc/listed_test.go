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

package svc_test

import (
	"context"
	"errors"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// A resource a listing returned is read in full once; one read by OCID is not read again; a failed read names it.
func TestCompleteReadsListedResourcesOnce(t *testing.T) {
	g := NewWithT(t)
	reads := 0
	get := func(_ context.Context, id string) (*string, error) {
		reads++
		full := id + " in full"
		return &full, nil
	}
	var l svc.Listed
	l.Mark("a")
	item := "a listed"
	got, err := svc.Complete(context.Background(), &l, &item, "a", "GetThing", "thing", get)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(*got).To(Equal("a in full"))
	got, err = svc.Complete(context.Background(), &l, &item, "a", "GetThing", "thing", get)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(got).To(BeIdenticalTo(&item))
	g.Expect(reads).To(Equal(1))

	l.Mark("b")
	_, err = svc.Complete(context.Background(), &l, &item, "b", "GetThing", "thing", func(context.Context, string) (*string, error) {
		return nil, errors.New("boom")
	})
	g.Expect(err).To(MatchError(ContainSubstring("reading thing b, found by name: boom")))
}
