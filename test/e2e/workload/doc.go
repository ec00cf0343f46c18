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

// Package workload is the workload side of the local lifecycle: it boots the OCI emulator's instances into
// workload clusters served by Cluster API's in-memory API server and etcd. A machine's first boot reads only
// its user data (cloud-init write_files and runcmd, as Cluster API's kubeadm bootstrap provider writes them)
// and does what kubeadm init or join would: the cluster's listener and CAs, the static pods and etcd member
// KubeadmControlPlane checks, the kubeadm objects, and the Node with its provider ID. A terminated instance's
// node goes with it.
package workload
