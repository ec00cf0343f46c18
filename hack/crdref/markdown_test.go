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

package crdref

import "testing"

func TestCode(t *testing.T) {
	for in, want := range map[string]string{
		"spec.id":  "`spec.id`",
		"a`b":      "``a`b``",
		"`x`":      "`` `x` ``",
		"a``b`c":   "```a``b`c```",
		"^[a-z]+$": "`^[a-z]+$`",
	} {
		if got := Code(in); got != want {
			t.Errorf("Code(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestInlineKeepsCodeSpansAndEscapesTheRest(t *testing.T) {
	for in, want := range map[string]string{
		"plain words":                           "plain words",
		"a *b* _c_ [d](e) <f> & ~g~ \\":         `a \*b\* \_c\_ \[d\](e) &lt;f&gt; &amp; \~g\~ \\`,
		"use `spec.x_y` or `<cluster>-a`":       "use `spec.x_y` or `<cluster>-a`",
		"unclosed ` tick":                       "unclosed \\` tick",
		"run ``a ` b`` then `c`":                "run ``a ` b`` then `c`",
		"mismatched ``a` then":                  "mismatched \\`\\`a\\` then",
		"ENHANCED_CLUSTER or OCI_VCN_IP_NATIVE": `ENHANCED\_CLUSTER or OCI\_VCN\_IP\_NATIVE`,
	} {
		if got := Inline(in); got != want {
			t.Errorf("Inline(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDescription(t *testing.T) {
	for in, want := range map[string]string{
		"":                                 "",
		"One line.":                        "One line.",
		"Joined\nlines.":                   "Joined lines.",
		"First.\n\nSecond\nparagraph.\n":   "First.<br><br>Second paragraph.",
		"Kinds:\n- one\n- two":             "Kinds:<br>- one<br>- two",
		"Deprecated: use `x`.\n\n\n\nEnd.": "Deprecated: use `x`.<br><br>End.",
		"  indented\n  continuation  ":     "indented continuation",
	} {
		if got := Description(in); got != want {
			t.Errorf("Description(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCell(t *testing.T) {
	if got, want := Cell("`a|b` or c|d\ne"), "`a\\|b` or c\\|d e"; got != want {
		t.Errorf("Cell = %q, want %q", got, want)
	}
}
