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

package main

import (
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	cases := []struct {
		name    string
		subject string
		body    string
		kind    Kind
		title   string
	}{
		{"warning emoji with selector", "⚠️ Rename spec.foo to spec.bar", "", Breaking, "Rename spec.foo to spec.bar"},
		{"warning emoji without selector", "⚠ Drop v1beta1", "", Breaking, "Drop v1beta1"},
		{"sparkles", "✨ Machine pools on instance pools", "", Feature, "Machine pools on instance pools"},
		{"bug", "🐛 A deleted pool's Machines go with it", "", Fix, "A deleted pool's Machines go with it"},
		{"book", "📖 Releasing page", "", Docs, "Releasing page"},
		{"seedling", "🌱 Bump golangci-lint", "", Other, "Bump golangci-lint"},
		{"shortcode", ":bug: webhooks: reject an empty CIDR", "", Fix, "webhooks: reject an empty CIDR"},
		{"conventional feat", "feat: OKE add-ons", "", Feature, "OKE add-ons"},
		{"conventional scope", "fix(webhooks): reject an empty CIDR", "", Fix, "webhooks: reject an empty CIDR"},
		{"conventional bang", "feat(api)!: remove spec.foo", "", Breaking, "api: remove spec.foo"},
		{"conventional docs", "docs: the OKE page", "", Docs, "the OKE page"},
		{"conventional chore", "chore: bump actions", "", Other, "bump actions"},
		{"breaking word", "breaking: drop v1beta1", "", Breaking, "drop v1beta1"},
		{"unknown type is unsorted", "ocisim: load balancer operations", "", Unsorted, "ocisim: load balancer operations"},
		{"capitalised area is not a type", "Tests: retry inside Eventually", "", Other, "Tests: retry inside Eventually"},
		{"docs area", "Book: the Machines page", "", Docs, "Book: the Machines page"},
		{"page area", "Performance page: a virtual node pool", "", Docs, "Performance page: a virtual node pool"},
		{"developer guide area", "Developer guide: the machine tests", "", Docs, "Developer guide: the machine tests"},
		{"tooling area", "go mod tidy: uuid is direct", "", Other, "go mod tidy: uuid is direct"},
		{"e2e area", "e2e: index the workload Nodes", "", Other, "e2e: index the workload Nodes"},
		{"plain sentence", "A drift check makes progress across reconciles", "", Unsorted, "A drift check makes progress across reconciles"},
		{"colon without space is not a prefix", "docs:the page", "", Unsorted, "docs:the page"},
		{"trailer wins over subject", "✨ Faster drift checks", "Details.\n\nRelease-Note: fix", Fix, "Faster drift checks"},
		{"trailer on a plain sentence", "Instances keep their fault domain", "Release-note: feature", Feature, "Instances keep their fault domain"},
		{"trailer none skips", "gofmt", "Release-Note: none", Skip, "gofmt"},
		{"unknown trailer value is ignored", "🐛 Fix it", "Release-Note: maybe", Fix, "Fix it"},
		{"trailer must be its own line", "Plain", "see Release-Note: fix in the docs", Unsorted, "Plain"},
		{"breaking change paragraph", "feat: new defaults", "BREAKING CHANGE: spec.x defaults to y", Breaking, "new defaults"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := Classify(Commit{Hash: "0123456789abcdef0123", Subject: tc.subject, Body: tc.body})
			if e.Kind != tc.kind || e.Title != tc.title {
				t.Errorf("Classify(%q, %q) = %v %q, want %v %q", tc.subject, tc.body, e.Kind, e.Title, tc.kind, tc.title)
			}
			if e.Hash != "0123456789ab" {
				t.Errorf("hash %q, want the first 12 characters", e.Hash)
			}
		})
	}
}

func TestParseLog(t *testing.T) {
	out := "aaa\x1f✨ One\x1fbody line 1\nbody line 2\n\x1e\nbbb\x1fTwo\x1f\x1e\n"
	got := ParseLog(out)
	want := []Commit{{"aaa", "✨ One", "body line 1\nbody line 2"}, {"bbb", "Two", ""}}
	if len(got) != len(want) {
		t.Fatalf("ParseLog = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("commit %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if n := len(ParseLog("\n")); n != 0 {
		t.Errorf("ParseLog of empty output has %d commits", n)
	}
}

func TestRenderGroupsByKindOldestFirst(t *testing.T) {
	// git log order: newest first.
	commits := []Commit{
		{Hash: "6666666", Subject: "gofmt", Body: "Release-Note: none"},
		{Hash: "5555555", Subject: "ocisim: faster paging"},
		{Hash: "4444444", Subject: "✨ Second feature"},
		{Hash: "3333333", Subject: "🐛 A fix"},
		{Hash: "2222222", Subject: "✨ First feature"},
		{Hash: "1111111", Subject: "⚠️ Drop v1beta1"},
	}
	want := `## Changes since v0.1.0 (5)

### ⚠️ Breaking changes

- Drop v1beta1 (1111111)

### ✨ New features

- First feature (2222222)
- Second feature (4444444)

### 🐛 Bug fixes

- A fix (3333333)

### ❓ No kind given (sort these before publishing)

- ocisim: faster paging (5555555)
`
	if got := Render("v0.1.0", commits); got != want {
		t.Errorf("Render:\n%s\nwant:\n%s", got, want)
	}
}

func TestRenderFirstReleaseAndNoChanges(t *testing.T) {
	got := Render("", []Commit{{Hash: "1", Subject: "📖 Book"}})
	if !strings.HasPrefix(got, "## Changes (1)\n") || !strings.Contains(got, "### 📖 Documentation\n\n- Book (1)\n") {
		t.Errorf("first release:\n%s", got)
	}
	if got := Render("v0.2.0", nil); got != "## Changes since v0.2.0 (0)\n\nNo changes.\n" {
		t.Errorf("no changes:\n%s", got)
	}
}

func TestEveryListedKindHasAHeading(t *testing.T) {
	for k := Breaking; k <= Unsorted; k++ {
		if headings[k] == "" {
			t.Errorf("kind %d has no heading", k)
		}
	}
}
