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

import (
	"strings"
)

// Code is s as an inline code span: fenced by one backtick more than the longest run of backticks in s, and
// padded with a space when s starts or ends with a backtick.
func Code(s string) string {
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// textEscapes turns the characters Markdown or HTML would interpret in prose into their literal forms.
var textEscapes = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "~", `\~`,
	"&", "&amp;", "<", "&lt;", ">", "&gt;",
)

// EscapeText is prose shown literally: no emphasis, link, HTML tag or code span is made of it.
func EscapeText(s string) string { return textEscapes.Replace(s) }

// Inline is one line of a description as Markdown: its code spans (backtick runs closed by a run of the same
// length) kept, the rest shown literally.
func Inline(s string) string {
	var b strings.Builder
	for s != "" {
		i := strings.IndexByte(s, '`')
		if i < 0 {
			b.WriteString(EscapeText(s))
			break
		}
		b.WriteString(EscapeText(s[:i]))
		s = s[i:]
		n := len(s) - len(strings.TrimLeft(s, "`"))
		end := ClosingRun(s[n:], n)
		if end < 0 {
			b.WriteString(EscapeText(s[:n]))
			s = s[n:]
			continue
		}
		b.WriteString(s[:n+end+n])
		s = s[n+end+n:]
	}
	return b.String()
}

// ClosingRun is the index in s of the first run of exactly n backticks, or -1: where a code span opened by n
// backticks closes. The book's link check (test/docs) finds code spans with it too.
func ClosingRun(s string, n int) int {
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '`' {
			j++
		}
		if j-i == n {
			return i
		}
		i = j
	}
	return -1
}

// Description is a schema description on one line, for a table cell: the lines of a paragraph joined by spaces
// (a line that starts a list item, "- " or "* ", by a line break), paragraphs by a blank line.
func Description(s string) string {
	var paras []string
	for _, p := range strings.Split(strings.TrimSpace(s), "\n\n") {
		var b strings.Builder
		for i, line := range strings.Split(p, "\n") {
			line = strings.TrimSpace(line)
			switch {
			case line == "":
				continue
			case i > 0 && (strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* ")):
				b.WriteString("<br>")
			case i > 0:
				b.WriteString(" ")
			}
			b.WriteString(Inline(line))
		}
		if b.Len() > 0 {
			paras = append(paras, b.String())
		}
	}
	return strings.Join(paras, "<br><br>")
}

// Cell is s made safe for a table cell: pipes escaped (GitHub-flavoured tables need it even in code spans) and
// no line breaks.
func Cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", " ")
}
