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

package workload

import (
	"fmt"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// controlPlaneRole is the label and taint kubeadm gives control-plane nodes.
const controlPlaneRole = "node-role.kubernetes.io/control-plane"

// staticComponents are the static pods kubeadm writes on a control-plane node, besides etcd.
var staticComponents = []string{"kube-apiserver", "kube-controller-manager", "kube-scheduler"}

// healthyNodeConditions are a healthy kubelet's: Ready, and no memory, disk or PID pressure (Cluster API's
// NodeHealthy reads all four).
func healthyNodeConditions() []corev1.NodeCondition {
	now := metav1.Now()
	return []corev1.NodeCondition{
		{Type: corev1.NodeReady, Status: corev1.ConditionTrue, Reason: "KubeletReady", LastTransitionTime: now, LastHeartbeatTime: now},
		{Type: corev1.NodeMemoryPressure, Status: corev1.ConditionFalse, Reason: "KubeletHasSufficientMemory", LastTransitionTime: now},
		{Type: corev1.NodeDiskPressure, Status: corev1.ConditionFalse, Reason: "KubeletHasNoDiskPressure", LastTransitionTime: now},
		{Type: corev1.NodePIDPressure, Status: corev1.ConditionFalse, Reason: "KubeletHasSufficientPID", LastTransitionTime: now},
	}
}

// nodeFor is the Node a kubelet registers: the provider ID from its flags, Ready, and on a control plane the
// label and (unless nodeRegistration says otherwise) the taint kubeadm adds.
func nodeFor(p *Plan, version string) *corev1.Node {
	n := &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: p.NodeName, Labels: map[string]string{
			"kubernetes.io/hostname": p.NodeName, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64"}},
		Spec: corev1.NodeSpec{ProviderID: p.ProviderID},
		Status: corev1.NodeStatus{
			NodeInfo:   corev1.NodeSystemInfo{KubeletVersion: version, OperatingSystem: "linux", Architecture: "amd64"},
			Conditions: healthyNodeConditions(),
		},
	}
	taints := p.Taints
	if p.Role != RoleJoinWorker {
		n.Labels[controlPlaneRole] = ""
		n.Labels["node.kubernetes.io/exclude-from-external-load-balancers"] = ""
		if taints == nil {
			taints = []Taint{{Key: controlPlaneRole, Effect: string(corev1.TaintEffectNoSchedule)}}
		}
	}
	for _, t := range taints {
		n.Spec.Taints = append(n.Spec.Taints, corev1.Taint{Key: t.Key, Value: t.Value, Effect: corev1.TaintEffect(t.Effect)})
	}
	return n
}

// staticPod is a running, ready static pod of a control-plane component on a node, as the kubelet mirrors it
// to the API server: marked as a mirror pod, which a node drain leaves alone.
func staticPod(component, node string, annotations map[string]string) *corev1.Pod {
	ann := map[string]string{"kubernetes.io/config.source": "file", "kubernetes.io/config.mirror": component + "-" + node,
		"kubernetes.io/config.hash": component + "-" + node}
	for k, v := range annotations {
		ann[k] = v
	}
	annotations = ann
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: metav1.NamespaceSystem, Name: component + "-" + node,
			Labels: map[string]string{"component": component, "tier": "control-plane"}, Annotations: annotations},
		Spec: corev1.PodSpec{NodeName: node, Containers: []corev1.Container{{Name: component, Image: "registry.k8s.io/" + component}}},
		Status: corev1.PodStatus{Phase: corev1.PodRunning,
			Conditions: []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue}}},
	}
}

// clusterObjects are what `kubeadm init` leaves in a new cluster for KubeadmControlPlane to read and manage:
// the kubeadm-config ConfigMap (the ClusterConfiguration as the user data carried it), the node-reading RBAC
// for joining nodes, kube-proxy and CoreDNS.
func clusterObjects(p *Plan) []client.Object {
	image := func(name, tag string) string { return "registry.k8s.io/" + name + ":" + tag }
	version := p.KubernetesVersion
	if !strings.HasPrefix(version, "v") {
		version = "v" + version
	}
	return []client.Object{
		&rbacv1.ClusterRole{ObjectMeta: metav1.ObjectMeta{Name: "kubeadm:get-nodes"},
			Rules: []rbacv1.PolicyRule{{Verbs: []string{"get"}, APIGroups: []string{""}, Resources: []string{"nodes"}}}},
		&rbacv1.ClusterRoleBinding{ObjectMeta: metav1.ObjectMeta{Name: "kubeadm:get-nodes"},
			RoleRef:  rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: "kubeadm:get-nodes"},
			Subjects: []rbacv1.Subject{{Kind: rbacv1.GroupKind, Name: "system:bootstrappers:kubeadm:default-node-token"}}},
		&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: metav1.NamespaceSystem, Name: "kubeadm-config"},
			Data: map[string]string{"ClusterConfiguration": p.ClusterConfiguration}},
		&appsv1.DaemonSet{ObjectMeta: metav1.ObjectMeta{Namespace: metav1.NamespaceSystem, Name: "kube-proxy",
			Labels: map[string]string{"k8s-app": "kube-proxy"}},
			Spec: appsv1.DaemonSetSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
				Containers: []corev1.Container{{Name: "kube-proxy", Image: image("kube-proxy", version)}}}}}},
		&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: metav1.NamespaceSystem, Name: "coredns"},
			Data: map[string]string{"Corefile": ".:53 {\n    errors\n    health\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n    forward . /etc/resolv.conf\n    cache 30\n}\n"}},
		&appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Namespace: metav1.NamespaceSystem, Name: "coredns",
			Labels: map[string]string{"k8s-app": "kube-dns"}},
			Spec: appsv1.DeploymentSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
				Containers: []corev1.Container{{Name: "coredns", Image: image("coredns/coredns", "v1.12.1")}}}}}},
	}
}

// bootstrapTokenSecret names the Secret that holds a bootstrap token "<id>.<secret>".
func bootstrapTokenSecret(token string) (name, id, secret string, err error) {
	id, secret, ok := strings.Cut(token, ".")
	if !ok || len(id) != 6 || len(secret) != 16 {
		return "", "", "", fmt.Errorf("bootstrap token %q is not of the form [a-z0-9]{6}.[a-z0-9]{16}", redact(token))
	}
	return "bootstrap-token-" + id, id, secret, nil
}

// redact keeps a token's public id and hides its secret.
func redact(token string) string {
	if id, _, ok := strings.Cut(token, "."); ok {
		return id + ".<redacted>"
	}
	return "<redacted>"
}
