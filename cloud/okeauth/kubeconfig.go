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

package okeauth

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// Endpoint is the server URL and CA data read from the kubeconfig OKE's CreateKubeconfig returns.
type Endpoint struct {
	// Server is the URL of the cluster's Kubernetes API server.
	Server string
	// CAData is the PEM bundle of the CA the API server's certificate is issued by; empty when the kubeconfig
	// names none.
	CAData []byte
	// ClusterName is the name of the kubeconfig's cluster entry.
	ClusterName string
}

// CAPIUserName is the kubeconfig user of the kubeconfig Cluster API's controllers use, as the earlier provider
// named it: "<clusterName>-capi-admin".
func CAPIUserName(clusterName string) string {
	return clusterName + "-capi-admin"
}

// CAPIContextName is the context of the kubeconfig Cluster API's controllers use: "<user>@<clusterName>", the
// shape of Cluster API's own kubeconfigs.
func CAPIContextName(clusterName string) string {
	return CAPIUserName(clusterName) + "@" + clusterName
}

// ParseOKEKubeconfig reads the API server's URL and CA from the cluster of the current context of a kubeconfig
// (a kubeconfig with a single context and no current one uses that context).
func ParseOKEKubeconfig(data []byte) (Endpoint, error) {
	cfg, err := clientcmd.Load(data)
	if err != nil {
		return Endpoint{}, fmt.Errorf("reading the OKE kubeconfig: %w", err)
	}
	kctx, err := currentContext(cfg)
	if err != nil {
		return Endpoint{}, fmt.Errorf("reading the OKE kubeconfig: %w", err)
	}
	c := cfg.Clusters[kctx.Cluster]
	if c == nil {
		return Endpoint{}, fmt.Errorf("reading the OKE kubeconfig: its context names the cluster %q it lacks", kctx.Cluster)
	}
	if c.Server == "" {
		return Endpoint{}, fmt.Errorf("reading the OKE kubeconfig: its cluster %q has no server", kctx.Cluster)
	}
	return Endpoint{Server: c.Server, CAData: c.CertificateAuthorityData, ClusterName: kctx.Cluster}, nil
}

// CAPIKubeconfig is the kubeconfig Cluster API's controllers use: one cluster named clusterName with e's server
// and CA, the user CAPIUserName(clusterName) with the token as its bearer token (no exec plugin, which the
// controllers could not run), and the current context CAPIContextName(clusterName) joining them.
func CAPIKubeconfig(clusterName string, e Endpoint, token string) ([]byte, error) {
	switch {
	case clusterName == "":
		return nil, errors.New("writing the Cluster API kubeconfig: no cluster name")
	case e.Server == "":
		return nil, fmt.Errorf("writing the Cluster API kubeconfig of %s: no server", clusterName)
	case token == "":
		return nil, fmt.Errorf("writing the Cluster API kubeconfig of %s: no token", clusterName)
	}
	user, contextName := CAPIUserName(clusterName), CAPIContextName(clusterName)
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters[clusterName] = &clientcmdapi.Cluster{Server: e.Server, CertificateAuthorityData: e.CAData}
	cfg.AuthInfos[user] = &clientcmdapi.AuthInfo{Token: token}
	cfg.Contexts[contextName] = &clientcmdapi.Context{Cluster: clusterName, AuthInfo: user}
	cfg.CurrentContext = contextName
	out, err := clientcmd.Write(*cfg)
	if err != nil {
		return nil, fmt.Errorf("writing the Cluster API kubeconfig of %s: %w", clusterName, err)
	}
	return out, nil
}

// NeedsRefresh reports whether the token in a CAPI kubeconfig (Secret data) is older than refreshAfter at now, or
// the kubeconfig's server/CA differ from e, or the data cannot be read: then the controller writes a new one. It
// reads the cluster and user of the current context, whatever their names (so kubeconfigs the earlier provider
// wrote are read too); a user with no token, or with an exec plugin, needs a new kubeconfig, and so does a token
// dated refreshAfter or more after now (the clock went back).
func NeedsRefresh(data []byte, e Endpoint, now time.Time, refreshAfter time.Duration) bool {
	cfg, err := clientcmd.Load(data)
	if err != nil {
		return true
	}
	kctx, err := currentContext(cfg)
	if err != nil {
		return true
	}
	c, u := cfg.Clusters[kctx.Cluster], cfg.AuthInfos[kctx.AuthInfo]
	if c == nil || u == nil || u.Token == "" || u.Exec != nil {
		return true
	}
	if c.Server != e.Server || !bytes.Equal(c.CertificateAuthorityData, e.CAData) {
		return true
	}
	signed, err := TokenDate(u.Token)
	if err != nil {
		return true
	}
	age := now.Sub(signed)
	return age >= refreshAfter || age <= -refreshAfter
}

// currentContext returns a kubeconfig's current context, or its only context when it names none.
func currentContext(cfg *clientcmdapi.Config) (*clientcmdapi.Context, error) {
	name := cfg.CurrentContext
	if name == "" && len(cfg.Contexts) == 1 {
		for n := range cfg.Contexts {
			name = n
		}
	}
	kctx := cfg.Contexts[name]
	if kctx == nil {
		return nil, fmt.Errorf("the kubeconfig has no context %q", name)
	}
	return kctx, nil
}

// KubeconfigToken returns the bearer token of the current context's user of a kubeconfig (Secret data).
func KubeconfigToken(data []byte) (string, error) {
	cfg, err := clientcmd.Load(data)
	if err != nil {
		return "", fmt.Errorf("loading the kubeconfig: %w", err)
	}
	kctx, err := currentContext(cfg)
	if err != nil {
		return "", err
	}
	u := cfg.AuthInfos[kctx.AuthInfo]
	if u == nil || u.Token == "" {
		return "", fmt.Errorf("the kubeconfig's user %q has no token", kctx.AuthInfo)
	}
	return u.Token, nil
}
