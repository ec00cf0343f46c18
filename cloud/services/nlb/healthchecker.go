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

package nlb

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// The health checker's defaults, as the earlier provider chose them: HTTPS GET /healthz on the API server port,
// answered 200, every 10 s with a 3 s timeout and 3 retries.
const (
	DefaultHealthCheckPath     = "/healthz"
	DefaultHealthCheckCode     = 200
	DefaultHealthCheckInterval = 10000
	DefaultHealthCheckTimeout  = 3000
	DefaultHealthCheckRetries  = 3
)

// healthCheckerPath is where the health checker is set in a cluster's spec, for error messages.
const healthCheckerPath = "apiServerLoadBalancer.nlbSpec.backendSetDetails.healthChecker"

// HealthChecker returns the backend set's health checker from spec (nil takes every default), checking the API
// server on apiServerPort unless spec names a port. HTTP and HTTPS checks have a URL path and a return code (and
// may match the body); TCP and UDP checks may send and expect data, given in spec base64-encoded.
func HealthChecker(spec *infrav1.HealthChecker, apiServerPort int) (networkloadbalancer.HealthChecker, error) {
	if spec == nil {
		spec = &infrav1.HealthChecker{}
	}
	h := networkloadbalancer.HealthChecker{Protocol: networkloadbalancer.HealthCheckProtocolsHttps,
		Port: ptr.To(apiServerPort), IntervalInMillis: ptr.To(DefaultHealthCheckInterval),
		TimeoutInMillis: ptr.To(DefaultHealthCheckTimeout), Retries: ptr.To(DefaultHealthCheckRetries)}
	if p := strings.ToUpper(strings.TrimSpace(spec.Protocol)); p != "" {
		h.Protocol = networkloadbalancer.HealthCheckProtocolsEnum(p)
	}
	h.Port = orDefault(spec.Port, h.Port)
	h.IntervalInMillis = orDefault(spec.IntervalInMillis, h.IntervalInMillis)
	h.TimeoutInMillis = orDefault(spec.TimeoutInMillis, h.TimeoutInMillis)
	h.Retries = orDefault(spec.Retries, h.Retries)
	switch h.Protocol {
	case networkloadbalancer.HealthCheckProtocolsHttp, networkloadbalancer.HealthCheckProtocolsHttps:
		if spec.RequestData != "" || spec.ResponseData != "" {
			return h, fmt.Errorf("%s: requestData and responseData apply only to TCP and UDP health checks, not %s",
				healthCheckerPath, h.Protocol)
		}
		h.UrlPath = ptr.To(DefaultHealthCheckPath)
		if p := strings.TrimSpace(spec.URLPath); p != "" {
			h.UrlPath = &p
		}
		h.ReturnCode = orDefault(spec.ReturnCode, ptr.To(DefaultHealthCheckCode))
		if r := strings.TrimSpace(spec.ResponseBodyRegex); r != "" {
			h.ResponseBodyRegex = &r
		}
	case networkloadbalancer.HealthCheckProtocolsTcp, networkloadbalancer.HealthCheckProtocolsUdp:
		if spec.URLPath != "" || spec.ReturnCode != nil || spec.ResponseBodyRegex != "" {
			return h, fmt.Errorf("%s: urlPath, returnCode and responseBodyRegex apply only to HTTP and HTTPS health checks, not %s",
				healthCheckerPath, h.Protocol)
		}
		var err error
		if h.RequestData, err = decode("requestData", spec.RequestData); err != nil {
			return h, err
		}
		if h.ResponseData, err = decode("responseData", spec.ResponseData); err != nil {
			return h, err
		}
	default:
		return h, fmt.Errorf("%s.protocol: %q is not one of HTTP, HTTPS, TCP and UDP", healthCheckerPath, spec.Protocol)
	}
	return h, nil
}

func orDefault(v, def *int) *int {
	if v != nil {
		return ptr.To(*v)
	}
	return def
}

// decode reads a health check payload given base64-encoded; an empty one is none.
func decode(field, s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("%s.%s: not base64-encoded: %w", healthCheckerPath, field, err)
	}
	return b, nil
}

// healthCheckerEqual reports whether have checks as want does: on the fields that apply to want's protocol, so
// that what OCI fills in for the others does not look like drift.
func healthCheckerEqual(have, want *networkloadbalancer.HealthChecker) bool {
	if have == nil {
		return false
	}
	same := have.Protocol == want.Protocol && ptr.Equal(have.Port, want.Port) && ptr.Equal(have.Retries, want.Retries) &&
		ptr.Equal(have.TimeoutInMillis, want.TimeoutInMillis) && ptr.Equal(have.IntervalInMillis, want.IntervalInMillis)
	switch want.Protocol {
	case networkloadbalancer.HealthCheckProtocolsHttp, networkloadbalancer.HealthCheckProtocolsHttps:
		return same && ptr.Deref(have.UrlPath, "") == ptr.Deref(want.UrlPath, "") && ptr.Equal(have.ReturnCode, want.ReturnCode) &&
			ptr.Deref(have.ResponseBodyRegex, "") == ptr.Deref(want.ResponseBodyRegex, "")
	default:
		return same && bytes.Equal(have.RequestData, want.RequestData) && bytes.Equal(have.ResponseData, want.ResponseData)
	}
}

// healthCheckerUpdate is the UpdateHealthChecker body that makes a health checker h.
func healthCheckerUpdate(h *networkloadbalancer.HealthChecker) *networkloadbalancer.UpdateHealthCheckerDetails {
	return &networkloadbalancer.UpdateHealthCheckerDetails{Protocol: h.Protocol, Port: h.Port, Retries: h.Retries,
		TimeoutInMillis: h.TimeoutInMillis, IntervalInMillis: h.IntervalInMillis, UrlPath: h.UrlPath,
		ResponseBodyRegex: h.ResponseBodyRegex, ReturnCode: h.ReturnCode, RequestData: h.RequestData, ResponseData: h.ResponseData}
}
