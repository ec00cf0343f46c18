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

package clients

import (
	"errors"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics count the provider's OCI calls. A nil *Metrics records nothing.
type Metrics struct {
	requests  *prometheus.CounterVec
	duration  *prometheus.HistogramVec
	throttles *prometheus.CounterVec
}

// NewMetrics creates the collectors and registers them with reg (the manager's registry is
// sigs.k8s.io/controller-runtime/pkg/metrics.Registry, served on /metrics); collectors a registry already has are
// reused, so that every manager of a process counts into the same ones.
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "capoci_oci_requests_total",
			Help: "OCI API requests sent, by service, operation, HTTP status code (or error) and region.",
		}, []string{"service", "operation", "code", "region"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "capoci_oci_request_duration_seconds",
			Help:    "Latency of OCI API requests, by service, operation and region.",
			Buckets: []float64{0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30},
		}, []string{"service", "operation", "region"}),
		throttles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "capoci_oci_requests_throttled_total",
			Help: "OCI API requests the client-side rate limit did not send, by service, operation and region.",
		}, []string{"service", "operation", "region"}),
	}
	var err error
	if m.requests, err = register(reg, m.requests); err != nil {
		return nil, err
	}
	if m.duration, err = register(reg, m.duration); err != nil {
		return nil, err
	}
	if m.throttles, err = register(reg, m.throttles); err != nil {
		return nil, err
	}
	return m, nil
}

// register registers c, or returns the collector of the same name reg already has.
func register[C prometheus.Collector](reg prometheus.Registerer, c C) (C, error) {
	err := reg.Register(c)
	var are prometheus.AlreadyRegisteredError
	switch {
	case err == nil:
		return c, nil
	case errors.As(err, &are):
		if existing, ok := are.ExistingCollector.(C); ok {
			return existing, nil
		}
	}
	return c, fmt.Errorf("registering the OCI client metrics: %w", err)
}

func (m *Metrics) observe(service, op, code, region string, d time.Duration) {
	if m == nil {
		return
	}
	m.requests.WithLabelValues(service, op, code, region).Inc()
	m.duration.WithLabelValues(service, op, region).Observe(d.Seconds())
}

func (m *Metrics) throttled(service, op, region string) {
	if m == nil {
		return
	}
	m.throttles.WithLabelValues(service, op, region).Inc()
}
