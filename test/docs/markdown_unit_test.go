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

package docs

import (
	"testing"

	. "github.com/onsi/gomega"
)

func TestLinkExtraction(t *testing.T) {
	g := NewWithT(t)
	text := "See [a](./a.md), ![img](pic.png \"title\") and [web](https://example.com).\n" +
		"```\n[not](a-link.md)\n```\nInline `[nor](this.md)` nor ``[this](x.md) ` either``.\n" +
		"~~~~yaml\n[fenced](f.md)\n~~~\n[still fenced](g.md)\n~~~~\n" +
		"[ref]: ./ref.md\nAn autolink <https://example.org/x>, and [after](b.md#part).\n"
	g.Expect(linkTargets(text)).To(Equal([]string{"./a.md", "pic.png", "https://example.com", "b.md#part",
		"./ref.md", "https://example.org/x"}))
	g.Expect(isRelative("./a.md")).To(BeTrue())
	g.Expect(isRelative("https://example.com")).To(BeFalse())
	g.Expect(isRelative("mailto:a@example.com")).To(BeFalse())
	g.Expect(isRelative("#anchor")).To(BeFalse())
}

func TestSlugIsMdBooks(t *testing.T) {
	g := NewWithT(t)
	for heading, id := range map[string]string{
		// mdBook's own cases (id_from_content, normalize_id)
		"Method-call expressions":              "method-call-expressions",
		"**Bold** title":                       "bold-title",
		"`Code` title":                         "code-title",
		"`--passes`: add more rustdoc passes":  "--passes-add-more-rustdoc-passes",
		"中文標題 CJK title":                       "中文標題-cjk-title",
		"Über":                                 "Über",
		"Method-call 🐙 expressions \U0001f47c": "method-call--expressions-",
		"_-_12345":                             "_-_12345",
		// the book's
		"Adoption, move and the earlier provider":             "adoption-move-and-the-earlier-provider",
		"The stable identifier: `spec.ociResourceIdentifier`": "the-stable-identifier-specociresourceidentifier",
		"The `<cluster>-kubeconfig` Secret":                   "the-cluster-kubeconfig-secret",
		"A & B":                                               "a--b",
		"See [the emulator](./emulator.md) first":             "see-the-emulator-first",
		"An image ![logo](x.png) here":                        "an-image--here",
		"Raw <em>HTML</em> and a < b":                         "raw-html-and-a--b",
		"_Emphasis_ and snake_case":                           "emphasis-and-snake_case",
		"429, 409 and 404":                                    "429-409-and-404",
	} {
		g.Expect(slug(renderedText(heading))).To(Equal(id), heading)
	}
}

func TestHeadingIDs(t *testing.T) {
	g := NewWithT(t)
	text := "# Title\n\nText # not a heading\n## Errors\n```\n# in code\n```\n### Errors ###\n" +
		"#### Custom {#my-id}\n    ## indented four: code\n#no-space\n## Errors\n"
	g.Expect(headingIDs(text)).To(Equal([]string{"title", "errors", "errors-1", "my-id", "errors-2"}))
}

func TestExternalProblem(t *testing.T) {
	g := NewWithT(t)
	for target, problem := range map[string]string{
		"https://cluster-api.sigs.k8s.io/":       "",
		"https://docs.oracle.com/en-us/iaas/x#y": "",
		"mailto:someone@example.com":             "",
		"http://example.com":                     "not https",
		"https://localhost:8443/metrics":         "no host name",
		"https://user:pw@example.com/":           "has user information",
		"https://exa mple.com":                   "parse \"https://exa mple.com\": invalid character \" \" in host name",
		"mailto:nobody":                          "not an e-mail address",
		"ftp://example.com/file":                 "not https",
	} {
		g.Expect(externalProblem(target)).To(Equal(problem), target)
	}
}
