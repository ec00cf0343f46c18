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

// Package okeauth makes the credentials Cluster API needs to reach an OKE cluster: short-lived cluster tokens
// signed with an OCI identity (what `oci ce cluster generate-token` makes), the kubeconfig that carries such a
// token as a bearer token, and the Secrets Cluster API and self-managed nodes read.
package okeauth

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
)

// clusterRequestPath is the path of the signed request a cluster token carries, before the cluster's OCID.
const clusterRequestPath = "/cluster_request/"

// The query parameters of a token's URL: the request's signature and the date it was signed at.
const (
	queryAuthorization = "authorization"
	queryDate          = "date"
)

// ErrMalformedToken is returned when a string is not an OKE cluster token.
var ErrMalformedToken = errors.New("malformed OKE cluster token")

// Token returns an OKE cluster token for clusterID, signed by signer for the containerengine endpoint host (e.g.
// the ContainerEngine client's Host, scheme stripped), dated now. A scheme or path left on host is ignored. The
// token is the base64url encoding of https://<host>/cluster_request/<clusterID> with the signature of that GET
// request (signed over its date, request target and host) and its date as the authorization and date query
// parameters; OKE's API servers accept it as a bearer token for a few minutes after now.
func Token(signer common.HTTPRequestSigner, host, clusterID string, now time.Time) (string, error) {
	if signer == nil {
		return "", errors.New("making an OKE cluster token: no request signer")
	}
	if clusterID == "" {
		return "", errors.New("making an OKE cluster token: no cluster ID")
	}
	h, err := bareHost(host)
	if err != nil {
		return "", fmt.Errorf("making an OKE cluster token for %s: %w", clusterID, err)
	}
	u := &url.URL{Scheme: "https", Host: h, Path: clusterRequestPath + clusterID}
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, u.String(), http.NoBody)
	if err != nil {
		return "", fmt.Errorf("making an OKE cluster token for %s: building the request: %w", clusterID, err)
	}
	req.Header.Set(queryDate, now.UTC().Format(http.TimeFormat))
	if err := signer.Sign(req); err != nil {
		return "", fmt.Errorf("making an OKE cluster token for %s: signing the request: %w", clusterID, err)
	}
	auth := req.Header.Get(queryAuthorization)
	if auth == "" {
		return "", fmt.Errorf("making an OKE cluster token for %s: the signer set no authorization header", clusterID)
	}
	q := url.Values{}
	q.Set(queryAuthorization, auth)
	q.Set(queryDate, req.Header.Get(queryDate))
	u.RawQuery = q.Encode()
	return base64.URLEncoding.EncodeToString([]byte(u.String())), nil
}

// TokenDate reads the date a token was signed at.
func TokenDate(token string) (time.Time, error) {
	u, err := decodeToken(token)
	if err != nil {
		return time.Time{}, err
	}
	d := u.Query().Get(queryDate)
	if d == "" {
		return time.Time{}, fmt.Errorf("%w: no date", ErrMalformedToken)
	}
	t, err := http.ParseTime(d)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: reading its date %q: %w", ErrMalformedToken, d, err)
	}
	return t, nil
}

// TokenClusterID reads the OCID of the cluster a token was made for.
func TokenClusterID(token string) (string, error) {
	u, err := decodeToken(token)
	if err != nil {
		return "", err
	}
	id, ok := strings.CutPrefix(u.Path, clusterRequestPath)
	if !ok || id == "" {
		return "", fmt.Errorf("%w: it names no cluster request", ErrMalformedToken)
	}
	return id, nil
}

// decodeToken returns the URL a token encodes; tokens with and without base64 padding are read.
func decodeToken(token string) (*url.URL, error) {
	raw, err := base64.URLEncoding.DecodeString(token)
	if err != nil {
		if raw, err = base64.RawURLEncoding.DecodeString(token); err != nil {
			return nil, fmt.Errorf("%w: decoding it: %w", ErrMalformedToken, err)
		}
	}
	u, err := url.Parse(string(raw))
	if err != nil {
		return nil, fmt.Errorf("%w: parsing its URL: %w", ErrMalformedToken, err)
	}
	return u, nil
}

// bareHost strips a scheme and a path from an endpoint, leaving host[:port].
func bareHost(endpoint string) (string, error) {
	h := endpoint
	if _, rest, ok := strings.Cut(h, "://"); ok {
		h = rest
	}
	h, _, _ = strings.Cut(h, "/")
	if h == "" || strings.ContainsAny(h, "?#@ ") {
		return "", fmt.Errorf("the containerengine host %q is not a host", endpoint)
	}
	return h, nil
}
