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

package e2e_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"strconv"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/oracle/cluster-api-provider-oci/test/e2e/earlier"
	"github.com/oracle/cluster-api-provider-oci/test/e2e/inplace"
	"github.com/oracle/cluster-api-provider-oci/test/e2e/stack"
)

// bringUpEarlier makes the earlier provider's cluster on m: the default flavor's Cluster API objects rendered as
// for any cluster, the network the earlier provider makes (earlier.Seed), its OCICluster and OCIMachineTemplates
// as it stores them, and its machine controller's stand-in until the cluster is ready; the stand-in is then
// gone, as the earlier provider's manager is when clusterctl replaces it.
func bringUpEarlier(ctx context.Context, m *inplace.Management, view *stack.Stack, o stack.ClusterOptions) (*stack.Cluster, *earlier.Cluster) {
	cl, manifest, err := view.Render(ctx, o)
	Expect(err).NotTo(HaveOccurred())
	_, portText, err := net.SplitHostPort(cl.Endpoint)
	Expect(err).NotTo(HaveOccurred())
	port, err := strconv.ParseInt(portText, 10, 32)
	Expect(err).NotTo(HaveOccurred())
	seeded, err := earlier.Seed(ctx, st.Sim, o.Name, o.Namespace, view.Compartment, int32(port))
	Expect(err).NotTo(HaveOccurred())
	capiObjects, templates := splitManifest(manifest)
	objs, err := seeded.Objects(st.Sim.ClientOverrides(seeded.Region), templates)
	Expect(err).NotTo(HaveOccurred())
	s, err := earlier.Scheme()
	Expect(err).NotTo(HaveOccurred())
	c, err := client.New(m.Config, client.Options{Scheme: s})
	Expect(err).NotTo(HaveOccurred())
	Expect(earlier.Create(ctx, c, objs)).To(Succeed())
	for _, u := range capiObjects {
		Expect(c.Create(ctx, u)).To(Succeed(), "%s %s", u.GetKind(), u.GetName())
	}
	p, err := earlier.NewProvider(c, st.Sim, seeded)
	Expect(err).NotTo(HaveOccurred())
	pctx, stop := context.WithCancel(ctx)
	var done sync.WaitGroup
	done.Go(func() { p.Run(pctx, 300*time.Millisecond) })
	defer func() {
		stop()
		done.Wait()
	}()
	wctx, cancel := context.WithTimeout(ctx, step)
	defer cancel()
	_, err = view.Follow(wctx, cl, GinkgoWriter, time.Now(), stack.Ready(cl))
	Expect(err).NotTo(HaveOccurred(), "the earlier provider's stand-in: %v", p.Err())
	return cl, seeded
}

// splitManifest keeps the rendered Cluster API objects and, of the provider's, what the earlier provider's
// OCIMachineTemplates say differently for this cluster (the image and the SSH key clusterctl substituted).
func splitManifest(manifest []byte) ([]*unstructured.Unstructured, []earlier.MachineTemplate) {
	var capiObjects []*unstructured.Unstructured
	var templates []earlier.MachineTemplate
	dec := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(manifest), 4096)
	for {
		u := &unstructured.Unstructured{}
		err := dec.Decode(&u.Object)
		if errors.Is(err, io.EOF) {
			return capiObjects, templates
		}
		Expect(err).NotTo(HaveOccurred())
		switch u.GetKind() {
		case "":
		case "OCICluster":
		case "OCIMachineTemplate":
			image, _, _ := unstructured.NestedString(u.Object, "spec", "template", "spec", "imageId")
			key, _, _ := unstructured.NestedString(u.Object, "spec", "template", "spec", "metadata", "ssh_authorized_keys")
			templates = append(templates, earlier.MachineTemplate{Name: u.GetName(), ImageID: image, SSHKey: key})
		default:
			capiObjects = append(capiObjects, u)
		}
	}
}

// availability samples the Cluster's Available condition until stopped.
type availability struct {
	cancel context.CancelFunc
	done   sync.WaitGroup
	mu     sync.Mutex
	result availabilitySamples
}

// availabilitySamples are how many samples were taken and the ones in which the Cluster was not Available.
type availabilitySamples struct {
	count       int
	unavailable []string
}

func (a availabilitySamples) String() string {
	var b bytes.Buffer
	b.WriteString("  " + strconv.Itoa(a.count) + " samples of the Cluster's Available condition, " +
		strconv.Itoa(len(a.unavailable)) + " not True\n")
	for _, u := range a.unavailable {
		b.WriteString("    " + u + "\n")
	}
	return b.String()
}

// sampleAvailability reads the Cluster's Available condition every 200ms until stop.
func sampleAvailability(ctx context.Context, view *stack.Stack, cl *stack.Cluster) *availability {
	ctx, cancel := context.WithCancel(ctx)
	a := &availability{cancel: cancel}
	began := time.Now()
	a.done.Go(func() {
		defer GinkgoRecover()
		for {
			st, err := view.Status(ctx, cl)
			if ctx.Err() != nil {
				return
			}
			a.mu.Lock()
			a.result.count++
			if v := st.Conditions["Available"]; err != nil || v != "True" {
				a.result.unavailable = append(a.result.unavailable,
					time.Since(began).Round(time.Millisecond).String()+": Available="+v+" "+errorText(err))
			}
			a.mu.Unlock()
			select {
			case <-ctx.Done():
				return
			case <-time.After(200 * time.Millisecond):
			}
		}
	})
	return a
}

func errorText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// stop stops the sampling and returns the samples.
func (a *availability) stop() availabilitySamples {
	a.cancel()
	a.done.Wait()
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.result
}
